import { describe, expect, it } from 'vitest';
import { defaultLevels } from './constants';
import { dutchDefaultLevels } from './board-file';
import { inSupportOrder } from './levels';

// As boards were made (and the demo still stores them) before the order was fixed.
const stored = [
	{ key: 'support', label: 'Ondersteuning' },
	{ key: 'basis', label: 'Basis' },
	{ key: 'repeat', label: 'Herhaling' },
	{ key: 'enrichment', label: 'Verrijking' },
	{ key: 'deepening', label: 'Verdieping' }
];

describe('inSupportOrder', () => {
	it('runs from most support to most challenge: Ondersteuning, Herhaling, Basis, Verdieping, Verrijking', () => {
		expect(inSupportOrder(stored).map((l) => l.label)).toEqual(['Ondersteuning', 'Herhaling', 'Basis', 'Verdieping', 'Verrijking']);
		expect(inSupportOrder(stored.map((l) => l.key))).toEqual([...defaultLevels]);
	});

	it('is the order of a new board, and of a board already in order', () => {
		expect(dutchDefaultLevels.map((l) => l.key)).toEqual([...defaultLevels]);
		expect(inSupportOrder(dutchDefaultLevels)).toEqual(dutchDefaultLevels);
	});

	it("keeps a coach's own levels where the coach put them and does not change its input", () => {
		const levels = ['basis', 'extraHulp', 'repeat', 'deepening', 'expert'];
		expect(inSupportOrder(levels)).toEqual(['repeat', 'extraHulp', 'basis', 'deepening', 'expert']);
		expect(levels[0]).toBe('basis');
		expect(inSupportOrder(['eigen', 'anders'])).toEqual(['eigen', 'anders']);
	});
});
