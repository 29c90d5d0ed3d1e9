import { m } from '$lib/paraglide/messages.js';
import type { BoardFileError, BoardFileErrorCode } from '$lib/domain/board-file';
import type { EntityData } from '$lib/domain/entities';
import { dateFormat, numberFormat } from '$lib/i18n/intl';

type Params = Record<string, string | number>;
const s = (p: Params, k: string) => String(p[k] ?? '');

const jsonTypes: Record<string, () => string> = {
	number: m.cboards_jtype_number,
	string: m.cboards_jtype_string,
	boolean: m.cboards_jtype_boolean,
	array: m.cboards_jtype_array,
	object: m.cboards_jtype_object,
	null: m.cboards_jtype_null
};
const jsonType = (name: string) => jsonTypes[name]?.() ?? name;

/** A file's field as the coach knows it from the board and item forms; a field Koers does not know keeps its key. */
const fieldNames: Record<string, () => string> = {
	title: m.cboards_field_title,
	description: m.cboards_field_description,
	periodStart: m.cboards_field_period_start,
	periodEnd: m.cboards_field_period_end,
	mode: m.cboards_field_mode,
	instructions: m.cboards_field_instructions,
	level: m.cboards_field_level,
	type: m.cboards_field_type,
	estimatedMinutes: m.cboards_field_minutes,
	required: m.cboards_field_required,
	nextLevelPrep: m.cboards_field_prep,
	order: m.cboards_field_order,
	workProcessIds: m.cboards_place_workprocesses,
	resources: m.cboards_place_resources,
	levels: m.cboards_place_levels,
	label: m.cboards_place_label,
	url: m.cboards_place_url
};

/**
 * `items[2].level` → "Opdracht 3, Niveau": items and levels counted from 1, fields named in the reader's
 * language. The file's own path stays beside it (see ImportForm) for whoever edits the JSON.
 */
export function placeText(path: string): string {
	const parts = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((p) => (p[2] !== undefined ? Number(p[2]) : p[1]!));
	const out: string[] = [];
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i]!;
		const next = parts[i + 1];
		if (part === 'board') continue;
		if (typeof next === 'number' && (part === 'items' || part === 'levels' || part === 'resources' || part === 'workProcessIds')) {
			const n = next + 1;
			out.push(part === 'items' ? m.cboards_place_item({ n }) : part === 'levels' ? m.cboards_place_level({ n }) : part === 'resources' ? m.cboards_place_resource({ n }) : m.cboards_place_workprocess({ n }));
			i++;
		} else if (typeof part === 'string') out.push(fieldNames[part]?.() ?? part);
	}
	return out.length ? out.join(', ') : m.cboards_place_board();
}

/** Allowed values of a field in the reader's words ("Oefenen, Echte opdracht"), not the file's keys. */
function allowedText(path: string, allowed: string): string {
	const field = /([^.[\]]+)$/.exec(path)?.[1];
	const name = field === 'type' ? (v: string) => (v in types ? typeName(v as EntityData['item']['type']) : v) : field === 'mode' ? (v: string) => (v in modes ? modeName(v as EntityData['board']['mode']) : v) : null;
	return name ? allowed.split(', ').map((v) => `${name(v)} (${v})`).join(', ') : allowed;
}

const codes: Record<BoardFileErrorCode, (p: Params) => string> = {
	tooLarge: () => m.cboards_err_tooLarge(),
	json: (p) => m.cboards_err_json({ line: s(p, 'line'), column: s(p, 'column') }),
	notObject: () => m.cboards_err_notObject(),
	format: (p) => m.cboards_err_format({ value: s(p, 'value') }),
	version: (p) => m.cboards_err_version({ value: s(p, 'value') }),
	tooManyItems: (p) => m.cboards_err_tooManyItems({ count: s(p, 'count'), maximum: s(p, 'maximum') }),
	required: () => m.cboards_err_required(),
	type: (p) => m.cboards_err_type({ expected: jsonType(s(p, 'expected')), got: jsonType(s(p, 'got')) }),
	tooLong: (p) => m.cboards_err_tooLong({ maximum: s(p, 'maximum') }),
	tooFew: (p) => m.cboards_err_tooFew({ minimum: s(p, 'minimum') }),
	tooMany: (p) => m.cboards_err_tooMany({ maximum: s(p, 'maximum') }),
	numberTooSmall: (p) => m.cboards_err_numberTooSmall({ minimum: s(p, 'minimum') }),
	numberTooBig: (p) => m.cboards_err_numberTooBig({ maximum: s(p, 'maximum') }),
	notAllowed: (p) => m.cboards_err_notAllowed({ value: s(p, 'value'), allowed: s(p, 'allowed') }),
	badFormat: (p) => m.cboards_err_badFormat({ value: s(p, 'value') }),
	unknownField: () => m.cboards_err_unknownField(),
	unknownLevel: (p) => m.cboards_err_unknownLevel({ level: s(p, 'level'), levels: s(p, 'levels') }),
	duplicateLevel: (p) => m.cboards_err_duplicateLevel({ level: s(p, 'level') }),
	unknownWorkProcess: (p) =>
		p.suggestion ? m.cboards_err_unknownWorkProcess_case({ value: s(p, 'value'), suggestion: s(p, 'suggestion') }) : m.cboards_err_unknownWorkProcess({ value: s(p, 'value') }),
	invalid: () => m.cboards_err_invalid()
};

/** One import error in the user's language: `Opdracht 4, Niveau: "expert" is geen niveau van dit bord …`. */
export function importErrorText(error: BoardFileError): string {
	const params = error.code === 'notAllowed' ? { ...error.params, allowed: allowedText(error.path, s(error.params, 'allowed')) } : error.params;
	const text = (codes[error.code] ?? codes.invalid)(params);
	return error.path ? `${placeText(error.path)}: ${text}` : text;
}

const modes: Record<EntityData['board']['mode'], () => string> = {
	free: m.cboards_mode_free,
	stepPlan: m.cboards_mode_stepPlan
};
export const modeName = (mode: EntityData['board']['mode']) => modes[mode]();

const types: Record<EntityData['item']['type'], () => string> = {
	practice: m.cboards_type_practice,
	theory: m.cboards_type_theory,
	project: m.cboards_type_project,
	realAssignment: m.cboards_type_realAssignment
};
export const typeName = (type: EntityData['item']['type']) => types[type]();

function day(date: string): Date {
	const [y, mo, d] = date.split('-').map(Number);
	return new Date(y!, mo! - 1, d!, 12);
}

/** "16 nov. 2026 – 29 jan. 2027", or "Geen periode". */
export function periodText(start: string | null | undefined, end: string | null | undefined): string {
	const f = dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });
	if (start && end) return `${f.format(day(start))} – ${f.format(day(end))}`;
	if (start) return `${f.format(day(start))} –`;
	if (end) return `– ${f.format(day(end))}`;
	return m.cboards_no_period();
}

export function averageText(average: number): string {
	return numberFormat({ maximumFractionDigits: 1 }).format(average);
}
