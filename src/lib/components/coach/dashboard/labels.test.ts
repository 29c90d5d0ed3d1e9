import { describe, expect, it } from 'vitest';
import { ago } from './labels';

describe('ago', () => {
	const today = new Date(2026, 10, 23, 15);
	const daysBack = (n: number) => new Date(2026, 10, 23 - n, 9).toISOString();

	it('says when, in days, as a coach reads it', () => {
		expect(ago(daysBack(0), today)).toBe('vandaag');
		expect(ago(daysBack(1), today)).toBe('gisteren');
		expect(ago(daysBack(3), today)).toBe('3 dagen geleden');
		expect(ago(daysBack(40), today)).toBe('40 dagen geleden');
		expect(ago(null, today)).toBeNull();
	});
});
