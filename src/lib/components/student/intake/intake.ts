import { m } from '$lib/paraglide/messages.js';
import type { LocalRecord } from '$lib/client/db';
import type { EntityData } from '$lib/domain/entities';
import { dateFormat } from '$lib/i18n/intl';
import { byCodeUnits } from '$lib/domain/order';

/**
 * The intake wizard's pure parts: which answers belong to which step, where to start, and how the
 * versions on this device are told apart.
 *
 * Versions: every finished intake is its own record. Changing it later ("Aanpassen") starts a copy
 * with a new id and no `completedAt`; finishing the copy sets `completedAt`, so it becomes the
 * current intake and the one before stays on the device as an earlier version. A copy that is
 * not finished yet is the draft.
 */
export type IntakeAnswers = EntityData['intake'];
export type IntakeRecord = LocalRecord<'intake'>;
export type IntakeField = keyof IntakeAnswers;
export type AmbitionKind = NonNullable<IntakeAnswers['ambitionKind']>;

export const STEP_COUNT = 5;
export const LAST_STEP = STEP_COUNT - 1;

export const stepFields: readonly (readonly IntakeField[])[] = [
	['priorEducation', 'workExperience', 'placementExperience'],
	['interests', 'ambitionKind', 'ambitions'],
	['helpsMeLearn', 'needsDidactic', 'needsPedagogical'],
	['confidence', 'supportDutch', 'supportMaths'],
	['privateNote']
];

export function stepTitle(step: number): string {
	const title = [m.intake_step1_title, m.intake_step2_title, m.intake_step3_title, m.intake_step4_title, m.intake_step5_title][step];
	return title ? title() : '';
}

export function stepIntro(step: number): string {
	const intro = [m.intake_step1_intro, m.intake_step2_intro, m.intake_step3_intro, m.intake_step4_intro, m.intake_step5_intro][step];
	return intro ? intro() : '';
}

export const ambitionKinds: readonly AmbitionKind[] = ['diploma', 'nextLevel', 'job', 'unsure'];

export function ambitionKindLabel(kind: AmbitionKind): string {
	return {
		diploma: m.intake_ambition_diploma(),
		nextLevel: m.intake_ambition_next_level(),
		job: m.intake_ambition_job(),
		unsure: m.intake_ambition_unsure()
	}[kind];
}

/** The question under the ambition choice follows the choice: which diploma, which level, which job. */
export function ambitionsLabel(kind: AmbitionKind | undefined): string {
	if (kind === 'diploma') return m.intake_ambitions_label_diploma();
	if (kind === 'nextLevel') return m.intake_ambitions_label_next_level();
	if (kind === 'job') return m.intake_ambitions_label_job();
	return m.intake_ambitions_label();
}

/** Tappable ideas, phrased as needs ("meer zelfvertrouwen"), never as labels of the student. */
export function didacticSuggestions(): string[] {
	return [
		m.intake_sugg_extra_explanation(),
		m.intake_sugg_examples(),
		m.intake_sugg_step_by_step(),
		m.intake_sugg_pictures(),
		m.intake_sugg_practice(),
		m.intake_sugg_more_time()
	];
}

export function pedagogicalSuggestions(): string[] {
	return [
		m.intake_sugg_confidence(),
		m.intake_sugg_encouragement(),
		m.intake_sugg_structure(),
		m.intake_sugg_small_steps(),
		m.intake_sugg_check_in(),
		m.intake_sugg_planning()
	];
}

const norm = (s: string) => s.trim().toLocaleLowerCase();

/** Whether the text holds this idea on a line of its own. */
export function hasLine(text: string | undefined, phrase: string): boolean {
	return (text ?? '').split('\n').some((line) => norm(line) === norm(phrase));
}

/** Adds the idea on a new line, or takes it away when it is there already. */
export function toggleLine(text: string | undefined, phrase: string): string {
	const current = text ?? '';
	if (hasLine(current, phrase)) {
		return current
			.split('\n')
			.filter((line) => norm(line) !== norm(phrase))
			.join('\n');
	}
	if (!current.trim()) return phrase;
	return current.endsWith('\n') ? current + phrase : `${current}\n${phrase}`;
}

export function isAnswered(value: unknown): boolean {
	if (typeof value === 'string') return value.trim() !== '';
	return value !== undefined && value !== null;
}

/** The first step with no answer at all; the last step (note and check) when all have one. */
export function firstUnanswered(data: IntakeAnswers): number {
	for (let step = 0; step < LAST_STEP; step++) {
		if (!(stepFields[step] ?? []).some((field) => isAnswered(data[field]))) return step;
	}
	return LAST_STEP;
}

/** The answers of a version, to start a new version from (without its completion date). */
export function answersOf(data: IntakeAnswers): IntakeAnswers {
	const copy: Record<string, unknown> = {};
	for (const fields of stepFields) for (const field of fields) if (data[field] !== undefined) copy[field] = data[field];
	return copy as IntakeAnswers;
}

export interface IntakeVersions {
	/** The latest finished intake. */
	current: IntakeRecord | null;
	/** Finished intakes before it, newest first. */
	earlier: IntakeRecord[];
	/** The newest intake that is not finished yet (the first one, or changes to the current one). */
	draft: IntakeRecord | null;
}

export function splitVersions(rows: IntakeRecord[]): IntakeVersions {
	const done = rows
		.filter((r) => !!r.data.completedAt)
		.sort((a, b) => byCodeUnits(b.data.completedAt ?? '', a.data.completedAt ?? ''));
	const drafts = rows.filter((r) => !r.data.completedAt).sort((a, b) => byCodeUnits(b.createdAt, a.createdAt));
	return { current: done[0] ?? null, earlier: done.slice(1), draft: drafts[0] ?? null };
}

/** "12 maart 2025", or with the time ("12 maart 2025 om 10:42") to tell two versions of one day apart. */
export function formatDate(iso: string, withTime = false): string {
	return dateFormat({
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		...(withTime ? { hour: '2-digit', minute: '2-digit' } : {})
	}).format(new Date(iso));
}
