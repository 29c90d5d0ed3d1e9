import type { LocalRecord } from '$lib/client/db';
import type { EntityData } from '$lib/domain/entities';
import { defaultLevels } from '$lib/domain/constants';
import { inSupportOrder } from '$lib/domain/levels';
import {
	decidePick,
	earlierStepsTaken,
	effectiveAutonomy,
	nextStep,
	stepSequence,
	type AutonomyLevel,
	type PickDecision
} from '$lib/domain/autonomy';
import { byCodeUnits } from '$lib/domain/order';

/**
 * What the student's boards screen shows, computed from the records on the device: the boards of
 * the student's groups (the server only sends those), their items in order, and for every item the
 * pick rule's decision and the student's current choice. Pure: no Svelte, no Dexie.
 */

export interface LevelView {
	key: string;
	/** The board's own label; null when the board kept the default key as label (the screen translates it). */
	label: string | null;
}

export interface ItemView {
	id: string;
	record: LocalRecord<'item'>;
	data: EntityData['item'];
	/** Position in a step-plan board (1 = first step); null on a free board. */
	step: number | null;
	decision: PickDecision;
	/** For a step that is `notYet`: the step to pick first. */
	waitsForStep: number | null;
	/** The student's current (not dropped) choice of this item, the newest if there are more. */
	choice: LocalRecord<'choice'> | null;
	rating: LocalRecord<'rating'> | null;
}

export interface BoardView {
	id: string;
	record: LocalRecord<'board'>;
	data: EntityData['board'];
	levels: LevelView[];
	items: ItemView[];
}

export interface Autonomy {
	/** The level as the rule applies it (no record yet = guided). */
	level: AutonomyLevel;
	/** Whether the coach has set a level at all. */
	set: boolean;
	workLevel: string | null;
	/** Why the coach set it so, in the coach's words (the coach is told the student reads it). */
	reason: string | null;
}

export interface BoardsInput {
	boards: readonly LocalRecord<'board'>[];
	items: readonly LocalRecord<'item'>[];
	choices: readonly LocalRecord<'choice'>[];
	ratings: readonly LocalRecord<'rating'>[];
	autonomy: readonly LocalRecord<'autonomy'>[];
}

/** The autonomy record that counts: the newest one (coaches may keep history as new records). */
export function currentAutonomy(records: readonly LocalRecord<'autonomy'>[]): Autonomy {
	const newest = [...records].sort((a, b) => byCodeUnits(b.createdAt, a.createdAt))[0];
	return {
		level: effectiveAutonomy(newest?.data.level ?? null),
		set: !!newest,
		workLevel: newest?.data.workLevel ?? null,
		reason: newest?.data.reason?.trim() || null
	};
}

const defaultKeys: readonly string[] = defaultLevels;

export function levelViews(board: EntityData['board']): LevelView[] {
	const levels = inSupportOrder(board.levels?.length ? board.levels : defaultLevels.map((key) => ({ key, label: key })));
	return levels.map((l) => ({ key: l.key, label: l.label === l.key && defaultKeys.includes(l.key) ? null : l.label }));
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** The newest record per key (records arrive newest first, but do not rely on it); a record without a key is left out. */
function newestBy<T extends LocalRecord>(records: readonly T[], key: (r: T) => string | null | undefined): Map<string, T> {
	const out = new Map<string, T>();
	for (const r of records) {
		const k = key(r);
		if (!k) continue;
		const have = out.get(k);
		if (!have || have.createdAt < r.createdAt) out.set(k, r);
	}
	return out;
}

export function buildBoards(input: BoardsInput): BoardView[] {
	const autonomy = currentAutonomy(input.autonomy);
	const activeChoice = newestBy(input.choices, (c) => (c.data.status !== 'dropped' ? c.data.itemId : null));
	const rating = newestBy(input.ratings, (r) => r.data.itemId);
	const taken = new Set(activeChoice.keys());

	return [...input.boards]
		.sort((a, b) => collator.compare(a.data.title, b.data.title) || byCodeUnits(a.id, b.id))
		.map((board) => {
			const levels = levelViews(board.data);
			const levelKeys = levels.map((l) => l.key);
			const own = input.items.filter((i) => i.data.boardId === board.id);
			const stepPlan = board.data.mode === 'stepPlan';
			const ordered = stepPlan
				? stepSequence(own.map((r) => ({ id: r.id, order: r.data.order ?? null, title: r.data.title, r }))).map((x) => x.r)
				: [...own].sort((a, b) => {
						const la = levelKeys.indexOf(a.data.level);
						const lb = levelKeys.indexOf(b.data.level);
						const rank = (n: number) => (n < 0 ? Number.MAX_SAFE_INTEGER : n);
						return (
							rank(la) - rank(lb) ||
							Number(b.data.required) - Number(a.data.required) ||
							collator.compare(a.data.title, b.data.title) ||
							byCodeUnits(a.id, b.id)
						);
					});
			const steps = ordered.map((r) => ({ id: r.id, order: r.data.order ?? null, title: r.data.title }));
			const first = stepPlan ? nextStep(steps, taken) : null;
			const firstStep = first ? steps.findIndex((s) => s.id === first.id) + 1 : null;
			const items: ItemView[] = ordered.map((record, index) => {
				const decision = decidePick({
					autonomy: autonomy.set ? autonomy.level : null,
					workLevel: autonomy.workLevel,
					boardLevels: levelKeys,
					boardMode: board.data.mode,
					item: { level: record.data.level, required: record.data.required, ...(record.data.order != null ? { order: record.data.order } : {}) },
					...(stepPlan ? { earlierStepsTaken: earlierStepsTaken(steps, record.id, taken) } : {})
				});
				return {
					id: record.id,
					record,
					data: record.data,
					step: stepPlan ? index + 1 : null,
					decision,
					waitsForStep: decision.outcome === 'notYet' ? firstStep : null,
					choice: activeChoice.get(record.id) ?? null,
					rating: rating.get(record.id) ?? null
				};
			});
			return { id: board.id, record: board, data: board.data, levels, items };
		});
}

/** What a choice's state is called on screen: a planned pick that waits for the coach is its own state. */
export type ChoiceState = 'waiting' | 'planned' | 'approved' | 'inProgress' | 'done' | 'dropped';

export function choiceState(choice: EntityData['choice']): ChoiceState {
	if (choice.status === 'planned' && choice.needsApproval) return 'waiting';
	return choice.status;
}

/** May the student start working on this choice now? Not while the coach still has to approve it. */
export function canStart(choice: EntityData['choice']): boolean {
	return choice.status === 'approved' || (choice.status === 'planned' && !choice.needsApproval);
}

const stateRank: Record<ChoiceState, number> = { inProgress: 0, approved: 1, planned: 2, waiting: 3, done: 4, dropped: 5 };

/** Mijn keuzes: what is being worked on first, then by planned week, then newest. */
export function sortChoices(choices: readonly LocalRecord<'choice'>[]): LocalRecord<'choice'>[] {
	return [...choices].sort(
		(a, b) =>
			stateRank[choiceState(a.data)] - stateRank[choiceState(b.data)] ||
			byCodeUnits(a.data.plannedWeek ?? '9999', b.data.plannedWeek ?? '9999') ||
			byCodeUnits(b.createdAt, a.createdAt)
	);
}

/** Each choice's newest learning cycle (by when it was made), by choice id. */
export function newestCycleByChoice(cycles: readonly LocalRecord<'cycle'>[]): Map<string, LocalRecord<'cycle'>> {
	return newestBy(cycles, (c) => c.data.choiceId);
}

/** Work-process code → title, from the school's qualification files on the device. */
export function workProcessTitles(qualifications: readonly LocalRecord<'qualification'>[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const q of qualifications) for (const t of q.data.coreTasks ?? []) for (const w of t.workProcesses ?? []) out.set(w.code, w.title);
	return out;
}

/** A pick the coach did not approve but answered with another item and a note: the student's next thing to do. */
export interface Suggestion {
	/** The dropped pick the coach answered. */
	choice: LocalRecord<'choice'>;
	/** The coach's feedforward on that pick. */
	note: LocalRecord<'feedback'>;
	board: BoardView | null;
	/** The item of the dropped pick. */
	instead: ItemView | null;
	/** The item the note suggests (another item of the same board), if it names one. */
	item: ItemView | null;
}

/**
 * The item a coach's note suggests: the approvals screen writes the title between double quotes
 * ("Mijn voorstel: kies liever "Wondzorg"."). Of the items named that way, the one named first.
 */
export function suggestedItem(body: string, candidates: readonly ItemView[]): ItemView | null {
	let best: { item: ItemView; at: number } | null = null;
	for (const item of candidates) {
		const at = Math.min(...[`"${item.data.title}"`, `„${item.data.title}”`, `“${item.data.title}”`].map((q) => body.indexOf(q)).filter((i) => i >= 0));
		if (Number.isFinite(at) && (!best || at < best.at || (at === best.at && item.data.title.length > best.item.data.title.length))) best = { item, at };
	}
	return best?.item ?? null;
}

/**
 * The coach's suggestions the student has not acted on yet, newest first: a dropped pick with a
 * feedforward from someone else than the student. It is done once the student picked anything on
 * that board after the note, or already has the suggested item among their choices.
 */
export function openSuggestions(boards: readonly BoardView[], choices: readonly LocalRecord<'choice'>[], feedback: readonly LocalRecord<'feedback'>[]): Suggestion[] {
	const where = new Map<string, { board: BoardView; item: ItemView }>();
	for (const board of boards) for (const item of board.items) where.set(item.id, { board, item });
	const boardOf = (c: LocalRecord<'choice'>) => where.get(c.data.itemId)?.board.id ?? c.data.boardId ?? null;
	const out: Suggestion[] = [];
	for (const choice of choices) {
		if (choice.data.status !== 'dropped') continue;
		const note = feedback
			.filter((f) => f.data.targetEntity === 'choice' && f.data.targetId === choice.id && f.data.kind === 'feedforward' && f.authorId !== choice.ownerId)
			.sort((a, b) => byCodeUnits(b.createdAt, a.createdAt))[0];
		if (!note) continue;
		const found = where.get(choice.data.itemId);
		const board = found?.board ?? boards.find((b) => b.id === choice.data.boardId) ?? null;
		const others = board ? board.items.filter((i) => i.id !== choice.data.itemId) : [];
		// The item the coach chose; notes written before that field existed name it in quotes.
		const item = note.data.suggestedItemId ? (others.find((i) => i.id === note.data.suggestedItemId) ?? null) : suggestedItem(note.data.body, others);
		const boardId = board?.id ?? choice.data.boardId ?? null;
		const actedOn = choices.some((c) => c.id !== choice.id && c.createdAt > note.createdAt && boardOf(c) === boardId);
		if (actedOn || item?.choice) continue;
		out.push({ choice, note, board, instead: found?.item ?? null, item });
	}
	return out.sort((a, b) => byCodeUnits(b.note.createdAt, a.note.createdAt));
}
