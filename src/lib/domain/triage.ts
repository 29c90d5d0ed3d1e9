/**
 * Coach triage: how soon a student needs their coach, and why, as a rule a coach can read.
 *
 * - **nu** (now): something waits on the coach: a pick to approve, a reply that asks the coach
 *   something (it has a question mark) with no coach message since, a reflection 3 or more below the student's own target
 *   that the coach has not responded to, 10 or more school days without a log entry (or without
 *   anything at all when no cycle is being carried out), a self-mark 3 or more below the confidence
 *   the student gave in the intake.
 * - **binnenkort** (soon): a learning question without the coach's feedback yet (the student's own
 *   inquiry, not a question to the coach), "I asked for help" in the log with no coach contact since
 *   (asked of someone at the placement as often as of the coach), one quiet week (5 to 9 school days), a goal past its planned week,
 *   behind on their own plan, the coach's feedforward unanswered for 3 school days or more,
 *   never started.
 * - **op koers** (fine): none of these.
 *
 * Quiet time is counted in school days (Monday to Friday): a weekend is not silence. Pure, no I/O:
 * the server stores the facts (facts.service.ts) and applies this rule with the day it is read.
 */
import { toDayNumber, weekday, type PaceState } from './pace';

export type Urgency = 'now' | 'soon' | 'fine';

/** A reason, with the numbers its sentence needs; phrased for the coach in the interface. */
export type TriageReason =
	| { kind: 'approval'; count: number; days: number | null }
	| { kind: 'reply'; count: number; days: number | null }
	| { kind: 'lowReflection'; mark: number; target: number }
	| { kind: 'noLog'; days: number; performing: boolean }
	| { kind: 'confidenceDrop'; from: number; to: number }
	| { kind: 'question'; count: number; days: number | null }
	| { kind: 'help'; days: number | null }
	| { kind: 'quietWeek'; days: number; performing: boolean }
	| { kind: 'goalOverdue'; count: number }
	| { kind: 'behind' }
	| { kind: 'feedbackUnanswered'; days: number }
	| { kind: 'notStarted' };

export type TriageReasonKind = TriageReason['kind'];

/** Which urgency each reason gives. */
export const reasonUrgency: Record<TriageReasonKind, Exclude<Urgency, 'fine'>> = {
	approval: 'now',
	reply: 'now',
	question: 'soon',
	help: 'soon',
	lowReflection: 'now',
	noLog: 'now',
	confidenceDrop: 'now',
	quietWeek: 'soon',
	goalOverdue: 'soon',
	behind: 'soon',
	feedbackUnanswered: 'soon',
	notStarted: 'soon'
};

/** The facts triage reads; dates are ISO strings, null when there is none. */
export interface TriageInput {
	/** Picks waiting for the coach's approval, and since when the oldest waits. */
	awaitingApproval: number;
	approvalSince: string | null;
	/** Learning questions without a (newer) coach answer, and since when the oldest of them waits. */
	waitingQuestions: number;
	questionSince?: string | null;
	/** Threads in which the student's reply asks something and is newer than the coach's last message, and since when the oldest waits. */
	repliesWaiting: number;
	replySince?: string | null;
	/** The oldest help request in a log that no coach feedback or check-in has followed. */
	helpAskedAt: string | null;
	/** The latest reflection's mark and the student's own target for it, when the coach has not responded to it. */
	reflection: { mark: number; target: number } | null;
	/** The latest moment the student changed one of their own records. */
	lastActivityAt: string | null;
	/** The latest performance-log entry. */
	lastLogAt: string | null;
	/** A cycle is in its performance phase, so log entries are expected. */
	performing: boolean;
	/** The confidence (1–10) the student gave in the intake, and their latest self-mark. */
	confidence: number | null;
	latestMark: number | null;
	/** Open goals (draft or active) whose planned date lies before this week. */
	goalsOverdue: number;
	pace: PaceState;
	/** The oldest feedforward of a coach that the student did not reply to. */
	unansweredFeedbackAt: string | null;
}

export interface Triage {
	urgency: Urgency;
	/** `now` reasons first, then `soon`; in the order of the rule above. */
	reasons: TriageReason[];
	/** Higher is sooner: the urgency first, then how much waits and how long. For sorting only. */
	score: number;
	/** School days without a log entry (or without activity); null when never active. */
	quietDays: number | null;
}

export const noLogFrom = 10;
export const quietWeekFrom = 5;
export const reflectionBelowTarget = 3;
export const confidenceDropFrom = 3;
export const feedbackUnansweredFrom = 3;

/**
 * School days (Monday to Friday) after `from` up to and including `today`: Friday → Monday is 1,
 * the same day is 0, a date in the future is 0. Null for a missing or broken date.
 */
export function schoolDaysSince(from: string | null | undefined, today: Date): number | null {
	const a = from ? toDayNumber(from) : null;
	const b = toDayNumber(today);
	if (a === null || b === null) return null;
	if (b <= a) return 0;
	const total = b - a;
	const weeks = Math.floor(total / 7);
	let count = weeks * 5;
	for (let n = a + weeks * 7 + 1; n <= b; n++) if (weekday(n) < 5) count++;
	return count;
}

const weight: Record<TriageReasonKind, number> = {
	approval: 8,
	reply: 7,
	question: 3,
	help: 8,
	lowReflection: 6,
	noLog: 7,
	confidenceDrop: 6,
	quietWeek: 4,
	goalOverdue: 2,
	behind: 3,
	feedbackUnanswered: 2,
	notStarted: 3
};

/** The rule (see the top of this file). */
export function triage(input: TriageInput, today: Date): Triage {
	const reasons: TriageReason[] = [];
	if (input.awaitingApproval > 0) reasons.push({ kind: 'approval', count: input.awaitingApproval, days: schoolDaysSince(input.approvalSince, today) });
	if (input.repliesWaiting > 0) reasons.push({ kind: 'reply', count: input.repliesWaiting, days: schoolDaysSince(input.replySince, today) });
	if (input.reflection && input.reflection.mark <= input.reflection.target - reflectionBelowTarget) {
		reasons.push({ kind: 'lowReflection', mark: input.reflection.mark, target: input.reflection.target });
	}
	// Quiet: without a log entry while carrying out a cycle, else without any activity of their own.
	const since = input.performing ? (input.lastLogAt ?? input.lastActivityAt) : input.lastActivityAt;
	const quietDays = schoolDaysSince(since, today);
	if (quietDays !== null && quietDays >= noLogFrom) reasons.push({ kind: 'noLog', days: quietDays, performing: input.performing });
	if (input.confidence !== null && input.latestMark !== null && input.latestMark <= input.confidence - confidenceDropFrom) {
		reasons.push({ kind: 'confidenceDrop', from: input.confidence, to: input.latestMark });
	}

	if (input.waitingQuestions > 0) reasons.push({ kind: 'question', count: input.waitingQuestions, days: schoolDaysSince(input.questionSince, today) });
	if (input.helpAskedAt) reasons.push({ kind: 'help', days: schoolDaysSince(input.helpAskedAt, today) });
	if (quietDays !== null && quietDays >= quietWeekFrom && quietDays < noLogFrom) reasons.push({ kind: 'quietWeek', days: quietDays, performing: input.performing });
	if (input.goalsOverdue > 0) reasons.push({ kind: 'goalOverdue', count: input.goalsOverdue });
	if (input.pace === 'behind') reasons.push({ kind: 'behind' });
	const unanswered = schoolDaysSince(input.unansweredFeedbackAt, today);
	if (unanswered !== null && unanswered >= feedbackUnansweredFrom) reasons.push({ kind: 'feedbackUnanswered', days: unanswered });
	if (input.lastActivityAt === null) reasons.push({ kind: 'notStarted' });

	const urgency: Urgency = reasons.some((r) => reasonUrgency[r.kind] === 'now') ? 'now' : reasons.length ? 'soon' : 'fine';
	const rank = urgency === 'now' ? 200 : urgency === 'soon' ? 100 : 0;
	// Within an urgency: more reasons first, then the longest wait (at most 30 school days counted).
	const waited = Math.min(30, Math.max(quietDays ?? 0, ...reasons.map((r) => ('days' in r && r.days !== null ? r.days : 0))));
	const score = rank + reasons.reduce((s, r) => s + weight[r.kind], 0) * 2 + waited / 31;
	return { urgency, reasons, score, quietDays };
}

/** The `data-urgency` value of a card. */
export const urgencies: readonly Urgency[] = ['now', 'soon', 'fine'];
