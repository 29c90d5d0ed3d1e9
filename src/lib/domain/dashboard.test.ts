import { describe, expect, it } from 'vitest';
import { triage, type TriageInput } from './triage';
import {
	daysSince,
	filterRows,
	latestGap,
	markTrend,
	needTagsOf,
	sortRows,
	type DashboardRow
} from './dashboard';

const today = new Date('2026-11-25T12:00:00Z');
const ago = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString();

const calm: TriageInput & { calibrationGap: number | null } = {
	waitingQuestions: 0,
	repliesWaiting: 0,
	awaitingApproval: 0,
	approvalSince: null,
	helpAskedAt: null,
	reflection: null,
	confidence: null,
	latestMark: null,
	goalsOverdue: 0,
	unansweredFeedbackAt: null,
	pace: 'onTrack',
	lastActivityAt: ago(1),
	lastLogAt: ago(1),
	performing: true,
	calibrationGap: null
};

function row(name: string, input: Partial<typeof calm> = {}, extra: Partial<DashboardRow> = {}): DashboardRow {
	const facts = { ...calm, ...input };
	const a = triage(facts, today);
	return {
		id: name,
		name,
		username: name.toLowerCase(),
		phases: [],
		planned: 0,
		done: 0,
		pace: facts.pace,
		lastActivityAt: facts.lastActivityAt,
		lastLogAt: facts.lastLogAt,
		waitingQuestions: facts.waitingQuestions,
		awaitingApproval: facts.awaitingApproval,
		marks: [],
		calibrationGap: facts.calibrationGap,
		needTags: [],
		autonomy: null,
		attention: a,
		status: a.urgency,
		...extra
	};
}

describe('daysSince', () => {
	it('counts whole days and is null for nothing or a broken date', () => {
		expect(daysSince(ago(3), today)).toBe(3);
		expect(daysSince(ago(0.5), today)).toBe(0);
		expect(daysSince(new Date(today.getTime() + 60_000).toISOString(), today)).toBe(0);
		expect(daysSince(null, today)).toBeNull();
		expect(daysSince('gisteren', today)).toBeNull();
	});
});

describe('marks', () => {
	it('gives the trend of the last two marks', () => {
		expect(markTrend([])).toBeNull();
		expect(markTrend([5])).toBeNull();
		expect(markTrend([4, 6])).toBe('up');
		expect(markTrend([7, 6, 5])).toBe('down');
		expect(markTrend([6, 6])).toBe('flat');
	});
	it('takes the latest gap that exists', () => {
		expect(latestGap([])).toBeNull();
		expect(latestGap([2, null])).toBe(2);
		expect(latestGap([2, -1, null])).toBe(-1);
	});
});

describe('sorting and filtering', () => {
	const noah = row('Noah', { lastActivityAt: ago(0), lastLogAt: ago(12), pace: 'behind', waitingQuestions: 1, awaitingApproval: 1 }, { needTags: ['Rekenen'], autonomy: 'guided' });
	const daan = row('Daan', { pace: 'ahead' }, { autonomy: 'selfDirected' });
	const samira = row('Samira', { calibrationGap: -2, waitingQuestions: 2, repliesWaiting: 1 }, { needTags: ['Zelfvertrouwen'], autonomy: 'guided' });
	const lotte = row('Lotte', { lastActivityAt: ago(3), pace: 'notStarted' });
	const rows = [daan, lotte, samira, noah];

	it('puts who needs me now first by default, ties by name', () => {
		expect(sortRows(rows).map((r) => r.name)).toEqual(['Noah', 'Samira', 'Daan', 'Lotte']);
	});

	it('sorts by name, last activity, pace and waiting questions, both ways', () => {
		expect(sortRows(rows, 'name').map((r) => r.name)).toEqual(['Daan', 'Lotte', 'Noah', 'Samira']);
		expect(sortRows(rows, 'name', 'desc').map((r) => r.name)).toEqual(['Samira', 'Noah', 'Lotte', 'Daan']);
		expect(sortRows(rows, 'lastActivity').map((r) => r.name)).toEqual(['Lotte', 'Samira', 'Daan', 'Noah']);
		expect(sortRows(rows, 'pace').map((r) => r.name)).toEqual(['Noah', 'Lotte', 'Samira', 'Daan']);
		expect(sortRows(rows, 'waiting').map((r) => r.name)).toEqual(['Samira', 'Noah', 'Daan', 'Lotte']);
		expect(rows.map((r) => r.name)).toEqual(['Daan', 'Lotte', 'Samira', 'Noah']);
	});

	it('filters by need tag, autonomy level, behind, status and name', () => {
		expect(filterRows(rows, {}).length).toBe(4);
		expect(filterRows(rows, { needTag: 'Rekenen' }).map((r) => r.name)).toEqual(['Noah']);
		expect(filterRows(rows, { autonomy: 'guided' }).map((r) => r.name)).toEqual(['Samira', 'Noah']);
		expect(filterRows(rows, { autonomy: 'none' }).map((r) => r.name)).toEqual(['Lotte']);
		expect(filterRows(rows, { behindOnly: true }).map((r) => r.name)).toEqual(['Noah']);
		expect(filterRows(rows, { needsMeOnly: true }).map((r) => r.name)).toEqual(['Samira', 'Noah']);
		expect(filterRows(rows, { search: ' lot ' }).map((r) => r.name)).toEqual(['Lotte']);
		expect(needTagsOf(rows)).toEqual(['Rekenen', 'Zelfvertrouwen']);
	});
});
