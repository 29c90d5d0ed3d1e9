import { describe, expect, it } from 'vitest';
import type { DashboardRow } from '$lib/domain/dashboard';
import { ago, marksView, possessive, reasonLabel, rowView } from './labels';

describe('ago', () => {
	const today = new Date(2026, 10, 23, 15);
	const daysBack = (n: number) => new Date(2026, 10, 23 - n, 9).toISOString();

	it('says when, in days, as a coach reads it', () => {
		expect(ago(daysBack(0), today)).toBe('vandaag');
		expect(ago(daysBack(1), today)).toBe('gisteren');
		expect(ago(daysBack(3), today)).toBe('3 dagen geleden');
		expect(ago(daysBack(40), today)).toBe('40 dagen geleden');
		expect(ago(null, today)).toBeNull();
	});
});

describe('what a dashboard row says', () => {
	const today = new Date(2026, 10, 23, 15);
	const row: DashboardRow = {
		id: 'r1',
		name: 'Julia',
		username: 'julia',
		phases: [],
		planned: 35,
		done: 22,
		pace: 'behind',
		lastActivityAt: null,
		lastLogAt: new Date(2026, 10, 14, 9).toISOString(),
		waitingQuestions: 0,
		awaitingApproval: 0,
		marks: [],
		calibrationGap: null,
		needTags: [],
		autonomy: null,
		attention: { urgency: 'fine', score: 0, reasons: [], quietDays: null },
		status: 'fine'
	};

	it('leaves out what does not apply, and says so where the coach looks for it', () => {
		const v = rowView(row, today);
		expect(v.phases).toBe('Geen open cyclus');
		expect(v.activity).toBe('Nog nooit');
		expect(v.questions).toBe('Geen');
		expect(v.items).toBe('22 van 35 klaar');
		// Empty parts are hidden by the page's CSS.
		expect([v.reasons, v.lastLog, v.approvals]).toEqual([[], '', '']);
		expect(v.marks).toBeNull();
	});

	it('names why a student needs the coach, and the quiet log only when it is a reason', () => {
		const reasons = [
			{ kind: 'approval', count: 1, days: 12 },
			{ kind: 'noLog', days: 12, performing: true },
			{ kind: 'behind' }
		] as const;
		const v = rowView(
			{ ...row, name: 'Julia de Vries', status: 'now', waitingQuestions: 2, awaitingApproval: 1, attention: { urgency: 'now', score: 9, reasons: [...reasons], quietDays: 12 } },
			today
		);
		expect(v.status).toBe('Heeft je nu nodig');
		// What the coach can do, with the student's first name, most urgent first.
		expect(v.reasons).toEqual([
			'Keur Julia’s keuze goed (wacht al 12 schooldagen)',
			'Vraag Julia hoe het gaat: 12 schooldagen geen logboek',
			'Plan met Julia bij: loopt achter op de eigen planning'
		]);
		expect(v.lastLog).toBe('laatste log 9 dagen geleden');
		expect(v.questions).toBe('2 wachten op jou');
		expect(v.approvals).toBe('1 keuze wacht op akkoord');
	});

	it('says how long a question, a question back and a help request wait, as it does for a pick', () => {
		expect(reasonLabel({ kind: 'question', count: 1, days: 4 }, 'Lotte Bakker')).toBe('Geef feedback op Lottes leervraag (wacht al 4 schooldagen)');
		expect(reasonLabel({ kind: 'reply', count: 2, days: 3 }, 'Lotte Bakker')).toBe('Beantwoord 2 vragen van Lotte aan jou (wacht al 3 schooldagen)');
		expect(reasonLabel({ kind: 'help', days: 6 }, 'Lotte Bakker')).toBe('Vraag Lotte of het gelukt is: vroeg om hulp in het logboek (wacht al 6 schooldagen)');
		// A day or less is not worth a word.
		expect(reasonLabel({ kind: 'question', count: 1, days: 1 }, 'Lotte Bakker')).toBe('Geef feedback op Lottes leervraag');
	});

	it('writes a Dutch possessive as Dutch does', () => {
		expect(['Samira', 'Noah', 'Thijs', 'Anne', 'Eli', 'Max'].map((n) => possessive(n, 'nl'))).toEqual(['Samira’s', 'Noahs', 'Thijs’', 'Annes', 'Eli’s', 'Max’']);
		expect(['Noah', 'Thijs'].map((n) => possessive(n, 'en'))).toEqual(['Noah’s', 'Thijs’']);
	});

	it('draws self-marks oldest first, the last one with its direction, and says it in words', () => {
		const v = marksView([6, 4, 7, 7, 9, 6])!;
		expect(v.shown).toBe('6↘');
		expect(v.text).toBe('Eigen cijfers van oud naar nieuw: 6, 4, 7, 7, 9, 6 (dalend)');
		const points = v.points!.split(' ').map((p) => p.split(',').map(Number));
		expect(points).toHaveLength(6);
		// Left to right in time; a higher mark is drawn higher (a smaller y).
		expect(points.map(([x]) => x)).toEqual([...points.map(([x]) => x)].sort((a, b) => a! - b!));
		expect(points[4]![1]).toBeLessThan(points[5]![1]!);
		// One mark is no line: the mark alone, no empty drawing beside it.
		expect(marksView([8])).toMatchObject({ points: null, shown: '8' });
	});
});
