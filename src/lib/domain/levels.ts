/**
 * The order of a board's levels: from most support to most challenge. The default levels have one fixed
 * order (`defaultLevels`); every place that ranks or lists levels goes through `inSupportOrder`, so a
 * board stored in another order (older boards, imported files) still reads the same everywhere.
 */
import { defaultLevels } from './constants';

const rank = new Map<string, number>(defaultLevels.map((key, i) => [key, i]));

const keyOf = (level: string | { key: string }) => (typeof level === 'string' ? level : level.key);

/**
 * The default levels in their fixed order, each in a place a default level had; a coach's own levels
 * stay where the coach put them. Pure, and the same for keys or level objects.
 */
export function inSupportOrder<T extends string | { key: string }>(levels: readonly T[]): T[] {
	const slots: number[] = [];
	const known: T[] = [];
	levels.forEach((level, i) => {
		if (!rank.has(keyOf(level))) return;
		slots.push(i);
		known.push(level);
	});
	known.sort((a, b) => rank.get(keyOf(a))! - rank.get(keyOf(b))!);
	const out = [...levels];
	slots.forEach((slot, i) => (out[slot] = known[i]!));
	return out;
}
