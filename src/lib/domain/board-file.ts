/**
 * The open board file ("koers-board", version 1): how a coach shares a choice board with other teams.
 * A file holds the board's content and its items, never ids, groups, students or ratings.
 * The JSON Schema for other tools is static/schemas/koers-board.schema.json; this zod schema is the
 * one Koers trusts. Pure: no I/O, no Svelte. Errors come back as codes with params so the UI can say
 * them in the user's language, each with the place in the file where it went wrong.
 */
import { z } from 'zod';
import { boardData, itemData, levelDef, type EntityData } from './entities';
import { unstorableTextAt } from './text';
import { defaultLevels } from './constants';
import { inSupportOrder } from './levels';

export const boardFileFormat = 'koers-board';
export const boardFileVersion = 1;
export const boardFileSchemaUrl = '/schemas/koers-board.schema.json';
export const maxBoardFileBytes = 1_000_000;
export const maxBoardFileItems = 500;

const dutchLabels: Record<(typeof defaultLevels)[number], string> = {
	support: 'Ondersteuning',
	repeat: 'Herhaling',
	basis: 'Basis',
	deepening: 'Verdieping',
	enrichment: 'Verrijking'
};

/** The default levels of a new board, in their fixed order, with Dutch labels (a coach may rename and add). */
export const dutchDefaultLevels: EntityData['board']['levels'] = defaultLevels.map((key) => ({ key, label: dutchLabels[key] }));

const fileBoard = z.strictObject({
	title: boardData.shape.title,
	description: boardData.shape.description,
	periodStart: boardData.shape.periodStart,
	periodEnd: boardData.shape.periodEnd,
	levels: z.array(levelDef).min(1).max(12),
	mode: boardData.shape.mode
});

const fileItem = itemData.omit({ boardId: true });

const boardFileSchema = z.strictObject({
	$schema: z.string().max(2000).optional(),
	format: z.literal(boardFileFormat),
	version: z.literal(boardFileVersion),
	board: fileBoard,
	items: z.array(fileItem).max(maxBoardFileItems)
});

export type BoardFile = z.infer<typeof boardFileSchema>;
export type BoardFileItem = BoardFile['items'][number];

export type BoardFileErrorCode =
	| 'tooLarge'
	| 'json'
	| 'notObject'
	| 'format'
	| 'version'
	| 'tooManyItems'
	| 'required'
	| 'type'
	| 'tooLong'
	| 'tooFew'
	| 'tooMany'
	| 'numberTooSmall'
	| 'numberTooBig'
	| 'notAllowed'
	| 'badFormat'
	| 'unknownField'
	| 'unknownLevel'
	| 'duplicateLevel'
	| 'unknownWorkProcess'
	| 'invalid';

export interface BoardFileError {
	/** Where in the file: `items[3].level`, `board.levels[0].key`, or `` for the file as a whole. */
	path: string;
	/** A short English description (for logs and tests); the UI words `code` + `params` itself. */
	message: string;
	code: BoardFileErrorCode;
	params: Record<string, string | number>;
}

export type ParseResult = { ok: true; file: BoardFile } | { ok: false; errors: BoardFileError[] };

/** Shown at most; a broken file of 500 items should not bury the first problems. */
const maxErrors = 50;

function err(path: string, code: BoardFileErrorCode, params: Record<string, string | number> = {}): BoardFileError {
	const detail = Object.entries(params)
		.map(([k, v]) => `${k}=${v}`)
		.join(', ');
	return { path, code, params, message: detail ? `${code} (${detail})` : code };
}

/** `["items", 3, "level"]` → `items[3].level`. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out ? `.${String(part)}` : String(part);
	}
	return out;
}

/**
 * The file's work-process codes against the school's qualification structure: a tag it does not have would
 * count for nothing in coverage. A code that differs only in case from exactly one school code takes the
 * school's spelling (`fixed` says which); any other is an error (with the spellings when case is ambiguous).
 * With no structure on the device there is nothing to check against, so nothing changes.
 */
export function checkWorkProcesses(
	file: BoardFile,
	known: Iterable<string>
): { file: BoardFile; fixed: { value: string; code: string }[]; errors: BoardFileError[] } {
	const codes = new Set(known);
	if (codes.size === 0) return { file, fixed: [], errors: [] };
	const byUpper = new Map<string, string[]>();
	for (const c of codes) byUpper.set(c.toUpperCase(), [...(byUpper.get(c.toUpperCase()) ?? []), c]);
	const fixed: { value: string; code: string }[] = [];
	const errors: BoardFileError[] = [];
	const items = file.items.map((item, i) => {
		if (!item.workProcessIds?.length) return item;
		const workProcessIds = item.workProcessIds.map((value, j) => {
			if (codes.has(value)) return value;
			const matches = byUpper.get(value.toUpperCase()) ?? [];
			if (matches.length === 1) {
				fixed.push({ value, code: matches[0]! });
				return matches[0]!;
			}
			const params: Record<string, string> = matches.length ? { value, suggestion: matches.join(', ') } : { value };
			errors.push(err(formatPath(['items', i, 'workProcessIds', j]), 'unknownWorkProcess', params));
			return value;
		});
		return { ...item, workProcessIds: [...new Set(workProcessIds)] };
	});
	return { file: { ...file, items }, fixed, errors };
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function jsonError(text: string, e: unknown): BoardFileError {
	const message = e instanceof Error ? e.message : String(e);
	const lc = /line (\d+) column (\d+)/i.exec(message);
	if (lc) return err('', 'json', { line: Number(lc[1]), column: Number(lc[2]) });
	const pos = /position (\d+)/i.exec(message);
	const { line, column } = lineColumn(text, pos ? Number(pos[1]) : text.length);
	return err('', 'json', { line, column });
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function fromIssue(issue: z.core.$ZodIssue, input: unknown): BoardFileError[] {
	const path = formatPath(issue.path);
	switch (issue.code) {
		case 'invalid_type': {
			const value = valueAt(input, issue.path);
			if (value === undefined) return [err(path, 'required')];
			return [err(path, 'type', { expected: String(issue.expected), got: describe(value) })];
		}
		case 'too_small':
			if (issue.origin === 'string') return [err(path, 'required')];
			if (issue.origin === 'array') return [err(path, 'tooFew', { minimum: Number(issue.minimum) })];
			return [err(path, 'numberTooSmall', { minimum: Number(issue.minimum) })];
		case 'too_big':
			if (issue.origin === 'string') return [err(path, 'tooLong', { maximum: Number(issue.maximum) })];
			if (issue.origin === 'array') return [err(path, 'tooMany', { maximum: Number(issue.maximum) })];
			return [err(path, 'numberTooBig', { maximum: Number(issue.maximum) })];
		case 'invalid_value':
			return [err(path, 'notAllowed', { value: String(valueAt(input, issue.path)), allowed: issue.values.map(String).join(', ') })];
		case 'invalid_format':
			return [err(path, 'badFormat', { value: String(valueAt(input, issue.path)).slice(0, 80), format: String(issue.format) })];
		case 'unrecognized_keys':
			return issue.keys.map((key) => err(path ? `${path}.${key}` : key, 'unknownField', { field: key }));
		default:
			return [err(path, 'invalid')];
	}
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let at: unknown = input;
	for (const part of path) {
		if (at === null || typeof at !== 'object') return undefined;
		at = (at as Record<PropertyKey, unknown>)[part];
	}
	return at;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads a board file. Either the whole file is good, or nothing is: the caller imports only on `ok`.
 * Checks, in order: size, JSON syntax (with line and column), format and version, number of items,
 * every field, then that levels are unique and every item's level is one of the board's levels.
 */
export function parseBoardFile(text: string): ParseResult {
	const bytes = new TextEncoder().encode(text).length;
	if (bytes > maxBoardFileBytes) return { ok: false, errors: [err('', 'tooLarge', { maximum: maxBoardFileBytes, size: bytes })] };

	let raw: unknown;
	try {
		raw = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		return { ok: false, errors: [jsonError(text, e)] };
	}
	if (!isObject(raw)) return { ok: false, errors: [err('', 'notObject')] };
	if (raw.format !== boardFileFormat) return { ok: false, errors: [err('format', 'format', { value: String(raw.format ?? '') })] };
	if (raw.version !== boardFileVersion) return { ok: false, errors: [err('version', 'version', { value: String(raw.version ?? '') })] };
	if (Array.isArray(raw.items) && raw.items.length > maxBoardFileItems)
		return { ok: false, errors: [err('items', 'tooManyItems', { maximum: maxBoardFileItems, count: raw.items.length })] };

	const parsed = boardFileSchema.safeParse(raw);
	const errors: BoardFileError[] = parsed.success ? [] : parsed.error.issues.flatMap((issue) => fromIssue(issue, raw));

	// Cross-field rules: only when the levels themselves could be read.
	const board = isObject(raw.board) ? raw.board : {};
	const levels = Array.isArray(board.levels) ? board.levels : [];
	const keys = new Set<string>();
	levels.forEach((level, i) => {
		const key = isObject(level) && typeof level.key === 'string' ? level.key : null;
		if (key === null) return;
		if (keys.has(key)) errors.push(err(`board.levels[${i}].key`, 'duplicateLevel', { level: key }));
		keys.add(key);
	});
	if (keys.size && Array.isArray(raw.items)) {
		raw.items.forEach((item, i) => {
			if (isObject(item) && typeof item.level === 'string' && !keys.has(item.level))
				errors.push(err(`items[${i}].level`, 'unknownLevel', { level: item.level, levels: [...keys].join(', ') }));
		});
	}

	// Text no database can store (a NUL, half a surrogate pair): refused here, where the coach sees where,
	// rather than by the server op by op after the import.
	if (parsed.success) {
		const bad = unstorableTextAt(parsed.data);
		if (bad !== null) errors.push(err(bad, 'invalid'));
	}

	if (errors.length || !parsed.success) {
		const seen = new Set<string>();
		const unique = errors.filter((e) => {
			const id = `${e.path}|${e.code}`;
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		return { ok: false, errors: unique.slice(0, maxErrors) };
	}
	return { ok: true, file: parsed.data };
}

type ItemLike = Omit<EntityData['item'], 'boardId'> & { boardId?: string };

/** What "Exporteren" writes: the board's content and items, without ids, groups or ratings. */
export function toBoardFile(board: EntityData['board'], items: readonly ItemLike[]): BoardFile {
	const sorted = [...items].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
	return {
		$schema: boardFileSchemaUrl,
		format: boardFileFormat,
		version: boardFileVersion,
		board: {
			title: board.title,
			description: board.description ?? '',
			periodStart: board.periodStart ?? null,
			periodEnd: board.periodEnd ?? null,
			levels: inSupportOrder(board.levels).map(({ key, label }) => ({ key, label })),
			mode: board.mode
		},
		items: sorted.map((item) => ({
			title: item.title,
			instructions: item.instructions ?? '',
			level: item.level,
			type: item.type,
			estimatedMinutes: item.estimatedMinutes ?? null,
			workProcessIds: [...(item.workProcessIds ?? [])],
			required: item.required,
			resources: (item.resources ?? []).map(({ label, url }) => ({ label, url })),
			...(item.order === undefined ? {} : { order: item.order }),
			nextLevelPrep: item.nextLevelPrep ?? false
		}))
	};
}

/** The file as text: readable, with a final newline. */
export function boardFileText(file: BoardFile): string {
	return JSON.stringify(file, null, 2) + '\n';
}

/** "Zorg & welzijn: week 47!" → "zorg-welzijn-week-47" (ASCII, at most 60 characters, never empty). */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
	return slug || 'bord';
}

export function boardFileName(title: string): string {
	return `koers-board-${slugify(title)}.json`;
}

/** A level key made from a label: "Extra uitdaging" → "extraUitdaging", unique among `taken`. */
export function levelKeyFromLabel(label: string, taken: Iterable<string>): string {
	const words = label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, ' ')
		.trim()
		.split(' ')
		.filter(Boolean);
	let key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
	key = key.replace(/^[^a-z]+/, '');
	if (!key) key = 'level';
	key = key.slice(0, 28);
	const used = new Set(taken);
	if (!used.has(key)) return key;
	for (let n = 2; ; n++) if (!used.has(`${key}${n}`)) return `${key}${n}`;
}

/**
 * The records an import creates: one new board for the chosen groups and all its items, with new ids.
 * The board is a draft: students see it once a coach has looked it over and published it.
 * `newId` makes the ids (crypto.randomUUID in the browser).
 */
export function recordsFromFile(file: BoardFile, groupIds: readonly string[], newId: () => string) {
	const boardId = newId();
	const board: EntityData['board'] = {
		title: file.board.title,
		description: file.board.description ?? '',
		periodStart: file.board.periodStart ?? null,
		periodEnd: file.board.periodEnd ?? null,
		levels: inSupportOrder(file.board.levels).map(({ key, label }) => ({ key, label })),
		mode: file.board.mode,
		groupIds: [...groupIds],
		draft: true
	};
	const items = file.items.map((item) => ({ id: newId(), data: { ...structuredClone(item), boardId } as EntityData['item'] }));
	return { board: { id: boardId, data: board }, items };
}

const titleKey = (title: string) => title.trim().toLowerCase();

/**
 * "Vervangen": what an import writes over an existing board. The board keeps its id, groups and
 * published state and takes the file's content; an item with the same title keeps its id (so the
 * students' picks and ratings stay with it) and takes the file's fields; the file's other items are new,
 * and the board's items the file does not have are removed.
 */
export function replacementFromFile(
	file: BoardFile,
	board: { id: string; data: EntityData['board'] },
	existingItems: readonly { id: string; data: { title: string } }[],
	groupIds: readonly string[],
	newId: () => string
) {
	const fresh = recordsFromFile(file, [...new Set([...(board.data.groupIds ?? []), ...groupIds])], newId);
	const { draft: _draft, ...content } = fresh.board.data;
	const unmatched = [...existingItems];
	const items = file.items.map((item) => {
		const at = unmatched.findIndex((e) => titleKey(e.data.title) === titleKey(item.title));
		const id = at >= 0 ? unmatched.splice(at, 1)[0]!.id : newId();
		return { id, data: { ...structuredClone(item), boardId: board.id } as EntityData['item'] };
	});
	return { board: { id: board.id, data: content }, items, removed: unmatched.map((e) => e.id) };
}
