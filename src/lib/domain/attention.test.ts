import { describe, expect, it } from 'vitest';
import { attentionBalance, gini, median, type Contact } from './attention';

const today = new Date(2026, 10, 23, 10, 0); // Monday 23 November 2026, local time
const daysAgo = (n: number, hour = 12) => {
	const d = new Date(2026, 10, 23 - n, hour, 0);
	return d.toISOString();
};
const dateAgo = (n: number) => {
	const d = new Date(2026, 10, 23 - n);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe('attentionBalance', () => {
	it('counts feedback and check-ins per student in the last 2 and 4 weeks', () => {
		const contacts: Contact[] = [
			{ studentId: 'a', at: daysAgo(0), kind: 'feedback' },
			{ studentId: 'a', at: dateAgo(13), kind: 'checkIn' },
			{ studentId: 'a', at: daysAgo(14), kind: 'feedback' },
			{ studentId: 'a', at: daysAgo(27), kind: 'feedback' },
			{ studentId: 'a', at: daysAgo(28), kind: 'feedback' },
			{ studentId: 'b', at: dateAgo(20), kind: 'checkIn' }
		];
		const { perStudent } = attentionBalance({ students: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], contacts, today });
		expect(perStudent).toEqual([
			{ studentId: 'a', last2w: 2, last4w: 4, lastContact: daysAgo(0), noContact4w: false },
			{ studentId: 'b', last2w: 0, last4w: 1, lastContact: dateAgo(20), noContact4w: false },
			{ studentId: 'c', last2w: 0, last4w: 0, lastContact: null, noContact4w: true }
		]);
	});

	it('flags a student whose last contact is older than four weeks, but still names that contact', () => {
		const { perStudent } = attentionBalance({
			students: [{ id: 'a' }],
			contacts: [{ studentId: 'a', at: dateAgo(40), kind: 'checkIn' }],
			today
		});
		expect(perStudent[0]).toEqual({ studentId: 'a', last2w: 0, last4w: 0, lastContact: dateAgo(40), noContact4w: true });
	});

	it('ignores planned check-ins after today, unknown students and unreadable dates', () => {
		const { perStudent } = attentionBalance({
			students: [{ id: 'a' }],
			contacts: [
				{ studentId: 'a', at: dateAgo(-3), kind: 'checkIn' },
				{ studentId: 'z', at: daysAgo(1), kind: 'feedback' },
				{ studentId: 'a', at: 'not a date', kind: 'feedback' }
			],
			today
		});
		expect(perStudent[0]).toMatchObject({ last2w: 0, last4w: 0, lastContact: null, noContact4w: true });
	});

	it('describes the spread of the 4-week counts', () => {
		const contacts: Contact[] = [
			...Array.from({ length: 6 }, () => ({ studentId: 'a', at: daysAgo(2), kind: 'feedback' as const })),
			{ studentId: 'b', at: daysAgo(3), kind: 'feedback' },
			{ studentId: 'c', at: daysAgo(3), kind: 'feedback' }
		];
		const { spread } = attentionBalance({ students: ['a', 'b', 'c', 'd'].map((id) => ({ id })), contacts, today });
		expect(spread).toEqual({ min: 0, max: 6, median: 1, giniOrRatio: gini([6, 1, 1, 0]) });
		expect(spread.giniOrRatio).toBeGreaterThan(0.4);
	});

	it('gives a calm, empty answer without students', () => {
		expect(attentionBalance({ students: [], contacts: [], today })).toEqual({
			perStudent: [],
			spread: { min: 0, max: 0, median: 0, giniOrRatio: 0 }
		});
	});
});

describe('spread helpers', () => {
	it('median of odd and even lists', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 2, 3])).toBe(2.5);
		expect(median([])).toBe(0);
	});

	it('gini is 0 for an even spread and near 1 when one student gets everything', () => {
		expect(gini([2, 2, 2])).toBe(0);
		expect(gini([0, 0, 0])).toBe(0);
		expect(gini([0, 0, 0, 10])).toBe(0.75);
		expect(gini([1, 3])).toBe(0.25);
	});
});
