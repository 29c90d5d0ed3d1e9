import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { autonomyLevels, defaultLevels } from './constants';
import {
	decidePick,
	earlierStepsTaken,
	effectiveAutonomy,
	levelsWithinReach,
	nextStep,
	stepSequence,
	type PickInput
} from './autonomy';

const levels = [...defaultLevels]; // support, repeat, basis, deepening, enrichment

function input(over: Partial<Omit<PickInput, 'item'>> & { item?: Partial<PickInput['item']> } = {}): PickInput {
	const { item, ...rest } = over;
	return {
		autonomy: 'shared',
		workLevel: 'basis',
		boardLevels: levels,
		boardMode: 'free',
		...rest,
		item: { level: 'basis', required: false, ...item }
	};
}

describe('decidePick: guided', () => {
	it('needs approval for every pick, whatever the level', () => {
		for (const level of levels) {
			expect(decidePick(input({ autonomy: 'guided', item: { level } }))).toEqual({ outcome: 'needsApproval', reason: 'guided' });
		}
	});

	it('needs approval for required items too', () => {
		expect(decidePick(input({ autonomy: 'guided', item: { required: true } }))).toEqual({ outcome: 'needsApproval', reason: 'guided' });
	});

	it('follows the steps of a step plan in order', () => {
		const base = { autonomy: 'guided' as const, boardMode: 'stepPlan' as const };
		expect(decidePick(input({ ...base, earlierStepsTaken: false }))).toEqual({ outcome: 'notYet', reason: 'stepOrder' });
		expect(decidePick(input({ ...base, earlierStepsTaken: true }))).toEqual({ outcome: 'needsApproval', reason: 'guided' });
	});

	it('treats unknown step progress as taken (approval still applies)', () => {
		expect(decidePick(input({ autonomy: 'guided', boardMode: 'stepPlan' }))).toEqual({ outcome: 'needsApproval', reason: 'guided' });
	});

	it('ignores step order on a free board', () => {
		expect(decidePick(input({ autonomy: 'guided', boardMode: 'free', earlierStepsTaken: false }))).toEqual({
			outcome: 'needsApproval',
			reason: 'guided'
		});
	});
});

describe('decidePick: no autonomy record yet', () => {
	it('is treated as guided', () => {
		expect(decidePick(input({ autonomy: null }))).toEqual({ outcome: 'needsApproval', reason: 'guided' });
		expect(decidePick(input({ autonomy: null, boardMode: 'stepPlan', earlierStepsTaken: false }))).toEqual({
			outcome: 'notYet',
			reason: 'stepOrder'
		});
	});

	it('effectiveAutonomy falls back to guided for anything unknown', () => {
		expect(effectiveAutonomy(null)).toBe('guided');
		expect(effectiveAutonomy(undefined)).toBe('guided');
		expect(effectiveAutonomy('bogus' as never)).toBe('guided');
		for (const level of autonomyLevels) expect(effectiveAutonomy(level)).toBe(level);
	});
});

describe('decidePick: selfDirected', () => {
	it('is free for every item, level and mode', () => {
		for (const level of [...levels, 'unknown']) {
			for (const boardMode of ['free', 'stepPlan'] as const) {
				expect(decidePick(input({ autonomy: 'selfDirected', workLevel: null, boardMode, earlierStepsTaken: false, item: { level } }))).toEqual({
					outcome: 'free',
					reason: 'selfDirected'
				});
			}
		}
	});
});

describe('decidePick: shared', () => {
	it('is free within the own level and one level up or down', () => {
		for (const level of ['repeat', 'basis', 'deepening']) {
			expect(decidePick(input({ item: { level } }))).toEqual({ outcome: 'free', reason: 'withinLevel' });
		}
	});

	it('reads a board stored in another order of the default levels from most support to most challenge', () => {
		const stored = ['support', 'basis', 'repeat', 'enrichment', 'deepening'];
		expect(decidePick(input({ boardLevels: stored, item: { level: 'deepening' } })).outcome).toBe('free');
		expect(decidePick(input({ boardLevels: stored, item: { level: 'support' } })).outcome).toBe('needsApproval');
	});

	it('needs approval two or more levels away', () => {
		for (const level of ['support', 'enrichment']) {
			expect(decidePick(input({ item: { level } }))).toEqual({ outcome: 'needsApproval', reason: 'outsideLevel' });
		}
		expect(decidePick(input({ workLevel: 'deepening', item: { level: 'repeat' } }))).toEqual({ outcome: 'needsApproval', reason: 'outsideLevel' });
	});

	it('counts by position in the board’s own ordered levels', () => {
		const custom = ['a', 'b', 'c'];
		expect(decidePick(input({ boardLevels: custom, workLevel: 'a', item: { level: 'b' } })).outcome).toBe('free');
		expect(decidePick(input({ boardLevels: custom, workLevel: 'a', item: { level: 'c' } })).outcome).toBe('needsApproval');
		expect(decidePick(input({ boardLevels: ['c', 'b', 'a'], workLevel: 'a', item: { level: 'c' } })).outcome).toBe('needsApproval');
	});

	it('is free for required items at any level', () => {
		expect(decidePick(input({ item: { level: 'deepening', required: true } }))).toEqual({ outcome: 'free', reason: 'required' });
		expect(decidePick(input({ workLevel: null, item: { level: 'deepening', required: true } }))).toEqual({ outcome: 'free', reason: 'required' });
	});

	it('needs approval when there is no work level, or the board lacks it', () => {
		expect(decidePick(input({ workLevel: null }))).toEqual({ outcome: 'needsApproval', reason: 'noLevel' });
		expect(decidePick(input({ workLevel: 'level3' }))).toEqual({ outcome: 'needsApproval', reason: 'noLevel' });
	});

	it('needs approval for an item whose level the board does not list', () => {
		expect(decidePick(input({ item: { level: 'mystery' } }))).toEqual({ outcome: 'needsApproval', reason: 'outsideLevel' });
	});

	it('does not follow step order (that is for guided students)', () => {
		expect(decidePick(input({ boardMode: 'stepPlan', earlierStepsTaken: false }))).toEqual({ outcome: 'free', reason: 'withinLevel' });
	});

	it('handles a board with an empty level list', () => {
		expect(decidePick(input({ boardLevels: [] }))).toEqual({ outcome: 'needsApproval', reason: 'noLevel' });
	});
});

describe('decidePick: total and deterministic', () => {
	const arb = fc.record({
		autonomy: fc.constantFrom(null, ...autonomyLevels),
		workLevel: fc.option(fc.constantFrom(...levels, 'x'), { nil: null }),
		boardLevels: fc.subarray(levels),
		boardMode: fc.constantFrom('free' as const, 'stepPlan' as const),
		item: fc.record({ level: fc.constantFrom(...levels, 'x', ''), required: fc.boolean(), order: fc.option(fc.integer(), { nil: undefined }) }),
		earlierStepsTaken: fc.option(fc.boolean(), { nil: undefined })
	});

	it('always answers with a known outcome and reason, the same every time', () => {
		fc.assert(
			fc.property(arb, (i) => {
				const a = decidePick(i);
				expect(['free', 'needsApproval', 'notYet']).toContain(a.outcome);
				expect(['guided', 'selfDirected', 'withinLevel', 'required', 'outsideLevel', 'stepOrder', 'noLevel']).toContain(a.reason);
				expect(decidePick(structuredClone(i))).toEqual(a);
			})
		);
	});

	it('never blocks or asks approval of a self-directed student; never frees a guided one', () => {
		fc.assert(
			fc.property(arb, (i) => {
				if (i.autonomy === 'selfDirected') expect(decidePick(i).outcome).toBe('free');
				if (i.autonomy === 'guided' || i.autonomy === null) expect(decidePick(i).outcome).not.toBe('free');
				if (i.autonomy === 'shared') expect(decidePick(i).outcome).not.toBe('notYet');
			})
		);
	});

	it('more autonomy never makes a pick harder', () => {
		const rank = { free: 0, needsApproval: 1, notYet: 2 } as const;
		fc.assert(
			fc.property(arb, (i) => {
				const g = rank[decidePick({ ...i, autonomy: 'guided' }).outcome];
				const s = rank[decidePick({ ...i, autonomy: 'shared' }).outcome];
				const d = rank[decidePick({ ...i, autonomy: 'selfDirected' }).outcome];
				expect(s).toBeLessThanOrEqual(g);
				expect(d).toBeLessThanOrEqual(s);
			})
		);
	});
});

describe('levelsWithinReach', () => {
	it('lists the own level and its neighbours in board order', () => {
		expect(levelsWithinReach('basis', levels)).toEqual(['repeat', 'basis', 'deepening']);
		expect(levelsWithinReach('support', levels)).toEqual(['support', 'repeat']);
		expect(levelsWithinReach('enrichment', levels)).toEqual(['deepening', 'enrichment']);
	});

	it('is empty without a (known) work level', () => {
		expect(levelsWithinReach(null, levels)).toEqual([]);
		expect(levelsWithinReach(undefined, levels)).toEqual([]);
		expect(levelsWithinReach('nope', levels)).toEqual([]);
	});

	it('agrees with decidePick', () => {
		for (const work of levels) {
			const reach = levelsWithinReach(work, levels);
			for (const level of levels) {
				expect(decidePick(input({ workLevel: work, item: { level } })).outcome === 'free').toBe(reach.includes(level));
			}
		}
	});
});

describe('step plans', () => {
	const items = [
		{ id: 'c', order: 3, title: 'Drie' },
		{ id: 'a', order: 1, title: 'Een' },
		{ id: 'x', title: 'Zonder volgorde' },
		{ id: 'b', order: 2, title: 'Twee' },
		{ id: 'w', title: 'Ook zonder' }
	];

	it('orders by order, then items without one by title', () => {
		expect(stepSequence(items).map((i) => i.id)).toEqual(['a', 'b', 'c', 'w', 'x']);
	});

	it('is stable for equal orders and titles (by id)', () => {
		const same = [
			{ id: '2', order: 1, title: 'S' },
			{ id: '1', order: 1, title: 'S' }
		];
		expect(stepSequence(same).map((i) => i.id)).toEqual(['1', '2']);
		expect(stepSequence([...same].reverse()).map((i) => i.id)).toEqual(['1', '2']);
	});

	it('does not change the list it is given', () => {
		const copy = items.map((i) => i.id);
		stepSequence(items);
		expect(items.map((i) => i.id)).toEqual(copy);
	});

	it('the first step is always open; later steps wait for all earlier ones', () => {
		expect(earlierStepsTaken(items, 'a', new Set())).toBe(true);
		expect(earlierStepsTaken(items, 'b', new Set())).toBe(false);
		expect(earlierStepsTaken(items, 'b', new Set(['a']))).toBe(true);
		expect(earlierStepsTaken(items, 'c', new Set(['a']))).toBe(false);
		expect(earlierStepsTaken(items, 'c', new Set(['b']))).toBe(false);
		expect(earlierStepsTaken(items, 'c', new Set(['a', 'b']))).toBe(true);
		expect(earlierStepsTaken(items, 'w', new Set(['a', 'b', 'c']))).toBe(true);
	});

	it('an unknown item waits for nothing', () => {
		expect(earlierStepsTaken(items, 'zzz', new Set())).toBe(true);
	});

	it('nextStep is the first step not taken', () => {
		expect(nextStep(items, new Set())?.id).toBe('a');
		expect(nextStep(items, new Set(['a', 'b']))?.id).toBe('c');
		expect(nextStep(items, new Set(['b']))?.id).toBe('a');
		expect(nextStep(items, new Set(items.map((i) => i.id)))).toBeNull();
	});

	it('feeds decidePick for a guided student', () => {
		const taken = new Set(['a']);
		const decide = (id: string) =>
			decidePick(
				input({ autonomy: 'guided', boardMode: 'stepPlan', earlierStepsTaken: earlierStepsTaken(items, id, taken) })
			).outcome;
		expect(decide('a')).toBe('needsApproval');
		expect(decide('b')).toBe('needsApproval');
		expect(decide('c')).toBe('notYet');
	});
});
