import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { LocalRecord } from '$lib/client/db';
import { dutchDefaultLevels, parseBoardFile } from '$lib/domain/board-file';
import type { EntityData } from '$lib/domain/entities';
import BoardList from './BoardList.svelte';
import BoardEditor from './BoardEditor.svelte';
import ItemForm from './ItemForm.svelte';
import ImportForm from './ImportForm.svelte';
import { importErrorText } from './text';

/** Server-side renders of the coach's board screens: what a coach sees before any click. */
const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const groupId = '22222222-2222-4222-8222-222222222222';
const boardId = '11111111-1111-4111-8111-111111111111';
const itemId = '33333333-3333-4333-8333-333333333333';
const groups = [{ id: groupId, name: 'Zorg en Welzijn 2A' }];

function rec<E extends 'board' | 'item' | 'rating' | 'qualification'>(id: string, data: EntityData[E], createdAt = '2026-11-01T10:00:00Z'): LocalRecord<E> {
	return { id, data, server: data, rev: 1, ownerId: null, authorId: null, createdAt, syncedAt: createdAt, pending: 0 } as LocalRecord<E>;
}
const board = rec<'board'>(boardId, { title: 'Periode 2', levels: dutchDefaultLevels, mode: 'stepPlan', groupIds: [groupId], periodStart: '2026-11-16', periodEnd: '2027-01-29' });
const item = rec<'item'>(itemId, {
	boardId,
	title: 'Bloeddruk meten',
	instructions: 'Lees **eerst** <script>alert(1)</script>',
	level: 'enrichment',
	type: 'realAssignment',
	estimatedMinutes: 90,
	required: true,
	order: 1,
	workProcessIds: ['B1-K1-W2']
});
const ratings = [
	rec<'rating'>('44444444-4444-4444-8444-444444444444', { itemId, stars: 4, comment: 'Leerzaam' }, '2026-11-20T10:00:00Z'),
	rec<'rating'>('55555555-5555-4555-8555-555555555555', { itemId, stars: 5 }, '2026-11-21T10:00:00Z')
];
const qualification = rec<'qualification'>('66666666-6666-4666-8666-666666666666', {
	title: 'Verzorgende IG',
	coreTasks: [{ code: 'B1-K1', title: 'Zorg', workProcesses: [{ code: 'B1-K1-W2', title: 'Biedt persoonlijke verzorging' }] }]
});

describe('BoardList', () => {
	it('shows title, groups, mode, item count and period', () => {
		const html = render(BoardList, { props: { boards: [board], items: [item], groups, onedit: () => {} } }).body;
		const out = text(html);
		expect(out).toContain('Periode 2');
		expect(out).toContain('Zorg en Welzijn 2A');
		expect(out).toContain('Stappenplan');
		expect(out).toMatch(/16 nov\.? 2026 – 29 jan\.? 2027/);
		expect(html).toContain('aria-label="Bewerk Periode 2"');
	});
});

describe('BoardEditor', () => {
	it('shows the board with its items, levels and ratings', () => {
		const out = text(
			render(BoardEditor, {
				props: { id: boardId, boards: [board], items: [item], ratings, qualifications: [], groups, onsaved: () => {}, ondeleted: () => {} }
			}).body
		);
		expect(out).toContain('Opdrachten (1)');
		expect(out).toContain('Verrijking');
		expect(out).toContain('Echte opdracht');
		expect(out).toContain('4,5 ★ (2)');
		expect(out).toContain('Leerzaam');
		expect(out).toContain('Exporteren');
		expect(out).toContain('Uit de bibliotheek');
	});

	it('says a draft board is for coaches only and offers to publish it; a published board does not', () => {
		const draft = rec<'board'>(boardId, { ...board.data, draft: true });
		const props = { id: boardId, items: [], ratings: [], qualifications: [], groups, onsaved: () => {}, ondeleted: () => {} };
		const out = text(render(BoardEditor, { props: { ...props, boards: [draft] } }).body);
		expect(out).toContain('Concept: alleen coaches zien dit bord. Studenten zien het pas als je het publiceert.');
		expect(out).toContain('Publiceren voor studenten');
		expect(text(render(BoardEditor, { props: { ...props, boards: [board] } }).body)).not.toContain('Publiceren');
		const list = text(render(BoardList, { props: { boards: [draft, rec<'board'>(itemId, { ...board.data, title: 'Live' })], items: [], groups, onedit: () => {} } }).body);
		expect(list).toContain('Periode 2 Concept');
		expect(list).not.toContain('Live Concept');
	});

	it('shows an empty form for a new board with the Dutch default levels', () => {
		const html = render(BoardEditor, {
			props: { id: crypto.randomUUID(), boards: [], items: [], ratings: [], qualifications: [], groups, onsaved: () => {}, ondeleted: () => {} }
		}).body;
		expect(text(html)).toContain('Nieuw keuzebord');
		const order = ['Ondersteuning', 'Herhaling', 'Basis', 'Verdieping', 'Verrijking'].map((label) => html.indexOf(`value="${label}"`));
		expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
	});

	it('lists the levels of a board stored in another order from most support to most challenge, as its hint says', () => {
		const stored = ['support', 'basis', 'repeat', 'enrichment', 'deepening'].map((key) => dutchDefaultLevels.find((l) => l.key === key)!);
		const old = rec<'board'>(boardId, { ...board.data, levels: stored });
		const html = render(BoardEditor, {
			props: { id: boardId, boards: [old], items: [], ratings: [], qualifications: [], groups, onsaved: () => {}, ondeleted: () => {} }
		}).body;
		expect(text(html)).toContain('Van meeste ondersteuning naar meeste uitdaging');
		const order = ['Ondersteuning', 'Herhaling', 'Basis', 'Verdieping', 'Verrijking'].map((label) => html.indexOf(`value="${label}"`));
		expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
	});
});

describe('ItemForm', () => {
	it('previews instructions as text, never as HTML, and lists work processes and ratings', () => {
		const html = render(ItemForm, {
			props: {
				id: itemId,
				record: item,
				board: { id: boardId, data: board.data },
				qualifications: [qualification.data],
				rating: { average: 4.5, count: 2, comments: [{ comment: 'Leerzaam', stars: 4, at: '' }] },
				defaultOrder: 2,
				onclose: () => {}
			}
		}).body;
		expect(html).toContain('<strong>eerst</strong>');
		expect(html).not.toContain('<script>alert');
		expect(html).toContain('&lt;script>');
		expect(text(html)).toContain('B1-K1-W2 Biedt persoonlijke verzorging');
		expect(text(html)).toContain('4,5 van 5 sterren (2 beoordelingen)');
		expect(text(html)).toContain('Stap in het stappenplan');
	});
});

describe('ImportForm and error texts', () => {
	it('offers a file input and group checkboxes', () => {
		const out = render(ImportForm, { props: { groups, onimported: () => {} } }).body;
		expect(out).toContain('type="file"');
		expect(text(out)).toContain('Zorg en Welzijn 2A');
	});

	it('says each error in Dutch, with its place in the file', () => {
		const file = { format: 'koers-board', version: 1, board: { title: 'B', levels: [{ key: 'basis', label: 'Basis' }] }, items: [{ title: 'A', level: 'basis' }, { title: 'B', level: 'expert' }] };
		const result = parseBoardFile(JSON.stringify(file));
		if (result.ok) throw new Error('expected errors');
		expect(importErrorText(result.errors[0]!)).toBe('Opdracht 2, Niveau: "expert" is geen niveau van dit bord (niveaus: basis).');
		const broken = parseBoardFile('{\n "a": }');
		if (broken.ok) throw new Error('expected errors');
		expect(importErrorText(broken.errors[0]!)).toMatch(/^Dit is geen geldig JSON-bestand: fout op regel 2, kolom \d+\.$/);
		const typed = parseBoardFile(JSON.stringify({ ...file, items: [{ title: 'A', level: 'basis', estimatedMinutes: 'veel' }] }));
		if (typed.ok) throw new Error('expected errors');
		expect(importErrorText(typed.errors[0]!)).toBe('Opdracht 1, Geschatte tijd (minuten): verwacht een getal, maar het is tekst.');
		// A wrong kind of item lists the kinds as the item form names them, with the file's word beside each.
		const kind = parseBoardFile(JSON.stringify({ ...file, items: [{ title: 'A', level: 'basis', type: 'homework' }] }));
		if (kind.ok) throw new Error('expected errors');
		const kindText = importErrorText(kind.errors[0]!);
		expect(kindText).toMatch(/^Opdracht 1, Soort opdracht: "homework" mag niet; kies uit /);
		expect(kindText).toContain('(realAssignment)');
		expect(kindText).not.toMatch(/kies uit practice/);
		const level = parseBoardFile(JSON.stringify({ ...file, board: { ...file.board, levels: [{ key: 'basis', label: '' }] } }));
		if (level.ok) throw new Error('expected errors');
		expect(importErrorText(level.errors[0]!)).toBe('Niveau 1, Naam: ontbreekt of is leeg.');
	});
});
