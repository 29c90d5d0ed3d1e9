import { describe, expect, it } from 'vitest';
import {
	buildTimeline,
	cleanTemplates,
	gapInWords,
	insertTemplate,
	loadTemplates,
	parseActions,
	storeTemplates,
	templatesKey,
	questionWaits,
	sentState,
	threadOf,
	type RecordLike
} from './student';
import type { EntityName } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';

const student = '00000000-0000-4000-8000-000000000001';
const coach = '00000000-0000-4000-8000-000000000002';

function rec<E extends EntityName>(id: string, data: EntityData[E], createdAt: string, extra: Partial<RecordLike<E>> = {}): RecordLike<E> {
	return { id, data, authorId: student, createdAt, syncedAt: null, ...extra };
}

describe('buildTimeline', () => {
	it('lists every record newest first, with later moments for finished work', () => {
		const entries = buildTimeline(
			{
				intake: [rec<'intake'>('i1', { completedAt: '2025-01-02T10:00:00.000Z' }, '2025-01-01T10:00:00.000Z')],
				goal: [rec<'goal'>('g1', { title: 'Beter plannen', status: 'active' }, '2025-01-03T10:00:00.000Z')],
				choice: [
					rec<'choice'>('c1', { itemId: 'it1', status: 'done', doneAt: '2025-01-08T10:00:00.000Z' }, '2025-01-04T10:00:00.000Z')
				],
				cycle: [
					rec<'cycle'>(
						'y1',
						{
							goalId: 'g1',
							phase: 'done',
							forethought: { aim: 'Elke dag plannen' },
							performance: [
								{ id: 'p1', at: '2025-01-06T10:00:00.000Z', minutes: 30 },
								{ id: 'p2', at: '2025-01-05T10:00:00.000Z', minutes: 10 }
							],
							reflection: { howItWent: 'Goed', ratingAfter: 7 }
						},
						'2025-01-04T12:00:00.000Z',
						{ syncedAt: '2025-01-07T10:00:00.000Z' }
					)
				],
				feedback: [
					rec<'feedback'>('f1', { targetEntity: 'goal', targetId: 'g1', kind: 'feedback', body: 'Mooi doel' }, '2025-01-09T10:00:00.000Z', { authorId: coach }),
					rec<'feedback'>('f2', { targetEntity: 'goal', targetId: 'g1', kind: 'reply', body: 'Dank je' }, '2025-01-10T10:00:00.000Z')
				],
				checkIn: [rec<'checkIn'>('k1', { studentId: student, date: '2025-01-11' }, '2025-01-11T10:00:00.000Z', { authorId: coach })]
			},
			student,
			{ it1: 'Wondzorg oefenen' }
		);
		expect(entries.map((e) => e.event)).toEqual([
			'checkInHeld',
			'studentReplied',
			'feedbackGiven',
			'choiceDone',
			'reflectionFilled',
			'performanceLogged',
			'cycleStarted',
			'choiceCreated',
			'goalCreated',
			'intakeCompleted',
			'intakeStarted'
		]);
		expect(entries.find((e) => e.event === 'choiceDone')?.title).toBe('Wondzorg oefenen');
		expect(entries.find((e) => e.event === 'performanceLogged')?.at).toBe('2025-01-06T10:00:00.000Z');
		expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
	});

	it('leaves out moments that did not happen or have no readable time', () => {
		const entries = buildTimeline(
			{
				intake: [rec<'intake'>('i1', { completedAt: null }, '2025-01-01T10:00:00.000Z')],
				cycle: [rec<'cycle'>('y1', { goalId: 'g1', phase: 'forethought', reflection: {} }, 'not a date')]
			},
			student
		);
		expect(entries.map((e) => e.event)).toEqual(['intakeStarted']);
	});

	it('shortens long titles and keeps an empty input empty', () => {
		const long = 'x'.repeat(200);
		const [entry] = buildTimeline({ goal: [rec<'goal'>('g1', { title: long, status: 'draft' }, '2025-01-01T10:00:00.000Z')] }, student);
		expect(entry?.title?.length).toBe(80);
		expect(buildTimeline({}, student)).toEqual([]);
	});
});

describe('threadOf', () => {
	it('keeps the feedback on one target, oldest first', () => {
		const f = (id: string, targetId: string, at: string) =>
			rec<'feedback'>(id, { targetEntity: 'goal', targetId, kind: 'feedback', body: id }, at);
		const list = [f('b', 't1', '2025-01-02T00:00:00.000Z'), f('c', 't2', '2025-01-01T00:00:00.000Z'), f('a', 't1', '2025-01-01T00:00:00.000Z')];
		expect(threadOf(list, 't1').map((x) => x.id)).toEqual(['a', 'b']);
	});
});

describe('questionWaits', () => {
	const f = (id: string, at: string, authorId: string, kind: 'feedback' | 'feedforward' | 'reply' = 'feedforward', targetId = 'q1') =>
		rec<'feedback'>(id, { targetEntity: 'question', targetId, kind, body: id }, at, { authorId });
	it('waits until a coach answers, and again when the student replies after the answer', () => {
		expect(questionWaits([], 'q1', student)).toBe(true);
		expect(questionWaits([f('x', '2025-01-01T00:00:00.000Z', coach, 'feedforward', 'q2')], 'q1', student)).toBe(true);
		const answered = [f('a', '2025-01-02T00:00:00.000Z', coach)];
		expect(questionWaits(answered, 'q1', student)).toBe(false);
		expect(questionWaits([...answered, f('r', '2025-01-03T00:00:00.000Z', student, 'reply')], 'q1', student)).toBe(true);
		expect(questionWaits([...answered, f('r', '2025-01-01T12:00:00.000Z', student, 'reply')], 'q1', student)).toBe(false);
	});
});

describe('gapInWords', () => {
	it('says which way and by how much', () => {
		expect(gapInWords(2)).toEqual({ direction: 'higher', points: 2 });
		expect(gapInWords(-1.26)).toEqual({ direction: 'lower', points: 1.3 });
		expect(gapInWords(0.2)).toEqual({ direction: 'same', points: 0.2 });
		expect(gapInWords(null)).toBeNull();
	});
});

describe('parseActions', () => {
	it('takes one action per line and drops empty lines', () => {
		expect(parseActions('  Planning maken \n\n\r\nStage bellen\n')).toEqual(['Planning maken', 'Stage bellen']);
		expect(parseActions('')).toEqual([]);
		expect(parseActions(Array.from({ length: 40 }, (_, i) => `a${i}`).join('\n'))).toHaveLength(30);
		expect(parseActions('y'.repeat(600))[0]).toHaveLength(500);
	});
});

describe('templates', () => {
	function memory(): Storage {
		const map = new Map<string, string>();
		return {
			get length() {
				return map.size;
			},
			clear: () => map.clear(),
			getItem: (k) => map.get(k) ?? null,
			key: (i) => [...map.keys()][i] ?? null,
			removeItem: (k) => void map.delete(k),
			setItem: (k, v) => void map.set(k, v)
		};
	}

	it('gives the defaults until the coach saves their own, per coach', () => {
		const storage = memory();
		expect(loadTemplates(storage, coach, ['A', 'B'])).toEqual(['A', 'B']);
		expect(storeTemplates(storage, coach, [' Eigen ', '', 'Eigen', 'Twee'])).toEqual(['Eigen', 'Twee']);
		expect(loadTemplates(storage, coach, ['A'])).toEqual(['Eigen', 'Twee']);
		expect(loadTemplates(storage, student, ['A'])).toEqual(['A']);
	});

	it('falls back to the defaults on unreadable storage and reports a refused write', () => {
		const storage = memory();
		storage.setItem(templatesKey(coach), '{not json');
		expect(loadTemplates(storage, coach, ['A'])).toEqual(['A']);
		expect(loadTemplates(undefined, coach, ['A'])).toEqual(['A']);
		const full = { setItem: () => { throw new Error('QuotaExceededError'); } };
		expect(storeTemplates(full, coach, ['x'])).toBe(false);
		expect(cleanTemplates('nope')).toBeNull();
		expect(cleanTemplates([1, 'a'])).toEqual(['a']);
	});

	it('puts a template after what is typed already', () => {
		expect(insertTemplate('', 'T')).toBe('T');
		expect(insertTemplate('Hallo  \n', 'T')).toBe('Hallo\n\nT');
	});
});

describe('sentState', () => {
	const at = '2026-12-07T09:05:00.000Z';
	it('says "sent" only with the server’s receipt: kept on the device offline, on its way online', () => {
		expect(sentState({ pending: 1, syncedAt: null }, undefined, false)).toEqual({ state: 'kept' });
		expect(sentState({ pending: 1, syncedAt: null }, undefined, true)).toEqual({ state: 'sending' });
		expect(sentState({ pending: 0, syncedAt: at }, undefined, true)).toEqual({ state: 'sent', at });
		expect(sentState({ pending: 0, syncedAt: null }, undefined, true)).toBeNull();
		expect(sentState(undefined, undefined, true)).toBeNull();
	});

	it('a message the server refused is not "on its way": it says why', () => {
		expect(sentState({ pending: 1, syncedAt: null }, { error: 'Dit mag jij niet opslaan.' }, true)).toEqual({ state: 'refused', reason: 'Dit mag jij niet opslaan.' });
	});
});
