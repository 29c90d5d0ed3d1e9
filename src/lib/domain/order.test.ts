import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byCodeUnits } from './order';

describe('byCodeUnits', () => {
	it('orders ISO times, calendar dates, weeks and ids as localeCompare did', () => {
		const iso = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
		const values = fc.oneof(iso, iso.map((s) => s.slice(0, 10)), fc.uuid(), fc.constantFrom('2026-W01', '2026-W48', '2027-W02', '9999', ''));
		fc.assert(
			fc.property(values, values, (a, b) => {
				expect(Math.sign(byCodeUnits(a, b))).toBe(Math.sign(a.localeCompare(b)));
			}),
			{ numRuns: 2000 }
		);
	});
});
