import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { schoolDaysSince, triage, type TriageInput } from './triage';

// Wednesday 25 November 2026, noon.
const today = new Date(2026, 10, 25, 12);
const daysBack = (n: number) => new Date(2026, 10, 25 - n, 9).toISOString();

const calm: TriageInput = {
	awaitingApproval: 0,
	approvalSince: null,
	waitingQuestions: 0,
	repliesWaiting: 0,
	helpAskedAt: null,
	reflection: null,
	lastActivityAt: daysBack(1),
	lastLogAt: daysBack(1),
	performing: true,
	confidence: null,
	latestMark: null,
	goalsOverdue: 0,
	pace: 'onTrack',
	unansweredFeedbackAt: null
};
const kinds = (input: Partial<TriageInput>) => triage({ ...calm, ...input }, today).reasons.map((r) => r.kind);
const urgency = (input: Partial<TriageInput>) => triage({ ...calm, ...input }, today).urgency;

describe('school days', () => {
	it('counts Monday to Friday after the day up to today: a weekend is not silence', () => {
		// Wednesday 25 Nov: Friday 20 Nov is 3 school days ago (Mon, Tue, Wed).
		expect(schoolDaysSince(new Date(2026, 10, 20, 16).toISOString(), today)).toBe(3);
		expect(schoolDaysSince(new Date(2026, 10, 25, 8).toISOString(), today)).toBe(0);
		expect(schoolDaysSince('2026-11-11', today)).toBe(10);
		expect(schoolDaysSince(new Date(2026, 11, 1).toISOString(), today)).toBe(0);
		expect(schoolDaysSince(null, today)).toBeNull();
		expect(schoolDaysSince('gisteren', today)).toBeNull();
		// Saturday and Sunday to Monday: one school day.
		expect(schoolDaysSince('2026-11-21', new Date(2026, 10, 23, 9))).toBe(1);
		expect(schoolDaysSince('2026-11-22', new Date(2026, 10, 23, 9))).toBe(1);
	});
});

describe('triage', () => {
	it('an active student on their plan is on course, with no reasons', () => {
		expect(triage(calm, today)).toMatchObject({ urgency: 'fine', reasons: [] });
	});

	it('is "now" when something waits on the coach', () => {
		expect(triage({ ...calm, awaitingApproval: 2, approvalSince: daysBack(14) }, today).reasons).toEqual([{ kind: 'approval', count: 2, days: 10 }]);
		expect(urgency({ awaitingApproval: 1 })).toBe('now');
		expect(urgency({ repliesWaiting: 1 })).toBe('now');
		// A learning question is the student's own inquiry: feedback on it can wait a little.
		expect(urgency({ waitingQuestions: 1 })).toBe('soon');
		// "I asked for help" is a log fact, often about help at the placement: worth asking about, soon.
		expect(urgency({ helpAskedAt: daysBack(2) })).toBe('soon');
		expect(urgency({ reflection: { mark: 4, target: 7 } })).toBe('now');
		expect(urgency({ reflection: { mark: 5, target: 7 } })).toBe('fine');
		expect(urgency({ confidence: 8, latestMark: 5 })).toBe('now');
		expect(urgency({ confidence: 8, latestMark: 6 })).toBe('fine');
	});

	it('says since when a learning question and a question back wait, in school days', () => {
		expect(triage({ ...calm, waitingQuestions: 2, questionSince: daysBack(7) }, today).reasons).toEqual([{ kind: 'question', count: 2, days: 5 }]);
		expect(triage({ ...calm, repliesWaiting: 1, replySince: daysBack(2) }, today).reasons).toEqual([{ kind: 'reply', count: 1, days: 2 }]);
		expect(triage({ ...calm, waitingQuestions: 1 }, today).reasons).toEqual([{ kind: 'question', count: 1, days: null }]);
	});

	it('counts quiet in school days: a week is "soon", ten school days is "now" (Noah, 12 days)', () => {
		// Wed 18 Nov → Wed 25 Nov: 5 school days.
		expect(triage({ ...calm, lastLogAt: daysBack(7) }, today).reasons).toEqual([{ kind: 'quietWeek', days: 5, performing: true }]);
		expect(urgency({ lastLogAt: daysBack(6) })).toBe('fine');
		expect(urgency({ lastLogAt: daysBack(7) })).toBe('soon');
		expect(kinds({ lastLogAt: daysBack(16) })).toEqual(['noLog']);
		expect(triage({ ...calm, lastActivityAt: daysBack(0), lastLogAt: daysBack(16) }, today).reasons).toEqual([{ kind: 'noLog', days: 12, performing: true }]);
		// Not carrying out a cycle: no log is expected, only their own activity counts.
		expect(urgency({ performing: false, lastLogAt: daysBack(30) })).toBe('fine');
		expect(triage({ ...calm, performing: false, lastActivityAt: daysBack(21) }, today).reasons).toEqual([{ kind: 'noLog', days: 15, performing: false }]);
		// Carrying out a cycle without a log entry yet: the activity counts.
		expect(urgency({ lastLogAt: null, lastActivityAt: daysBack(16) })).toBe('now');
	});

	it('is "soon" for a goal past its week, being behind, unanswered feedforward, or never started', () => {
		expect(kinds({ goalsOverdue: 2 })).toEqual(['goalOverdue']);
		expect(urgency({ pace: 'behind' })).toBe('soon');
		expect(urgency({ unansweredFeedbackAt: daysBack(1) })).toBe('fine');
		expect(triage({ ...calm, unansweredFeedbackAt: daysBack(6) }, today).reasons).toEqual([{ kind: 'feedbackUnanswered', days: 4 }]);
		expect(triage({ ...calm, lastActivityAt: null, lastLogAt: null, performing: false }, today)).toMatchObject({ urgency: 'soon', reasons: [{ kind: 'notStarted' }] });
	});

	it('puts the "now" reasons before the "soon" ones, and sorts now above soon above fine', () => {
		expect(kinds({ pace: 'behind', awaitingApproval: 1, lastLogAt: daysBack(7) })).toEqual(['approval', 'quietWeek', 'behind']);
		const now = triage({ ...calm, repliesWaiting: 1 }, today).score;
		const soon = triage({ ...calm, pace: 'behind', goalsOverdue: 3, unansweredFeedbackAt: daysBack(20), lastLogAt: daysBack(9) }, today).score;
		expect(now).toBeGreaterThan(soon);
		expect(soon).toBeGreaterThan(triage(calm, today).score);
	});
});

const iso = fc.option(
	fc.integer({ min: 0, max: 120 }).map((n) => daysBack(n)),
	{ nil: null }
);
const input: fc.Arbitrary<TriageInput> = fc.record({
	awaitingApproval: fc.integer({ min: 0, max: 5 }),
	approvalSince: iso,
	waitingQuestions: fc.integer({ min: 0, max: 5 }),
	repliesWaiting: fc.integer({ min: 0, max: 3 }),
	helpAskedAt: iso,
	reflection: fc.option(fc.record({ mark: fc.integer({ min: 1, max: 10 }), target: fc.integer({ min: 1, max: 10 }) }), { nil: null }),
	lastActivityAt: iso,
	lastLogAt: iso,
	performing: fc.boolean(),
	confidence: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
	latestMark: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
	goalsOverdue: fc.integer({ min: 0, max: 3 }),
	pace: fc.constantFrom('ahead', 'onTrack', 'behind', 'notStarted'),
	unansweredFeedbackAt: iso
});

describe('triage, for any student', () => {
	it('a student with something waiting on the coach is always "now"', () => {
		fc.assert(
			fc.property(input, (i) => {
				const waits = i.awaitingApproval > 0 || i.repliesWaiting > 0;
				if (waits) expect(triage(i, today).urgency).toBe('now');
			})
		);
	});

	it('a quiet week alone is never "now"', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 13 }), fc.boolean(), (days, performing) => {
				const quiet = { ...calm, performing, lastActivityAt: daysBack(days), lastLogAt: daysBack(days) };
				const t = triage(quiet, today);
				if ((schoolDaysSince(daysBack(days), today) ?? 0) < 10) expect(t.urgency).not.toBe('now');
			})
		);
	});

	it('has a reason for every urgency but "fine", and "now" only with a "now" reason', () => {
		const nowKinds = new Set(['approval', 'reply', 'lowReflection', 'noLog', 'confidenceDrop']);
		fc.assert(
			fc.property(input, (i) => {
				const t = triage(i, today);
				expect(t.urgency === 'fine').toBe(t.reasons.length === 0);
				expect(t.urgency === 'now').toBe(t.reasons.some((r) => nowKinds.has(r.kind)));
				// Sorting never puts a calmer urgency above a more urgent one.
				expect(t.score).toBeGreaterThanOrEqual(t.urgency === 'now' ? 200 : t.urgency === 'soon' ? 100 : 0);
				expect(t.score).toBeLessThan(t.urgency === 'now' ? 10_000 : t.urgency === 'soon' ? 200 : 100);
			})
		);
	});

	it('more time without a log entry never makes a student calmer', () => {
		const rank = { fine: 0, soon: 1, now: 2 } as const;
		fc.assert(
			fc.property(input, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (i, a, b) => {
				const [recent, older] = a < b ? [a, b] : [b, a];
				const at = (n: number) => ({ ...i, performing: true, lastLogAt: daysBack(n), lastActivityAt: daysBack(n) });
				expect(rank[triage(at(older), today).urgency]).toBeGreaterThanOrEqual(rank[triage(at(recent), today).urgency]);
			})
		);
	});
});
