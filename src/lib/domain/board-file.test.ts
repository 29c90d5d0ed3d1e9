import { describe, expect, it } from 'vitest';
import {
	boardFileName,
	boardFileText,
	dutchDefaultLevels,
	levelKeyFromLabel,
	lineColumn,
	maxBoardFileItems,
	parseBoardFile,
	recordsFromFile,
	slugify,
	toBoardFile,
	checkWorkProcesses,
	replacementFromFile
} from './board-file';
import { boardData, itemData, type EntityData } from './entities';

const boardId = '11111111-1111-4111-8111-111111111111';
const board: EntityData['board'] = {
	title: 'Periode 2: Zorg & welzijn',
	description: 'Kies **twee** opdrachten.',
	periodStart: '2026-11-16',
	periodEnd: '2027-01-29',
	levels: dutchDefaultLevels,
	mode: 'stepPlan',
	groupIds: ['22222222-2222-4222-8222-222222222222']
};
const items: EntityData['item'][] = [
	{
		boardId,
		title: 'Bloeddruk meten',
		instructions: '1. Lees\n2. Oefen',
		level: 'basis',
		type: 'practice',
		estimatedMinutes: 90,
		workProcessIds: ['B1-K1-W2'],
		required: true,
		resources: [{ label: 'Filmpje', url: 'https://example.org/film' }],
		order: 2,
		nextLevelPrep: false
	},
	{ boardId, title: 'Casus mevrouw Jansen', level: 'deepening', type: 'realAssignment', required: false, order: 1 }
];

function good() {
	return toBoardFile(board, items);
}
function errorsOf(text: string) {
	const result = parseBoardFile(text);
	if (result.ok) throw new Error('expected errors');
	return result.errors;
}
function withItems(n: number) {
	const file = good();
	file.items = Array.from({ length: n }, (_, i) => ({ ...file.items[0]!, title: `Opdracht ${i}` }));
	return JSON.stringify(file);
}

describe('parseBoardFile', () => {
	it('reads a good file', () => {
		const result = parseBoardFile(boardFileText(good()));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.file.board.title).toBe(board.title);
		expect(result.file.items).toHaveLength(2);
		expect(result.file.items[1]!.title).toBe('Bloeddruk meten');
	});

	it('fills defaults of optional item fields and ignores a byte order mark', () => {
		const file = { format: 'koers-board', version: 1, board: { title: 'B', levels: [{ key: 'basis', label: 'Basis' }] }, items: [{ title: 'A', level: 'basis' }] };
		const result = parseBoardFile('\uFEFF' + JSON.stringify(file));
		expect(result.ok && result.file.items[0]).toMatchObject({ type: 'practice', required: false });
		expect(result.ok && result.file.board.mode).toBe('free');
	});

	it('survives a round trip export → parse → import', () => {
		const text = boardFileText(toBoardFile(board, items));
		const result = parseBoardFile(text);
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(boardFileText(result.file)).toBe(text);
		let n = 0;
		const made = recordsFromFile(result.file, ['33333333-3333-4333-8333-333333333333'], () => `00000000-0000-4000-8000-00000000000${n++}`);
		expect(boardData.parse(made.board.data)).toMatchObject({ title: board.title, groupIds: ['33333333-3333-4333-8333-333333333333'], mode: 'stepPlan' });
		expect(made.items).toHaveLength(2);
		for (const item of made.items) {
			expect(item.data.boardId).toBe(made.board.id);
			expect(itemData.safeParse(item.data).success).toBe(true);
		}
		expect(new Set([made.board.id, ...made.items.map((i) => i.id)]).size).toBe(3);
		expect(made.items[1]!.data).toMatchObject({ title: 'Bloeddruk meten', workProcessIds: ['B1-K1-W2'], resources: items[0]!.resources, required: true });
	});

	it('exports no ids, groups or board ids and points at the schema', () => {
		const text = boardFileText(good());
		expect(text).not.toContain(boardId);
		expect(text).not.toContain('groupIds');
		expect(text).not.toContain('boardId');
		expect(good().$schema).toBe('/schemas/koers-board.schema.json');
	});

	it('refuses a file over 1 MB', () => {
		const file = good();
		file.board.description = 'x'.repeat(1_000_001);
		expect(errorsOf(JSON.stringify(file))).toEqual([expect.objectContaining({ path: '', code: 'tooLarge' })]);
	});

	it('says where malformed JSON breaks, by line and column', () => {
		const text = '{\n  "format": "koers-board",\n  "version": 1,,\n}';
		const [e] = errorsOf(text);
		expect(e).toMatchObject({ path: '', code: 'json', params: { line: 3, column: 16 } });
	});

	it('gives a position for truncated JSON too', () => {
		const [e] = errorsOf('{\n "format": "koers-board"');
		expect(e!.code).toBe('json');
		expect(e!.params.line).toBe(2);
	});

	it('refuses something that is not an object', () => {
		expect(errorsOf('[1, 2]')).toEqual([expect.objectContaining({ code: 'notObject' })]);
	});

	it('refuses an unknown format and an unknown version', () => {
		expect(errorsOf(JSON.stringify({ ...good(), format: 'other-board' }))).toEqual([
			expect.objectContaining({ path: 'format', code: 'format', params: { value: 'other-board' } })
		]);
		expect(errorsOf(JSON.stringify({ ...good(), version: 2 }))).toEqual([expect.objectContaining({ path: 'version', code: 'version', params: { value: '2' } })]);
	});

	it('refuses more than 500 items, and takes exactly 500', () => {
		expect(errorsOf(withItems(maxBoardFileItems + 1))).toEqual([expect.objectContaining({ path: 'items', code: 'tooManyItems', params: { maximum: 500, count: 501 } })]);
		expect(parseBoardFile(withItems(maxBoardFileItems)).ok).toBe(true);
	});

	it('names an item level that the board does not have', () => {
		const file = good();
		file.items.push({ ...file.items[0]!, level: 'expert' }, { ...file.items[0]!, level: 'expert' });
		const errors = errorsOf(JSON.stringify(file));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'items[2].level', code: 'unknownLevel', params: expect.objectContaining({ level: 'expert' }) }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'items[3].level' }));
	});

	it('names duplicate and malformed level keys', () => {
		const file = good();
		file.board.levels = [
			{ key: 'basis', label: 'Basis' },
			{ key: 'basis', label: 'Nog eens' },
			{ key: 'Hoog niveau', label: 'Hoog' }
		];
		const errors = errorsOf(JSON.stringify(file));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'board.levels[1].key', code: 'duplicateLevel' }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'board.levels[2].key', code: 'badFormat' }));
	});

	it('names missing, wrong-typed and unknown fields with their path', () => {
		const file = JSON.parse(JSON.stringify(good()));
		delete file.items[0].title;
		file.items[1].estimatedMinutes = 'veel';
		file.items[1].colour = 'red';
		file.board.mode = 'maze';
		file.board.title = '   ';
		const errors = errorsOf(JSON.stringify(file));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'items[0].title', code: 'required' }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'items[1].estimatedMinutes', code: 'type', params: { expected: 'number', got: 'string' } }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'items[1].colour', code: 'unknownField' }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'board.mode', code: 'notAllowed', params: expect.objectContaining({ value: 'maze' }) }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'board.title', code: 'required' }));
	});

	it('names bad urls, dates, numbers and long texts', () => {
		const file = JSON.parse(JSON.stringify(good()));
		file.items[1].resources = [{ label: 'Script', url: 'javascript:alert(1)' }];
		file.items[1].estimatedMinutes = -5;
		file.items[0].title = 'x'.repeat(201);
		file.board.periodStart = '16-11-2026';
		const errors = errorsOf(JSON.stringify(file));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'items[1].resources[0].url', code: 'badFormat' }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'items[1].estimatedMinutes', code: 'numberTooSmall', params: { minimum: 0 } }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'items[0].title', code: 'tooLong', params: { maximum: 200 } }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'board.periodStart', code: 'badFormat' }));
	});

	it('needs a board with at least one level and an items list', () => {
		const file = JSON.parse(JSON.stringify(good()));
		file.board.levels = [];
		delete file.items;
		const errors = errorsOf(JSON.stringify(file));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'board.levels', code: 'tooFew', params: { minimum: 1 } }));
		expect(errors).toContainEqual(expect.objectContaining({ path: 'items', code: 'required' }));
	});

	it('keeps every error as a code with an English message', () => {
		const file = JSON.parse(JSON.stringify(good()));
		file.items[0].level = 'expert';
		const [e] = errorsOf(JSON.stringify(file));
		expect(e!.message).toContain('unknownLevel');
	});
});

describe('checkWorkProcesses', () => {
	const file = (codes: string[][]) => {
		const parsed = parseBoardFile(
			JSON.stringify({ format: 'koers-board', version: 1, board: { title: 'B', levels: [{ key: 'basis', label: 'Basis' }] }, items: codes.map((c, i) => ({ title: `I${i}`, level: 'basis', workProcessIds: c })) })
		);
		if (!parsed.ok) throw new Error('expected a valid file');
		return parsed.file;
	};
	const school = ['B1-K1-W1', 'B1-K1-W2'];

	it('accepts codes the school has and refuses codes it does not have', () => {
		expect(checkWorkProcesses(file([['B1-K1-W1'], ['B1-K1-W2']]), school).errors).toEqual([]);
		const { errors } = checkWorkProcesses(file([['B1-K1-W1', 'X9-K9-W9'], ['B1-K1-W2']]), school);
		expect(errors.map((e) => [e.path, e.code, e.params])).toEqual([['items[0].workProcessIds[1]', 'unknownWorkProcess', { value: 'X9-K9-W9' }]]);
	});

	it("gives a code in other letters the school's spelling when only one school code matches, and says so", () => {
		const checked = checkWorkProcesses(file([['b1-k1-w1'], ['B1-k1-W2', 'B1-K1-W2']]), school);
		expect(checked.errors).toEqual([]);
		expect(checked.file.items.map((i) => i.workProcessIds)).toEqual([['B1-K1-W1'], ['B1-K1-W2']]);
		expect(checked.fixed).toEqual([
			{ value: 'b1-k1-w1', code: 'B1-K1-W1' },
			{ value: 'B1-k1-W2', code: 'B1-K1-W2' }
		]);
		// Two school codes that differ only in case: Koers does not guess.
		const ambiguous = checkWorkProcesses(file([['b1-k1-w1']]), ['B1-K1-W1', 'b1-K1-w1']);
		expect(ambiguous.errors.map((e) => e.params)).toEqual([{ value: 'b1-k1-w1', suggestion: 'B1-K1-W1, b1-K1-w1' }]);
	});

	it('checks nothing when the school has no qualification structure', () => {
		expect(checkWorkProcesses(file([['X9-K9-W9']]), []).errors).toEqual([]);
	});
});

describe('importing over an existing board', () => {
	const ids = (prefix: string) => {
		let n = 0;
		return () => `${prefix}${++n}`;
	};

	it('makes a new board a draft for the chosen groups', () => {
		const made = recordsFromFile(good(), ['g1'], ids('n'));
		expect(made.board.data).toMatchObject({ draft: true, groupIds: ['g1'] });
	});

	it("keeps the board's id, groups and published state, and the ids of items with the same title", () => {
		const existing = { id: boardId, data: { ...board, title: 'periode 2: zorg & welzijn' } };
		const old = [
			{ id: 'keep', data: { title: 'bloeddruk meten ' } },
			{ id: 'gone', data: { title: 'Oude opdracht' } }
		];
		const file = good();
		const replaced = replacementFromFile(file, existing, old, ['g2'], ids('n'));
		expect(replaced.board.id).toBe(boardId);
		expect(replaced.board.data).not.toHaveProperty('draft');
		expect(replaced.board.data.title).toBe(board.title);
		expect(replaced.board.data.groupIds).toEqual([...board.groupIds, 'g2']);
		expect(replaced.items.map((i) => [i.id, i.data.title, i.data.boardId])).toEqual([
			[expect.stringMatching(/^n\d+$/), 'Casus mevrouw Jansen', boardId],
			['keep', 'Bloeddruk meten', boardId]
		]);
		expect(replaced.removed).toEqual(['gone']);
	});
});

describe('helpers', () => {
	it('makes a file name from the title', () => {
		expect(boardFileName('Periode 2: Zorg & wélzijn!')).toBe('koers-board-periode-2-zorg-welzijn.json');
		expect(slugify('!!!')).toBe('bord');
	});

	it('makes unique level keys from labels', () => {
		expect(levelKeyFromLabel('Extra uitdaging', [])).toBe('extraUitdaging');
		expect(levelKeyFromLabel('Basis', ['basis'])).toBe('basis2');
		expect(levelKeyFromLabel('Basis', ['basis', 'basis2'])).toBe('basis3');
		expect(levelKeyFromLabel('2e niveau', [])).toBe('eNiveau');
		expect(levelKeyFromLabel('???', [])).toBe('level');
		expect(levelKeyFromLabel('Één stap verder', [])).toMatch(/^[a-z][a-zA-Z0-9]{0,30}$/);
	});

	it('counts lines and columns from 1', () => {
		expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
		expect(lineColumn('', 0)).toEqual({ line: 1, column: 1 });
	});
});
