import { describe, expect, it } from 'vitest';
import { levelName } from './format';

describe('levelName', () => {
	it('shows a default level in the reader’s language, whichever language the board stored it in', () => {
		// Tests read Dutch: a board that kept the English default name shows the Dutch one.
		expect(levelName({ key: 'enrichment', label: 'Enrichment' }, 'enrichment')).toBe('Verrijking');
		expect(levelName({ key: 'enrichment', label: 'Verrijking' }, 'enrichment')).toBe('Verrijking');
		expect(levelName(undefined, 'basis')).toBe('Basis');
	});

	it('keeps a board’s own name for a level as the coach wrote it', () => {
		expect(levelName({ key: 'enrichment', label: 'Stage-opdracht' }, 'enrichment')).toBe('Stage-opdracht');
		expect(levelName({ key: 'eigen', label: 'Eigen niveau' }, 'eigen')).toBe('Eigen niveau');
		expect(levelName(undefined, 'eigen')).toBe('eigen');
	});
});
