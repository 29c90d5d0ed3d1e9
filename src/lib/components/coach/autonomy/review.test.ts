import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '$lib/client/db';
import { daysWaiting, fittingAlternatives, levelsAbove } from './review';
import { schoolDaysSince } from '$lib/domain/triage';

// As older boards store them: the cards read them from most support to most challenge all the same.
const levels = ['support', 'basis', 'repeat', 'enrichment', 'deepening'];
const item = (id: string, level: string, boardId = 'b1', title = id) =>
	({ id, data: { boardId, title, level, type: 'practice', required: false }, createdAt: '2026-11-01T10:00:00Z' }) as unknown as LocalRecord<'item'>;

describe('what an approval card tells the coach', () => {
	it('counts the school days a pick has waited, as the dashboard does', () => {
		// Monday 7 December 2026.
		const now = new Date(2026, 11, 7, 9, 0);
		expect(daysWaiting(new Date(2026, 11, 7, 8, 0).toISOString(), now)).toBe(0);
		expect(daysWaiting(new Date(2026, 11, 4, 23, 30).toISOString(), now)).toBe(1);
		// Wednesday 25 November: twelve calendar days, eight school days.
		const since = new Date(2026, 10, 25, 10, 0).toISOString();
		expect(daysWaiting(since, now)).toBe(8);
		expect(daysWaiting(since, now)).toBe(schoolDaysSince(since, now));
	});

	it('says how far above the work level a pick is, and nothing when a level is unknown', () => {
		expect(levelsAbove('enrichment', 'basis', levels)).toBe(2);
		expect(levelsAbove('deepening', 'basis', levels)).toBe(1);
		expect(levelsAbove('basis', 'basis', levels)).toBe(0);
		expect(levelsAbove('support', 'repeat', levels)).toBe(-1);
		expect(levelsAbove('deepening', null, levels)).toBeNull();
		expect(levelsAbove('expert', 'basis', levels)).toBeNull();
	});

	it('suggests items of the same board within reach of the work level, not the pick or what the student already has', () => {
		const items = [item('a', 'support'), item('b', 'basis'), item('c', 'repeat'), item('d', 'enrichment'), item('e', 'basis', 'b2'), item('f', 'basis'), item('g', 'deepening')];
		const pick = { itemId: 'd', boardId: 'b1' };
		expect(fittingAlternatives(items, pick, 'basis', levels, new Set(['f'])).map((i) => i.id)).toEqual(['b', 'c', 'g']);
		// No work level set: the whole board is there to choose from.
		expect(fittingAlternatives(items, pick, null, levels).map((i) => i.id)).toEqual(['a', 'b', 'c', 'f', 'g']);
	});
});
