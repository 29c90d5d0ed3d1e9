import { m } from '$lib/paraglide/messages.js';
import { phaseName } from '$lib/i18n/phase';
import { getLocale } from '$lib/paraglide/runtime.js';
import { daysSince, markTrend, type AutonomyLevel, type DashboardRow, type RowStatus } from '$lib/domain/dashboard';
import { firstName } from '$lib/domain/names';
import type { TriageReason } from '$lib/domain/triage';
import type { PaceState } from '$lib/domain/pace';

/** The words of the dashboard, one place for the table and the cards. */
export function paceLabel(p: PaceState): string {
	return { ahead: m.dashboard_pace_ahead, onTrack: m.dashboard_pace_onTrack, behind: m.dashboard_pace_behind, notStarted: m.dashboard_pace_notStarted }[p]();
}

export function autonomyLabel(a: AutonomyLevel | null): string {
	if (a === null) return m.dashboard_autonomy_unknown();
	return { guided: m.dashboard_autonomy_guided, shared: m.dashboard_autonomy_shared, selfDirected: m.dashboard_autonomy_selfDirected }[a]();
}

export function statusLabel(s: RowStatus): string {
	return { now: m.dashboard_status_now, soon: m.dashboard_status_soon, fine: m.dashboard_status_fine }[s]();
}


/**
 * "Samira's", "Noahs", "Thijs'" in Dutch (an apostrophe after a long vowel, none after a
 * consonant or a silent e, only an apostrophe after an s sound); "Samira's", "Thijs'" in English.
 */
export function possessive(name: string, locale: string = getLocale()): string {
	if (/(s|x|z|sch)$/i.test(name)) return `${name}’`;
	if (locale === 'en') return `${name}’s`;
	if (/[aiouyé]$/i.test(name)) return `${name}’s`;
	return `${name}s`;
}

/** "… (wacht al 3 schooldagen)": how long it waits, once that is more than a day. */
function waited(text: string, days: number | null | undefined): string {
	return days != null && days >= 2 ? `${text} (${m.triage_waiting_days({ days })})` : text;
}

/** What the coach can do about a reason, as a sentence with the student's first name. */
export function reasonLabel(r: TriageReason, fullName: string): string {
	const name = firstName(fullName);
	const whose = possessive(name);
	switch (r.kind) {
		case 'approval':
			return waited(m.triage_approval({ count: r.count, name, whose }), r.days);
		case 'question':
			return waited(m.triage_question({ count: r.count, name, whose }), r.days);
		case 'reply':
			return waited(m.triage_reply({ count: r.count, name, whose }), r.days);
		case 'help':
			return waited(m.triage_help({ name }), r.days);
		case 'lowReflection':
			return m.triage_lowReflection({ whose, mark: r.mark, target: r.target });
		case 'noLog':
			return (r.performing ? m.triage_noLog : m.triage_noActivity)({ name, days: r.days });
		case 'confidenceDrop':
			return m.triage_confidenceDrop({ name, from: r.from, to: r.to });
		case 'quietWeek':
			return (r.performing ? m.triage_quietWeek : m.triage_quietWeekActivity)({ name, days: r.days });
		case 'goalOverdue':
			return m.triage_goalOverdue({ count: r.count, name, whose });
		case 'behind':
			return m.triage_behind({ name });
		case 'feedbackUnanswered':
			return m.triage_feedbackUnanswered({ name, days: r.days });
		case 'notStarted':
			return m.triage_notStarted({ name });
	}
}

/**
 * "3 dagen geleden", "gisteren", "vandaag"; null when there is no date. Messages, not
 * `Intl.RelativeTimeFormat`: the page's first `Intl` formatter loads ICU's data (11–18 ms here, four
 * times that on a phone) while the dashboard hydrates.
 */
export function ago(at: string | null, today: Date): string | null {
	const days = daysSince(at, today);
	if (days === null) return null;
	if (days <= 0) return m.dashboard_ago_today();
	if (days === 1) return m.dashboard_ago_yesterday();
	return m.dashboard_ago_days({ count: days });
}

/** A dashboard row with its words worked out: what each cell of the table (or line of a card) says. */
export interface RowView {
	row: DashboardRow;
	status: string;
	/** What the coach can do, one sentence per reason, the most urgent first; empty when nothing waits. */
	reasons: string[];
	/** The phases of the open cycles, or "no cycle yet". */
	phases: string;
	items: string;
	pace: string;
	activity: string;
	/** "last log 9 days ago" when the student stopped logging; else empty. */
	lastLog: string;
	/** The waiting questions, or "none". */
	questions: string;
	/** The choices waiting for approval; empty when none. */
	approvals: string;
	autonomy: string;
	/** The self-marks as a sparkline (no line for one mark), with the same facts as text; null when there are none. */
	marks: { points: string | null; shown: string; text: string } | null;
}

/** The sparkline's size, in CSS pixels. */
export const sparkline = { width: 56, height: 18 };

/** Self-marks (1–10, oldest first) as a sparkline's points, the last mark with its arrow, and a sentence. */
export function marksView(marks: readonly number[]): RowView['marks'] {
	if (marks.length === 0) return null;
	const { width, height } = sparkline;
	const points =
		marks.length < 2
			? null
			: marks
					.map((v, i) => {
						const x = 2 + (i * (width - 4)) / (marks.length - 1);
						const y = height - 2 - ((Math.min(10, Math.max(1, v)) - 1) * (height - 4)) / 9;
						return `${x.toFixed(1)},${y.toFixed(1)}`;
					})
					.join(' ');
	const trend = markTrend(marks);
	const arrow = trend === 'up' ? '↗' : trend === 'down' ? '↘' : trend === 'flat' ? '→' : '';
	const trendText = trend === 'up' ? m.dashboard_trend_up() : trend === 'down' ? m.dashboard_trend_down() : trend === 'flat' ? m.dashboard_trend_flat() : '';
	return {
		points,
		shown: `${marks[marks.length - 1]}${arrow}`,
		text: `${m.dashboard_marks_label({ marks: marks.join(', ') })}${trendText ? ` (${trendText})` : ''}`
	};
}

/**
 * Worked out once per row rather than in the template: the table then hydrates as plain text, not as
 * a memo and a block for every label and condition of every cell (the rows were a third of the
 * dashboard's hydration, its longest task on a phone).
 */
export function rowView(row: DashboardRow, today: Date): RowView {
	return {
		row,
		status: statusLabel(row.status),
		reasons: row.attention.reasons.map((r) => reasonLabel(r, row.name)),
		phases: row.phases.length ? row.phases.map(phaseName).join(', ') : m.dashboard_no_cycle(),
		items: m.dashboard_items_done({ done: row.done, planned: row.planned }),
		pace: paceLabel(row.pace),
		activity: ago(row.lastActivityAt, today) ?? m.dashboard_never_active(),
		lastLog: row.attention.reasons.some((r) => (r.kind === 'noLog' || r.kind === 'quietWeek') && r.performing) && row.lastLogAt ? m.dashboard_last_log({ when: ago(row.lastLogAt, today) ?? '' }) : '',
		questions: row.waitingQuestions ? m.dashboard_questions_waiting({ count: row.waitingQuestions }) : m.dashboard_none(),
		approvals: row.awaitingApproval ? m.dashboard_approvals_waiting({ count: row.awaitingApproval }) : '',
		autonomy: autonomyLabel(row.autonomy),
		marks: marksView(row.marks)
	};
}
