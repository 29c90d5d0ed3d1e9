/**
 * The pure rules of the self-regulated learning (SRL) cycle (Zimmerman):
 * forethought → performance → reflection → done, and then the next cycle's forethought.
 *
 * Phase changes are patches ({ phase }) that the caller writes like any other edit, so they work
 * offline and merge field by field. Nothing here touches storage.
 */
import { cyclePhases } from './constants';
import type { EntityData } from './entities';
import { byCodeUnits } from './order';

export type Cycle = EntityData['cycle'];
export type CyclePhase = (typeof cyclePhases)[number];
/** The phases a student fills in; `done` has nothing left to fill. */
export type WorkPhase = Exclude<CyclePhase, 'done'>;

/** The field names `missingFor` can report; `performance` means "no log entry with a note or minutes yet". */
export type CycleField =
	| 'aim'
	| 'ratingNow'
	| 'ratingTarget'
	| 'strategy'
	| 'performance'
	| 'howItWent'
	| 'ratingAfter'
	| 'nextStep';

/** A mark on the 1–10 scale the cycle uses for every rating. */
export function isMark(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10;
}

const filled = (value: string | null | undefined): boolean => typeof value === 'string' && value.trim() !== '';

/**
 * The fields still missing to complete a phase, in form order.
 * - forethought: aim, ratingNow, ratingTarget (1–10) and strategy; timeEstimate and needFromCoach are optional.
 * - performance: at least one log entry with a note or minutes > 0.
 * - reflection: howItWent, ratingAfter (1–10) and nextStep; whatWorked and doDifferently are optional.
 */
export function missingFor(cycle: Cycle, phase: WorkPhase): CycleField[] {
	const missing: CycleField[] = [];
	if (phase === 'forethought') {
		const f: NonNullable<Cycle['forethought']> = cycle.forethought ?? {};
		if (!filled(f.aim)) missing.push('aim');
		if (!isMark(f.ratingNow)) missing.push('ratingNow');
		if (!isMark(f.ratingTarget)) missing.push('ratingTarget');
		if (!filled(f.strategy)) missing.push('strategy');
	} else if (phase === 'performance') {
		const logged = (cycle.performance ?? []).some((e) => filled(e.note) || (e.minutes ?? 0) > 0);
		if (!logged) missing.push('performance');
	} else {
		const r: NonNullable<Cycle['reflection']> = cycle.reflection ?? {};
		if (!filled(r.howItWent)) missing.push('howItWent');
		if (!isMark(r.ratingAfter)) missing.push('ratingAfter');
		if (!filled(r.nextStep)) missing.push('nextStep');
	}
	return missing;
}

function phaseOf(cycle: Cycle): CyclePhase {
	return cycle.phase ?? 'forethought';
}

/** The phase after this one, or null after `done`. */
export function nextPhase(phase: CyclePhase): CyclePhase | null {
	return cyclePhases[cyclePhases.indexOf(phase) + 1] ?? null;
}

/** The phase before this one, or null for `forethought`. */
export function previousPhase(phase: CyclePhase): CyclePhase | null {
	const i = cyclePhases.indexOf(phase);
	return i > 0 ? (cyclePhases[i - 1] ?? null) : null;
}

/**
 * Whether the cycle may move to its next phase, and what is still missing if not.
 * The current phase and every phase before it must be complete (a student who went back and
 * emptied their aim cannot skip past it). A finished cycle cannot advance: `{ ok: false, missing: [] }`.
 */
export function canAdvance(cycle: Cycle): { ok: boolean; missing: CycleField[] } {
	const phase = phaseOf(cycle);
	if (phase === 'done') return { ok: false, missing: [] };
	const upTo = cyclePhases.slice(0, cyclePhases.indexOf(phase) + 1) as WorkPhase[];
	const missing = upTo.flatMap((p) => missingFor(cycle, p));
	return { ok: missing.length === 0, missing };
}

/** Thrown by `advance` and `goBack` when the move is not allowed; `missing` says what to fill in. */
export class CycleTransitionError extends Error {
	constructor(
		readonly code: 'cycle_incomplete' | 'cycle_done' | 'cycle_at_start',
		readonly missing: CycleField[] = []
	) {
		super(code);
		this.name = 'CycleTransitionError';
	}
}

/**
 * The patch that moves the cycle to its next phase. THROWS a `CycleTransitionError` when
 * `canAdvance` says no (it never returns an empty patch), so a button that forgot to check
 * cannot silently write nothing.
 */
export function advance(cycle: Cycle): Partial<Cycle> {
	const phase = phaseOf(cycle);
	if (phase === 'done') throw new CycleTransitionError('cycle_done');
	const { ok, missing } = canAdvance(cycle);
	const next = nextPhase(phase);
	if (!ok || next === null) throw new CycleTransitionError('cycle_incomplete', missing);
	return { phase: next };
}

/** A student may go back one phase (to change their plan or log more), except from forethought or once done. */
export function canGoBack(cycle: Cycle): boolean {
	const phase = phaseOf(cycle);
	return phase !== 'forethought' && phase !== 'done';
}

/** The patch that moves the cycle one phase back; nothing filled in is lost. THROWS a `CycleTransitionError` when not allowed. */
export function goBack(cycle: Cycle): Partial<Cycle> {
	const phase = phaseOf(cycle);
	if (phase === 'done') throw new CycleTransitionError('cycle_done');
	const previous = previousPhase(phase);
	if (previous === null) throw new CycleTransitionError('cycle_at_start');
	return { phase: previous };
}

/**
 * The next cycle, pre-filled from the previous one: its reflection's next step becomes the new
 * aim and its mark afterwards becomes the new "where am I now". Goal and choice carry over.
 * Values the previous cycle did not have are left out, not set to empty.
 */
export function nextCycleSeed(previous: { id: string; data: Cycle }): Partial<Cycle> {
	const { data } = previous;
	const forethought: NonNullable<Cycle['forethought']> = {};
	const aim = data.reflection?.nextStep?.trim();
	if (aim) forethought.aim = aim;
	const ratingAfter = data.reflection?.ratingAfter;
	if (isMark(ratingAfter)) forethought.ratingNow = ratingAfter;

	const seed: Partial<Cycle> = { phase: 'forethought', previousCycleId: previous.id, forethought };
	if (data.goalId) seed.goalId = data.goalId;
	if (data.choiceId) seed.choiceId = data.choiceId;
	return seed;
}

/** Minutes logged in the performance phase, all entries together. */
export function totalMinutes(cycle: Cycle): number {
	let total = 0;
	for (const entry of cycle.performance ?? []) {
		const m = entry.minutes;
		if (typeof m === 'number' && Number.isFinite(m) && m > 0) total += m;
	}
	return total;
}

export interface CycleRecord {
	id: string;
	createdAt: string;
	data: Cycle;
}

export interface MarkPoint {
	cycleId: string;
	at: string;
	now?: number;
	target?: number;
	after?: number;
	coach?: number;
}

/** Oldest first; an unreadable date sorts last; equal times by id, so the order never flickers. */
function byTime(a: CycleRecord, b: CycleRecord): number {
	const ta = Date.parse(a.createdAt);
	const tb = Date.parse(b.createdAt);
	const ka = Number.isNaN(ta) ? Number.POSITIVE_INFINITY : ta;
	const kb = Number.isNaN(tb) ? Number.POSITIVE_INFINITY : tb;
	if (ka !== kb) return ka < kb ? -1 : 1;
	return byCodeUnits(a.id, b.id);
}

/**
 * The student's own marks (now, target, after) next to the coach's mark, one point per cycle,
 * oldest first, for the plot of marks over time. A mark that was not given is left out of its
 * point; a cycle without any mark at all is left out of the plot.
 */
export function marksOverTime(cycles: readonly CycleRecord[]): MarkPoint[] {
	const points: MarkPoint[] = [];
	for (const c of [...cycles].sort(byTime)) {
		const point: MarkPoint = { cycleId: c.id, at: c.createdAt };
		const { forethought, reflection, coachRating } = c.data;
		if (isMark(forethought?.ratingNow)) point.now = forethought.ratingNow;
		if (isMark(forethought?.ratingTarget)) point.target = forethought.ratingTarget;
		if (isMark(reflection?.ratingAfter)) point.after = reflection.ratingAfter;
		if (isMark(coachRating)) point.coach = coachRating;
		if (Object.keys(point).length > 2) points.push(point);
	}
	return points;
}

/**
 * How well the student's own mark afterwards matches the coach's mark: the mean of
 * (ratingAfter − coachRating) over the cycles that have both, rounded to two decimals.
 * Positive: the student rates themselves higher than the coach does (the research warns about
 * self-overestimation); negative: lower. `gap` is null when no cycle has both marks.
 */
export function calibration(cycles: readonly { data: Cycle }[]): { gap: number | null; n: number } {
	let sum = 0;
	let n = 0;
	for (const { data } of cycles) {
		const self = data.reflection?.ratingAfter;
		const coach = data.coachRating;
		if (isMark(self) && isMark(coach)) {
			sum += self - coach;
			n++;
		}
	}
	return { gap: n === 0 ? null : Math.round((sum / n) * 100) / 100, n };
}
