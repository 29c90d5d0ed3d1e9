import { describe, expect, it } from 'vitest';
import { coverageGaps, groupCoverage, studentCoverage, workProcessesOf } from './coverage';

const items = [
	{ id: 'i1', data: { workProcessIds: ['B1-K1-W1'] } },
	{ id: 'i2', data: { workProcessIds: ['B1-K1-W2', 'B1-K2-W1'] } }
];

describe('studentCoverage', () => {
	it('goes from planned to in progress to evidenced, and keeps the highest state', () => {
		const c = studentCoverage({
			items,
			goals: [{ data: { workProcessIds: ['B1-K2-W2'], status: 'active' } }],
			choices: [
				{ data: { itemId: 'i1', status: 'planned' } },
				{ data: { itemId: 'i2', status: 'done' } }
			],
			evidence: [{ data: { itemIds: ['i1'] } }]
		});
		expect(Object.fromEntries(c)).toEqual({
			'B1-K2-W2': 'planned',
			'B1-K1-W1': 'evidenced',
			'B1-K1-W2': 'inProgress',
			'B1-K2-W1': 'inProgress'
		});
	});

	it('ignores dropped picks and dropped goals, and counts evidence that names a work process directly', () => {
		const c = studentCoverage({
			items,
			goals: [{ data: { workProcessIds: ['B1-K1-W1'], status: 'dropped' } }],
			choices: [{ data: { itemId: 'i2', status: 'dropped' } }],
			evidence: [{ data: { workProcessIds: ['B1-K2-W2'] } }]
		});
		expect(Object.fromEntries(c)).toEqual({ 'B1-K2-W2': 'evidenced' });
	});
});

describe('group coverage', () => {
	it('counts students per state for every work process and lists the gaps', () => {
		const q = { coreTasks: [{ code: 'B1-K1', title: 'Zorg', workProcesses: [{ code: 'B1-K1-W1', title: 'a' }, { code: 'B1-K1-W2', title: 'b' }] }] };
		const codes = workProcessesOf(q).map((w) => w.code);
		expect(codes).toEqual(['B1-K1-W1', 'B1-K1-W2']);
		const counts = groupCoverage(codes, [new Map([['B1-K1-W1', 'evidenced' as const]]), new Map([['B1-K1-W1', 'planned' as const]]), new Map()]);
		expect(counts.get('B1-K1-W1')).toEqual({ none: 1, planned: 1, inProgress: 0, evidenced: 1 });
		expect(counts.get('B1-K1-W2')).toEqual({ none: 3, planned: 0, inProgress: 0, evidenced: 0 });
		expect(coverageGaps(counts, 3)).toEqual(['B1-K1-W2']);
		expect(coverageGaps(counts, 3, 2)).toEqual(['B1-K1-W1', 'B1-K1-W2']);
		expect(coverageGaps(counts, 0)).toEqual([]);
	});
});
