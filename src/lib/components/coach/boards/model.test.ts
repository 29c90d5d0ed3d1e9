import { describe, expect, it } from 'vitest';
import { copyItem, isWebAddress, nextOrder, ratingSummary, sortItems } from './model';
import { dutchDefaultLevels } from '$lib/domain/board-file';
import type { EntityData } from '$lib/domain/entities';

const itemId = '11111111-1111-4111-8111-111111111111';
const board = { id: '22222222-2222-4222-8222-222222222222', title: 'B', levels: dutchDefaultLevels, mode: 'stepPlan' as const, groupIds: [] };
const item: EntityData['item'] = { boardId: '33333333-3333-4333-8333-333333333333', title: 'A', level: 'basis', type: 'theory', required: true, workProcessIds: ['B1-K1-W1'], order: 4 };

describe('ratingSummary', () => {
	it('averages stars and keeps the latest comments', () => {
		const r = (stars: number, at: string, comment?: string) => ({ data: { itemId, stars, comment }, createdAt: at });
		const s = ratingSummary([r(5, '2026-01-01', 'Leuk'), r(2, '2026-01-03', ' '), r(4, '2026-01-02', 'Goed'), { data: { itemId: board.id, stars: 1 }, createdAt: '2026-01-04' }], itemId);
		expect(s).toEqual({ average: 3.7, count: 3, comments: [expect.objectContaining({ comment: 'Goed' }), expect.objectContaining({ comment: 'Leuk' })] });
		expect(ratingSummary([], itemId)).toBeNull();
	});
});

describe('copyItem', () => {
	it('copies every field onto the target board', () => {
		const { data, levelChanged } = copyItem(item, board, 7);
		expect(levelChanged).toBe(false);
		expect(data).toEqual({ ...item, boardId: board.id, order: 7 });
		expect(data.workProcessIds).not.toBe(item.workProcessIds);
	});
	it('falls back to the first level when the target has no such level', () => {
		const { data, levelChanged } = copyItem({ ...item, level: 'expert' }, board, 1);
		expect(levelChanged).toBe(true);
		expect(data.level).toBe('support');
	});
});

describe('sortItems and nextOrder', () => {
	it('orders a step plan by step, then by level', () => {
		const list = [
			{ data: { ...item, title: 'c', order: 2 } },
			{ data: { ...item, title: 'a', order: undefined, level: 'support' } },
			{ data: { ...item, title: 'b', order: 1 } }
		];
		expect(sortItems(list, board).map((i) => i.data.title)).toEqual(['b', 'c', 'a']);
		expect(sortItems(list, { ...board, mode: 'free' }).map((i) => i.data.title)).toEqual(['a', 'b', 'c']);
		expect(nextOrder(list)).toBe(3);
		expect(nextOrder([])).toBe(1);
	});
	it('accepts only web addresses', () => {
		expect(isWebAddress('https://example.org/x')).toBe(true);
		expect(isWebAddress('javascript:alert(1)')).toBe(false);
		expect(isWebAddress('example.org')).toBe(false);
	});
});
