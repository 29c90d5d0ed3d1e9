import { m } from '$lib/paraglide/messages.js';
import { isIsoWeek, weekDays, weekNumber, weeksBetween, type IsoWeek } from '$lib/domain/pace';
import type { EntityData } from '$lib/domain/entities';
import type { LevelView } from './model';
import type { ChoiceState } from './model';
import { dateFormat, numberFormat } from '$lib/i18n/intl';

/** A calendar date ("2026-11-23") as a local Date at noon, so no time zone moves it to another day. */
function localDay(date: string): Date {
	const [y, mo, d] = date.split('-').map(Number);
	return new Date(y!, mo! - 1, d!, 12);
}

/** "23–29 nov." / "28 dec. – 3 jan." */
export function weekDates(week: IsoWeek): string {
	if (!isIsoWeek(week)) return '';
	const { start, end } = weekDays(week);
	const f = dateFormat({ day: 'numeric', month: 'short' });
	try {
		return f.formatRange(localDay(start), localDay(end));
	} catch {
		return `${f.format(localDay(start))} – ${f.format(localDay(end))}`;
	}
}

/** "deze week (48)", "volgende week (49)", "over twee weken (50)", "vorige week (47)" or "week 45". */
export function weekName(week: IsoWeek | null | undefined, thisWeek: IsoWeek): string {
	if (!week || !isIsoWeek(week)) return m.boards_week_none();
	const n = weekNumber(week);
	const diff = weeksBetween(thisWeek, week);
	if (diff === 0) return m.boards_week_this({ week: n });
	if (diff === 1) return m.boards_week_next({ week: n });
	if (diff === 2) return m.boards_week_after({ week: n });
	if (diff === -1) return m.boards_week_last({ week: n });
	return m.boards_week_other({ week: n });
}

/** "25 nov." */
export function dayName(iso: string | null | undefined): string {
	if (!iso) return '';
	const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? localDay(iso) : new Date(iso);
	if (Number.isNaN(d.getTime())) return '';
	return dateFormat({ day: 'numeric', month: 'short' }).format(d);
}

/** "ongeveer 45 minuten", "ongeveer 1,5 uur". */
export function duration(minutes: number | null | undefined): string | null {
	if (minutes == null || minutes <= 0) return null;
	if (minutes < 60) return m.boards_minutes({ minutes });
	const hours = numberFormat({ maximumFractionDigits: 1 }).format(Math.round((minutes / 60) * 2) / 2);
	return m.boards_hours({ hours });
}

export function typeName(type: EntityData['item']['type']): string {
	return {
		practice: m.boards_type_practice(),
		theory: m.boards_type_theory(),
		project: m.boards_type_project(),
		realAssignment: m.boards_type_realAssignment()
	}[type];
}

type Named = (inputs?: Record<string, never>, options?: { locale?: 'nl' | 'en' }) => string;
const defaultLevelNames: Record<string, Named> = {
	support: m.boards_level_support,
	basis: m.boards_level_basis,
	repeat: m.boards_level_repeat,
	enrichment: m.boards_level_enrichment,
	deepening: m.boards_level_deepening
};

/**
 * The board's label of a level; the default levels in the reader's language when the board kept them
 * (no label, or the default name in either language: "Verrijking" reads "Enrichment" in English).
 */
export function levelName(level: LevelView | undefined, key: string): string {
	const standard = defaultLevelNames[key];
	const label = level?.label?.trim();
	if (label && !(standard && (label === standard({}, { locale: 'nl' }) || label === standard({}, { locale: 'en' })))) return label;
	return standard?.() ?? label ?? key;
}

export function stateName(state: ChoiceState): string {
	return {
		waiting: m.boards_state_waiting(),
		planned: m.boards_state_planned(),
		approved: m.boards_state_approved(),
		inProgress: m.boards_state_inProgress(),
		done: m.boards_state_done(),
		dropped: m.boards_state_dropped()
	}[state];
}
