import type { autonomyLevels, boardModes } from './constants';
import { byCodeUnits } from './order';
import { inSupportOrder } from './levels';

export type AutonomyLevel = (typeof autonomyLevels)[number];
export type BoardMode = (typeof boardModes)[number];

/**
 * The pick rule: may a student pick an item from a choice board on their own, does the coach
 * approve it first, or can it not be picked yet? "Structure first, autonomy later" (DESIGN.md):
 *
 * - `guided`: every pick waits for the coach's approval. In a step-plan board the steps are
 *   followed in order: a step can be picked only when every earlier step is picked or done.
 * - `shared`: free within the student's own work level ±1 (by position in the board's ordered
 *   levels) and for the board's required items; anything else waits for approval.
 * - `selfDirected`: free.
 *
 * Pure, deterministic and total: every input gives an answer, so the client (to show and store
 * `needsApproval`) and the server (to check it) decide the same.
 */

export type PickOutcome = 'free' | 'needsApproval' | 'notYet';
export type PickReason = 'guided' | 'selfDirected' | 'withinLevel' | 'required' | 'outsideLevel' | 'stepOrder' | 'noLevel';

export interface PickInput {
	/** The student's autonomy record's level; null when the coach has not set one yet. */
	autonomy: AutonomyLevel | null;
	/** The board level key the student works at (autonomy record `workLevel`). */
	workLevel: string | null;
	/** The board's level keys, in the board's order (easiest first). */
	boardLevels: readonly string[];
	boardMode: BoardMode;
	/** `order` is accepted for callers that pass an item's data as it is; step order comes from `earlierStepsTaken`. */
	item: { level: string; required: boolean; order?: number };
	/**
	 * Step plans only: are all earlier steps picked or done? Left out means "not known", which is
	 * treated as taken: the caller that can know it (see `earlierStepsTaken`) passes it.
	 */
	earlierStepsTaken?: boolean;
}

export interface PickDecision {
	outcome: PickOutcome;
	reason: PickReason;
}

/**
 * A student without an autonomy record is treated as guided: the coach has not yet decided how
 * much choice the student is ready for, and structure comes first. The coach sees such picks
 * anyway, so the worst case is one click of approval too many, never a pick nobody looked at.
 */
export function effectiveAutonomy(level: AutonomyLevel | null | undefined): AutonomyLevel {
	return level === 'shared' || level === 'selfDirected' || level === 'guided' ? level : 'guided';
}

/** How far a shared student may stray from their work level without asking (in board levels). */
export const sharedLevelReach = 1;

export function decidePick(input: PickInput): PickDecision {
	const autonomy = effectiveAutonomy(input.autonomy);

	if (autonomy === 'selfDirected') return { outcome: 'free', reason: 'selfDirected' };

	if (autonomy === 'guided') {
		if (input.boardMode === 'stepPlan' && input.earlierStepsTaken === false) return { outcome: 'notYet', reason: 'stepOrder' };
		return { outcome: 'needsApproval', reason: 'guided' };
	}

	// shared: the common core (required items) is always free.
	if (input.item.required) return { outcome: 'free', reason: 'required' };
	// Without a work level on this board there is nothing to measure "±1" against: the student may
	// still pick anything, but the coach approves it (the same as outside the level), and the
	// reason tells the student and coach that the work level is what is missing. A work level whose
	// key the board does not have (boards configure their own levels) counts as missing too.
	const levels = inSupportOrder(input.boardLevels);
	const own = input.workLevel == null ? -1 : levels.indexOf(input.workLevel);
	if (own < 0) return { outcome: 'needsApproval', reason: 'noLevel' };
	const at = levels.indexOf(input.item.level);
	// An item whose level the board does not list is outside every reach.
	if (at >= 0 && Math.abs(at - own) <= sharedLevelReach) return { outcome: 'free', reason: 'withinLevel' };
	return { outcome: 'needsApproval', reason: 'outsideLevel' };
}

/** The board levels a shared student may pick freely: own level ±1 (empty when unknown). */
export function levelsWithinReach(workLevel: string | null | undefined, boardLevels: readonly string[]): string[] {
	const levels = inSupportOrder(boardLevels);
	const own = workLevel == null ? -1 : levels.indexOf(workLevel);
	if (own < 0) return [];
	return levels.filter((_, i) => Math.abs(i - own) <= sharedLevelReach);
}

export interface StepItem {
	id: string;
	order?: number | null;
	title?: string;
}

/**
 * The steps of a step-plan board in order: by `order`, items without one last, then by title and
 * id so that every device shows (and decides on) the same sequence.
 */
export function stepSequence<T extends StepItem>(items: readonly T[]): T[] {
	const key = (o: number | null | undefined) => (typeof o === 'number' && Number.isFinite(o) ? o : Number.POSITIVE_INFINITY);
	return [...items].sort((a, b) => {
		const byOrder = key(a.order) - key(b.order);
		if (byOrder !== 0 && !Number.isNaN(byOrder)) return byOrder;
		const byTitle = (a.title ?? '').localeCompare(b.title ?? '');
		if (byTitle !== 0) return byTitle;
		return byCodeUnits(a.id, b.id);
	});
}

/**
 * Are all steps before `itemId` in the board's sequence taken (picked in any status but dropped,
 * or done)? `takenItemIds` are the items the student has such a choice for. True for the first
 * step, and for an item that is not in the list (nothing known to wait for).
 */
export function earlierStepsTaken(items: readonly StepItem[], itemId: string, takenItemIds: ReadonlySet<string>): boolean {
	const sequence = stepSequence(items);
	const at = sequence.findIndex((i) => i.id === itemId);
	if (at < 0) return true;
	return sequence.slice(0, at).every((i) => takenItemIds.has(i.id));
}

/** The first step that is not taken yet (what a guided student should pick next), or null. */
export function nextStep<T extends StepItem>(items: readonly T[], takenItemIds: ReadonlySet<string>): T | null {
	return stepSequence(items).find((i) => !takenItemIds.has(i.id)) ?? null;
}
