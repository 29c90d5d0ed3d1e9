/**
 * A proposal for a student's autonomy level from what the student has shown, for the coach to
 * confirm or decline ("structure first, autonomy later": choice grows as students show they can
 * handle it). The coach decides; this only proposes, and says why in terms the coach can check.
 *
 * Three kinds of evidence, each over a recent window so that a student who improved is judged on
 * how they work now, not on how they started:
 * - plans kept: of the picks that fell due in the last `recentWeeks` weeks before this one (pace.ts's
 *   `planRecord`, the rules the dashboard's pace uses), the share done in their week or earlier;
 * - reflections complete: of the last `recentCycles` finished cycles, the share with a complete
 *   reflection (`missingFor(cycle, 'reflection')` is empty);
 * - calibration: over those same cycles, the mean gap between the student's own mark afterwards
 *   and the coach's mark (`calibration`); |gap| ≤ 1 is good, |gap| ≥ 2 is poor.
 *
 * Pure, no I/O.
 */
import type { autonomyLevels } from './constants';
import { calibration, missingFor, type Cycle } from './cycle';
import { planRecord, type PaceChoice, type PaceState } from './pace';

export type AutonomyLevelName = (typeof autonomyLevels)[number];
export type ProposalDirection = 'up' | 'down' | 'stay';
export type EvidenceKind = 'plansKept' | 'reflections' | 'calibration';
/** `unknown`: too little evidence to say (fewer than `minEvidence` cases). */
export type EvidenceSignal = 'good' | 'fair' | 'poor' | 'unknown';

export interface ProposalReason {
	kind: EvidenceKind;
	signal: EvidenceSignal;
	/** plansKept / reflections: the share 0–1; calibration: the mean gap (self − coach); null when n = 0. */
	value: number | null;
	/** plansKept / reflections: how many were kept / complete. */
	hits: number;
	/** How many cases the value is based on. */
	n: number;
	/** plansKept: done after their week, not done yet, and the pace today (as the dashboard says it). */
	late?: number;
	open?: number;
	pace?: PaceState;
}

/** A pick as pace.ts reads it. */
export type ProposalChoice = PaceChoice;

export interface ProposalInput {
	current: AutonomyLevelName;
	choices: readonly ProposalChoice[];
	/** The student's cycles, oldest first (the most recent ones count). */
	cycles: readonly Cycle[];
	today: Date;
	/** The period of the student's boards, as the dashboard's pace takes it. */
	periodStart?: string | null;
	periodEnd?: string | null;
}

export interface Proposal {
	proposal: ProposalDirection;
	to: AutonomyLevelName;
	reasons: ProposalReason[];
}

/** How many weeks back (before this week) planned picks count. */
export const recentWeeks = 6;
/** How many of the latest finished cycles count. */
export const recentCycles = 6;
/** Fewer cases than this: `unknown`. */
export const minEvidence = 2;
/** A share at or above this is good; below `poorShare` is poor. */
export const goodShare = 0.75;
export const poorShare = 0.5;
/** |calibration gap| at or below this is good; at or above `poorGap` is poor. */
export const goodGap = 1;
export const poorGap = 2;

const order: readonly AutonomyLevelName[] = ['guided', 'shared', 'selfDirected'];

function shareSignal(hits: number, n: number): EvidenceSignal {
	if (n < minEvidence) return 'unknown';
	const share = hits / n;
	if (share >= goodShare) return 'good';
	if (share < poorShare) return 'poor';
	return 'fair';
}

/** Plans kept: recent picks (week over, not dropped) done in their week or before. */
export function plansKept(choices: readonly ProposalChoice[], today: Date, period: Pick<ProposalInput, 'periodStart' | 'periodEnd'> = {}): ProposalReason {
	const r = planRecord({ choices, today, ...period }, recentWeeks);
	return { kind: 'plansKept', signal: shareSignal(r.onTime, r.due), value: r.due ? r.onTime / r.due : null, hits: r.onTime, n: r.due, late: r.late, open: r.open, pace: r.status };
}

function recentDone(cycles: readonly Cycle[]): Cycle[] {
	return cycles.filter((c) => c.phase === 'done').slice(-recentCycles);
}

/** Reflections complete: the share of recent finished cycles with a complete reflection. */
export function reflectionsComplete(cycles: readonly Cycle[]): ProposalReason {
	const done = recentDone(cycles);
	const hits = done.filter((c) => missingFor(c, 'reflection').length === 0).length;
	return { kind: 'reflections', signal: shareSignal(hits, done.length), value: done.length ? hits / done.length : null, hits, n: done.length };
}

/** Calibration over the recent finished cycles (and any unfinished one the coach already marked). */
export function calibrationReason(cycles: readonly Cycle[]): ProposalReason {
	const recent = cycles.filter((c) => c.phase === 'done' || typeof c.coachRating === 'number').slice(-recentCycles);
	const { gap, n } = calibration(recent.map((data) => ({ data })));
	let signal: EvidenceSignal = 'unknown';
	if (gap !== null && n >= minEvidence) {
		const size = Math.abs(gap);
		signal = size <= goodGap ? 'good' : size >= poorGap ? 'poor' : 'fair';
	}
	return { kind: 'calibration', signal, value: gap, hits: 0, n };
}

/**
 * - down (not below guided): two or more kinds of evidence are poor.
 * - up to shared (from guided): plans kept and reflections good, calibration not poor (a coach who
 *   has not marked anything yet does not hold a student back from choosing together).
 * - up to selfDirected (from shared): all three good; full self-direction needs a student who
 *   judges their own work about as the coach does.
 * - otherwise stay. Reasons always list all three kinds, in the same order.
 */
export function proposeAutonomy(input: ProposalInput): Proposal {
	const reasons = [plansKept(input.choices, input.today, input), reflectionsComplete(input.cycles), calibrationReason(input.cycles)];
	const [plans, reflections, calib] = reasons as [ProposalReason, ProposalReason, ProposalReason];
	const at = Math.max(0, order.indexOf(input.current));
	const poor = reasons.filter((r) => r.signal === 'poor').length;

	if (poor >= 2 && at > 0) return { proposal: 'down', to: order[at - 1]!, reasons };
	if (poor === 0 && at < order.length - 1 && plans.signal === 'good' && reflections.signal === 'good') {
		const next = order[at + 1]!;
		if (next === 'shared' || calib.signal === 'good') return { proposal: 'up', to: next, reasons };
	}
	return { proposal: 'stay', to: order[at]!, reasons };
}
