import { describe, expect, it } from 'vitest';
import { buildBoards, canStart, choiceState, currentAutonomy, levelViews, openSuggestions, sortChoices, suggestedItem, workProcessTitles } from './model';
import { autonomyOf, boards, choices, items, me, ratings, rec, u } from './fixtures';

const build = (level: Parameters<typeof autonomyOf>[0], extra: { choices?: typeof choices; workLevel?: string | null } = {}) =>
	buildBoards({ boards, items, choices: extra.choices ?? choices, ratings, autonomy: autonomyOf(level, extra.workLevel ?? 'basis') });

describe('buildBoards', () => {
	it('orders boards by title and free items by level, required first, then title', () => {
		const model = build('shared');
		expect(model.map((b) => b.data.title)).toEqual(['Periode 2 — Persoonlijke verzorging', 'Rekenen in de zorg']);
		expect(model[0]!.items.map((i) => i.data.title)).toEqual(['Bed opmaken', 'Aankleden', 'Wondzorg', 'Raar niveau']);
		expect(model[0]!.items.every((i) => i.step === null)).toBe(true);
	});

	it('numbers the steps of a step plan by order', () => {
		const steps = build('shared')[1]!.items;
		expect(steps.map((i) => [i.step, i.data.title])).toEqual([
			[1, 'Stap een'],
			[2, 'Stap twee'],
			[3, 'Stap drie']
		]);
	});

	it('applies the pick rule per item (shared, work level basis)', () => {
		const free = build('shared')[0]!.items;
		const by = (title: string) => free.find((i) => i.data.title === title)!.decision;
		expect(by('Bed opmaken')).toEqual({ outcome: 'free', reason: 'required' });
		expect(by('Aankleden')).toEqual({ outcome: 'free', reason: 'withinLevel' });
		// Verdieping is one step above Basis, though the board stores it last.
		expect(by('Wondzorg')).toEqual({ outcome: 'free', reason: 'withinLevel' });
		expect(by('Raar niveau')).toEqual({ outcome: 'needsApproval', reason: 'outsideLevel' });
	});

	it('makes guided students follow the steps; a dropped step does not count as taken', () => {
		const steps = build('guided')[1]!.items;
		expect(steps.map((i) => i.decision.outcome)).toEqual(['needsApproval', 'notYet', 'notYet']);
		expect(steps.map((i) => i.waitsForStep)).toEqual([null, 1, 1]);
		const picked = build('guided', { choices: [...choices, rec<'choice'>(u(34), { itemId: u(20), status: 'planned', needsApproval: true }, me)] })[1]!.items;
		expect(picked.map((i) => i.decision.outcome)).toEqual(['needsApproval', 'needsApproval', 'notYet']);
		expect(picked[2]!.waitsForStep).toBe(2);
	});

	it('treats a student without an autonomy record as guided', () => {
		expect(build(null)[0]!.items.every((i) => i.decision.reason === 'guided')).toBe(true);
		expect(currentAutonomy([])).toEqual({ level: 'guided', set: false, workLevel: null, reason: null });
	});

	it('lets a self-directed student pick anything, steps in any order', () => {
		expect(build('selfDirected').flatMap((b) => b.items).every((i) => i.decision.outcome === 'free')).toBe(true);
	});

	it('links the current (not dropped) choice and the rating of each item', () => {
		const model = build('shared');
		const bed = model[0]!.items.find((i) => i.data.title === 'Bed opmaken')!;
		expect(bed.choice?.id).toBe(u(30));
		expect(bed.rating?.data.stars).toBe(4);
		expect(model[1]!.items[0]!.choice).toBeNull(); // only a dropped choice
	});

	it('uses the newest autonomy record', () => {
		const older = rec<'autonomy'>(u(51), { studentId: me, level: 'guided', reason: 'Eerst samen' }, me, '2026-09-01T00:00:00.000Z');
		const newer = rec<'autonomy'>(u(52), { studentId: me, level: 'shared', workLevel: 'repeat', reason: ' Je plant goed. ' }, me, '2026-11-01T00:00:00.000Z');
		const expected = { level: 'shared', set: true, workLevel: 'repeat', reason: 'Je plant goed.' };
		expect(currentAutonomy([older, newer])).toEqual(expected);
		expect(currentAutonomy([newer, older])).toEqual(expected);
	});
});

describe('choices', () => {
	it('names the waiting state and knows when a student may start', () => {
		expect(choiceState({ itemId: u(1), status: 'planned', needsApproval: true })).toBe('waiting');
		expect(choiceState({ itemId: u(1), status: 'planned', needsApproval: false })).toBe('planned');
		expect(choiceState({ itemId: u(1), status: 'approved', needsApproval: true })).toBe('approved');
		expect(canStart({ itemId: u(1), status: 'planned', needsApproval: true })).toBe(false);
		expect(canStart({ itemId: u(1), status: 'planned' })).toBe(true);
		expect(canStart({ itemId: u(1), status: 'approved', needsApproval: true })).toBe(true);
		expect(canStart({ itemId: u(1), status: 'inProgress' })).toBe(false);
	});

	it('sorts what is being worked on first, dropped last', () => {
		expect(sortChoices(choices).map((c) => c.id)).toEqual([u(33), u(31), u(30), u(32)]);
	});
});

describe('levels and work processes', () => {
	it('leaves default labels to the screen’s language and keeps the board’s own', () => {
		expect(levelViews(boards[1]!.data).slice(0, 2)).toEqual([
			{ key: 'support', label: null },
			{ key: 'repeat', label: 'Herhaling' }
		]);
		expect(levelViews({ title: 't', levels: [], mode: 'free', groupIds: [] }).map((l) => l.key)).toEqual([
			'support',
			'repeat',
			'basis',
			'deepening',
			'enrichment'
		]);
	});

	it('maps work-process codes to titles', () => {
		const q = rec<'qualification'>(u(70), {
			title: 'Helpende Zorg en Welzijn',
			coreTasks: [{ code: 'B1-K1', title: 'Zorg', workProcesses: [{ code: 'B1-K1-W2', title: 'Biedt persoonlijke verzorging' }] }]
		});
		expect(workProcessTitles([q]).get('B1-K1-W2')).toBe('Biedt persoonlijke verzorging');
	});
});

describe('openSuggestions (the coach suggested another item instead of a pick)', () => {
	const coach = u(77);
	const pick = rec<'choice'>(u(40), { itemId: u(11), boardId: u(1), plannedWeek: '2026-W49', status: 'dropped', needsApproval: true }, me, '2026-11-20T09:00:00.000Z');
	const note = (body: string, at = '2026-11-20T12:00:00.000Z') => ({
		...rec<'feedback'>(u(50), { targetEntity: 'choice', targetId: u(40), kind: 'feedforward', body }, coach, at),
		authorId: coach
	});
	const open = (extra: typeof choices, feedback: ReturnType<typeof note>[]) => {
		const all = [...extra, pick];
		return openSuggestions(buildBoards({ boards, items, choices: all, ratings: [], autonomy: autonomyOf('guided', 'basis') }), all, feedback);
	};

	it('gives the student the coach note and the item it names on the same board', () => {
		const [s, ...more] = open([], [note('Mijn voorstel: kies liever "Aankleden".\n\nEerst de basis.')]);
		expect(more).toEqual([]);
		expect(s!.note.data.body).toContain('Eerst de basis.');
		expect(s!.instead?.data.title).toBe('Wondzorg');
		expect(s!.item?.data.title).toBe('Aankleden');
		expect(s!.item?.decision.outcome).toBe('needsApproval');
	});

	it('offers the item the coach chose (suggestedItemId), whatever the note says', () => {
		const chosen = { ...note('Kies liever "Aankleden".'), data: { targetEntity: 'choice' as const, targetId: u(40), kind: 'feedforward' as const, body: 'Kies liever "Aankleden".', suggestedItemId: u(12) } };
		const [s] = open([], [chosen]);
		expect(s!.item?.data.title).toBe('Raar niveau');
	});

	it('keeps a note without a named item (the student still reads it)', () => {
		const [s] = open([], [note('Praat eerst even met me.')]);
		expect(s!.item).toBeNull();
	});

	it('is done once the student picks something on that board after the note', () => {
		const later = rec<'choice'>(u(41), { itemId: u(13), boardId: u(1), status: 'planned', needsApproval: true }, me, '2026-11-20T13:00:00.000Z');
		expect(open([later], [note('Mijn voorstel: kies liever "Aankleden".')])).toEqual([]);
		// A pick on another board does not answer it.
		const elsewhere = rec<'choice'>(u(42), { itemId: u(20), boardId: u(2), status: 'planned' }, me, '2026-11-20T13:00:00.000Z');
		expect(open([elsewhere], [note('Mijn voorstel: kies liever "Aankleden".')])).toHaveLength(1);
	});

	it('ignores the student\'s own words and a pick the student stopped without a note', () => {
		const own = { ...note('Ik wil liever "Aankleden".'), authorId: me };
		expect(open([], [own])).toEqual([]);
		expect(open([], [])).toEqual([]);
	});

	it('names the item whose quoted title comes first, not one that merely contains it', () => {
		const list = buildBoards({ boards, items, choices: [], ratings: [], autonomy: [] })[0]!.items;
		expect(suggestedItem('Kies "Raar niveau", of anders "Aankleden".', list)?.data.title).toBe('Raar niveau');
		expect(suggestedItem('Kies „Aankleden”.', list)?.data.title).toBe('Aankleden');
		expect(suggestedItem('Kies Aankleden.', list)).toBeNull();
	});
});
