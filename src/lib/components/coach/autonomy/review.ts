import type { LocalRecord } from '$lib/client/db';
import { levelsWithinReach } from '$lib/domain/autonomy';
import { inSupportOrder } from '$lib/domain/levels';
import { schoolDaysSince } from '$lib/domain/triage';

/** School days a pick has waited for the coach (0 on the day it was made): the dashboard's count (triage.ts). */
export function daysWaiting(createdAt: string, now: Date = new Date()): number {
	return schoolDaysSince(createdAt, now) ?? 0;
}

/** How many board levels the item sits above the student's work level; null when either is unknown. */
export function levelsAbove(itemLevel: string, workLevel: string | null | undefined, boardLevels: readonly string[]): number | null {
	const levels = inSupportOrder(boardLevels);
	const item = levels.indexOf(itemLevel);
	const own = workLevel == null ? -1 : levels.indexOf(workLevel);
	return item < 0 || own < 0 ? null : item - own;
}

/** A pick this far above the work level is worth a second look before approving. */
export const farAboveLevels = 2;

/**
 * Items of the same board to suggest instead: those within reach of the student's work level (all of
 * the board when it is not set), not the pick itself and not what the student already has going.
 */
export function fittingAlternatives(
	items: readonly LocalRecord<'item'>[],
	pick: { itemId: string; boardId: string | null | undefined },
	workLevel: string | null | undefined,
	boardLevels: readonly string[],
	takenItemIds: ReadonlySet<string> = new Set()
): LocalRecord<'item'>[] {
	const reach = new Set(levelsWithinReach(workLevel, boardLevels));
	return items
		.filter((i) => i.data.boardId === pick.boardId && i.id !== pick.itemId && !takenItemIds.has(i.id) && (reach.size === 0 || reach.has(i.data.level)))
		.sort((a, b) => (a.data.order ?? 1e9) - (b.data.order ?? 1e9) || a.data.title.localeCompare(b.data.title));
}
