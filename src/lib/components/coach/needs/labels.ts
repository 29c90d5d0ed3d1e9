import { needPhases } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';
import { m } from '$lib/paraglide/messages.js';
import { dateFormat } from '$lib/i18n/intl';

/**
 * Words that describe a student as a label rather than what they need ("zwak", "lui").
 * Only a gentle hint: the team decides how to word a need.
 */
const labelStems = /^(zwak|probleem|zorgleerling|zorgstudent|ongemotiveerd|slecht|lastig|brutaal|brutale|weak|lazy|troublemaker|unmotivated|problem)/;
const labelWords = new Set(['lui', 'luie', 'dom', 'domme', 'traag', 'trage', 'moeilijke', 'achterstand', 'achterstanden', 'bad', 'slow', 'difficult']);

export function looksLikeLabel(category: string): boolean {
	return category
		.toLowerCase()
		.split(/[^\p{L}]+/u)
		.some((w) => labelWords.has(w) || labelStems.test(w));
}

export type NeedPhase = EntityData['need']['phase'];
export type NeedKind = EntityData['need']['kind'];

export const phases = needPhases;

export function phaseLabel(phase: NeedPhase): string {
	return {
		signal: m.needs_phase_signal,
		analyse: m.needs_phase_analyse,
		approach: m.needs_phase_approach,
		execute: m.needs_phase_execute,
		evaluate: m.needs_phase_evaluate
	}[phase]();
}

export function kindLabel(kind: NeedKind): string {
	return kind === 'didactic' ? m.needs_kind_didactic() : m.needs_kind_pedagogical();
}

/** A calendar date (YYYY-MM-DD) in the reader's language. */
export function formatDay(iso: string): string {
	const [y, mo, d] = iso.slice(0, 10).split('-').map(Number);
	return dateFormat({ day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(y!, mo! - 1, d!));
}

