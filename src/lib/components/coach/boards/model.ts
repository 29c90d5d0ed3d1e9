import type { EntityData } from '$lib/domain/entities';
import { byCodeUnits } from '$lib/domain/order';
import { inSupportOrder } from '$lib/domain/levels';

type Board = EntityData['board'];
type Item = EntityData['item'];

export interface RatingSummary {
	average: number;
	count: number;
	/** Up to three latest non-empty comments, newest first. */
	comments: { comment: string; stars: number; at: string }[];
}

/** Students' ratings of one item: the average stars, how many, and the latest comments. */
export function ratingSummary(ratings: readonly { data: EntityData['rating']; createdAt: string }[], itemId: string): RatingSummary | null {
	const mine = ratings.filter((r) => r.data.itemId === itemId);
	if (!mine.length) return null;
	const average = Math.round((mine.reduce((sum, r) => sum + r.data.stars, 0) / mine.length) * 10) / 10;
	const comments = mine
		.filter((r) => r.data.comment?.trim())
		.sort((a, b) => byCodeUnits(b.createdAt, a.createdAt))
		.slice(0, 3)
		.map((r) => ({ comment: r.data.comment!.trim(), stars: r.data.stars, at: r.createdAt }));
	return { average, count: mine.length, comments };
}

/** The items of one board, in the order a student meets them (step plan by `order`, then by level and title). */
export function sortItems<T extends { data: Item }>(items: readonly T[], board: Board): T[] {
	const rank = new Map(inSupportOrder(board.levels).map((l, i) => [l.key, i]));
	return [...items].sort((a, b) => {
		if (board.mode === 'stepPlan') {
			const d = (a.data.order ?? 10_001) - (b.data.order ?? 10_001);
			if (d) return d;
		}
		return (rank.get(a.data.level) ?? 99) - (rank.get(b.data.level) ?? 99) || a.data.title.localeCompare(b.data.title);
	});
}

/**
 * A copy of a library item for another board: the same fields, on the target board. When the target
 * board has no level with the same key, the copy goes to the first level (the caller says so).
 */
export function copyItem(item: Item, board: Board & { id: string }, nextOrder: number): { data: Item; levelChanged: boolean } {
	const keys = inSupportOrder(board.levels).map((l) => l.key);
	const levelChanged = !keys.includes(item.level);
	const data: Item = {
		...structuredClone(item),
		boardId: board.id,
		level: levelChanged ? keys[0]! : item.level
	};
	if (board.mode === 'stepPlan') data.order = nextOrder;
	return { data, levelChanged };
}

/** The next free step number of a step plan. */
export function nextOrder(items: readonly { data: Item }[]): number {
	return items.reduce((max, i) => Math.max(max, (i.data.order ?? 0) + 1), 1);
}

/** An http(s) address, as the server accepts it. */
export function isWebAddress(value: string): boolean {
	try {
		const url = new URL(value.trim());
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
}
