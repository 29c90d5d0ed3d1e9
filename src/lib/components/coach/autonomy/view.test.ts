import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '$lib/client/db';
import { workLevelOptions } from './view';

const board = (levels: { key: string; label: string }[]) => ({ id: crypto.randomUUID(), data: { title: 'B', levels, mode: 'free', groupIds: [] } }) as unknown as LocalRecord<'board'>;

describe('workLevelOptions', () => {
	it('offers the work levels from most support to most challenge, whatever order a board stores them in', () => {
		const stored = board([
			{ key: 'support', label: 'Ondersteuning' },
			{ key: 'basis', label: 'Basis' },
			{ key: 'repeat', label: 'Herhaling' },
			{ key: 'enrichment', label: 'Verrijking' },
			{ key: 'deepening', label: 'Verdieping' }
		]);
		const own = board([{ key: 'basis', label: 'Basis' }, { key: 'expert', label: 'Expert' }]);
		expect(workLevelOptions([stored, own]).map((o) => o.label)).toEqual(['Ondersteuning', 'Herhaling', 'Basis', 'Verdieping', 'Verrijking', 'Expert']);
	});
});
