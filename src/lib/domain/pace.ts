import type { choiceStatuses } from './constants';
import { addWeeks, compareWeeks, isIsoWeek, isoWeek, isoWeekOrNull, weekRange, weeksBetween, type IsoWeek } from './weeks';

/**
 * Pace: whether a student keeps up with the items they planned, in ISO weeks (./weeks.ts). Pure, no
 * I/O: the client shows it, the coach's views can compute the same. The weeks live apart so that a
 * page that only needs the calendar (the coach's week plan) does not load the pace computation.
 */
export * from './weeks';

export type ChoiceStatus = (typeof choiceStatuses)[number];

export type PaceState = 'ahead' | 'onTrack' | 'behind' | 'notStarted';

export interface PaceChoice {
	plannedWeek?: string | null;
	status: ChoiceStatus;
	doneAt?: string | null;
}

export interface PaceInput {
	choices: readonly PaceChoice[];
	today: Date;
	/** The board's period as calendar dates ("2026-11-02"). */
	periodStart?: string | null;
	periodEnd?: string | null;
}

export interface PaceWeek {
	week: IsoWeek;
	/** Items planned in this week (not dropped). */
	planned: number;
	/** Items finished in this week. */
	done: number;
	current: boolean;
	inPeriod: boolean;
}

export interface PacePeriod {
	start: IsoWeek;
	end: IsoWeek;
	/** Weeks in the period, both ends included. */
	weeks: number;
	/** Which week of the period this is (1 = the first); 0 before the period, `weeks + 1` after it. */
	current: number;
	/** Weeks left after this one (0 once the period is over). */
	remaining: number;
}

export interface Pace {
	week: IsoWeek;
	/** Items planned in this week or earlier (not dropped). */
	plannedToDate: number;
	/** Items planned before this week (not dropped): what should be done by now. */
	plannedBefore: number;
	/** Items finished up to and including this week. */
	doneToDate: number;
	/** Items planned before this week that are not done. */
	overdue: number;
	/** Items without a (valid) planned week. */
	unplanned: number;
	/** Items chosen and not dropped. */
	total: number;
	done: number;
	status: PaceState;
	/** done / total, 0 when there is nothing. */
	fraction: number;
	series: PaceWeek[];
	period: PacePeriod | null;
}

/** How far ahead counts as "ahead": at least one item, or at least 20 % of what was planned. */
export const aheadMinItems = 1;
export const aheadMinShare = 0.2;

/** Series never reach further than this from the current week, whatever the data says. */
const seriesReach = 52;

/**
 * Where a student stands against their own plan.
 *
 * - A choice counts from its planned week on. A choice without a planned week is due by the end of
 *   the board's period when there is one (so it counts from the period's last week), and is
 *   otherwise left out of "planned". Dropped choices do not count at all.
 * - `ahead`: more is done than was planned up to and including this week, by at least one item or
 *   at least 20 % (items are whole, so in practice: at least one more).
 * - `behind`: less is done than was planned *before* this week. An item planned for this week is
 *   not late until the week is over: Samira is not "behind" on Monday morning.
 * - `notStarted`: nothing chosen, or nothing done, nothing started and nothing overdue yet.
 * - otherwise `onTrack`.
 */
export function paceStatus(input: PaceInput): Pace {
	const week = isoWeek(input.today);
	const weeks = periodWeeks(input.periodStart, input.periodEnd);
	const period = weeks ? makePeriod(weeks.start, weeks.end, week) : null;

	const active = input.choices.filter((c) => c.status !== 'dropped');
	const dueWeek = (c: PaceChoice): IsoWeek | null => dueWeekOf(c, period?.end);

	let plannedToDate = 0;
	let plannedBefore = 0;
	let doneToDate = 0;
	let done = 0;
	let overdue = 0;
	let unplanned = 0;
	let started = 0;
	for (const c of active) {
		const due = dueWeek(c);
		if (!isIsoWeek(c.plannedWeek)) unplanned++;
		if (due && compareWeeks(due, week) <= 0) plannedToDate++;
		if (due && compareWeeks(due, week) < 0) {
			plannedBefore++;
			if (c.status !== 'done') overdue++;
		}
		if (c.status === 'inProgress') started++;
		if (c.status === 'done') {
			done++;
			const at = doneWeek(c);
			if (!at || compareWeeks(at, week) <= 0) doneToDate++;
		}
	}

	const total = active.length;
	const lead = doneToDate - plannedToDate;
	const needed = plannedToDate > 0 ? Math.min(aheadMinItems, aheadMinShare * plannedToDate) : aheadMinItems;
	let status: PaceState;
	if (lead > 0 && lead >= needed) status = 'ahead';
	else if (doneToDate < plannedBefore) status = 'behind';
	else if (total === 0 || (doneToDate === 0 && started === 0)) status = 'notStarted';
	else status = 'onTrack';

	return {
		week,
		plannedToDate,
		plannedBefore,
		doneToDate,
		overdue,
		unplanned,
		total,
		done,
		status,
		fraction: total ? done / total : 0,
		series: makeSeries(active, week, period, dueWeek),
		period
	};
}

/** The board's first and last week, when it has a readable start at or before its end. */
function periodWeeks(periodStart: string | null | undefined, periodEnd: string | null | undefined): { start: IsoWeek; end: IsoWeek } | null {
	const start = isoWeekOrNull(periodStart);
	const end = isoWeekOrNull(periodEnd);
	return start && end && compareWeeks(start, end) <= 0 ? { start, end } : null;
}

/** When a choice falls due: its planned week, else the period's last week; null when neither is known. */
function dueWeekOf(c: PaceChoice, periodEnd: IsoWeek | null | undefined): IsoWeek | null {
	return isIsoWeek(c.plannedWeek) ? c.plannedWeek : (periodEnd ?? null);
}

/** When an item was finished; a done item without `doneAt` counts as done by now, week unknown. */
const doneWeek = (c: PaceChoice): IsoWeek | null => isoWeekOrNull(c.doneAt);

/**
 * How a student kept to their plan lately, by the same rules as `paceStatus` (when a choice falls
 * due, when it was done): of the choices that fell due in the `weeks` weeks before this one, how
 * many were done in their week or earlier, done later, or are still open. A student can be on track
 * today (caught up) with none of them on time; the coach sees both, from one computation.
 */
export interface PlanRecord {
	/** Pace today, as the dashboard shows it. */
	status: PaceState;
	due: number;
	onTime: number;
	late: number;
	open: number;
}

export function planRecord(input: PaceInput, weeks: number): PlanRecord {
	const week = isoWeek(input.today);
	const periodEnd = periodWeeks(input.periodStart, input.periodEnd)?.end;
	const from = addWeeks(week, -weeks);
	const record: PlanRecord = { status: paceStatus(input).status, due: 0, onTime: 0, late: 0, open: 0 };
	for (const c of input.choices) {
		if (c.status === 'dropped') continue;
		const due = dueWeekOf(c, periodEnd);
		// Only weeks that are over: this week's pick is not late yet.
		if (!due || compareWeeks(due, week) >= 0 || compareWeeks(due, from) < 0) continue;
		record.due++;
		if (c.status !== 'done') record.open++;
		else {
			const at = doneWeek(c);
			// Done without a date: the student did it; give the benefit of the doubt.
			if (!at || compareWeeks(at, due) <= 0) record.onTime++;
			else record.late++;
		}
	}
	return record;
}

function makePeriod(start: IsoWeek, end: IsoWeek, week: IsoWeek): PacePeriod {
	const weeks = weeksBetween(start, end) + 1;
	const at = weeksBetween(start, week) + 1;
	const current = Math.min(Math.max(at, 0), weeks + 1);
	return { start, end, weeks, current, remaining: Math.max(0, Math.min(weeks, weeks - at)) };
}

function makeSeries(
	active: readonly PaceChoice[],
	week: IsoWeek,
	period: PacePeriod | null,
	dueWeek: (c: PaceChoice) => IsoWeek | null
): PaceWeek[] {
	const planned = new Map<IsoWeek, number>();
	const done = new Map<IsoWeek, number>();
	const bump = (map: Map<IsoWeek, number>, w: IsoWeek) => map.set(w, (map.get(w) ?? 0) + 1);
	for (const c of active) {
		const due = dueWeek(c);
		if (due) bump(planned, due);
		if (c.status === 'done') {
			// Without a finishing date the bar shows it in the week it was planned, if any.
			const at = doneWeek(c) ?? (isIsoWeek(c.plannedWeek) ? c.plannedWeek : null);
			if (at) bump(done, at);
		}
	}
	const lowest = addWeeks(week, -seriesReach);
	const highest = addWeeks(week, seriesReach);
	const candidates = [week, ...planned.keys(), ...done.keys(), ...(period ? [period.start, period.end] : [])].filter(
		(w) => compareWeeks(w, lowest) >= 0 && compareWeeks(w, highest) <= 0
	);
	candidates.sort(compareWeeks);
	// `week` is always there, so the list is never empty.
	return weekRange(candidates[0]!, candidates[candidates.length - 1]!).map((w) => ({
		week: w,
		planned: planned.get(w) ?? 0,
		done: done.get(w) ?? 0,
		current: w === week,
		inPeriod: !!period && compareWeeks(w, period.start) >= 0 && compareWeeks(w, period.end) <= 0
	}));
}

/**
 * What the school overview needs of a student's pace, folded so it is a few numbers per week instead
 * of every choice: how many active choices fall due in each week, how many were done in each week,
 * done without a known week, and done in all. `behindFrom` answers "behind?" for any week exactly as
 * `paceStatus` would (a test holds the two together).
 */
export interface PaceSummary {
	/** Active (not dropped) choices by the week they fall due: planned week, else the period's last week. */
	due: Record<string, number>;
	/** Done choices by the week they were done. */
	doneIn: Record<string, number>;
	/** Done without a readable `doneAt`: counts as done by now. */
	doneUnknown: number;
	done: number;
}

export function paceSummary(choices: readonly PaceChoice[], periodStart?: string | null, periodEnd?: string | null): PaceSummary {
	const periodEndWeek = periodWeeks(periodStart, periodEnd)?.end;
	const s: PaceSummary = { due: {}, doneIn: {}, doneUnknown: 0, done: 0 };
	for (const c of choices) {
		if (c.status === 'dropped') continue;
		const due = dueWeekOf(c, periodEndWeek);
		if (due) s.due[due] = (s.due[due] ?? 0) + 1;
		if (c.status === 'done') {
			s.done++;
			const at = isoWeekOrNull(c.doneAt);
			if (at) s.doneIn[at] = (s.doneIn[at] ?? 0) + 1;
			else s.doneUnknown++;
		}
	}
	return s;
}

/** `paceStatus(…).status === 'behind'` from a summary: fewer done by the end of this week than fell due before it. */
export function behindFrom(s: PaceSummary, today: Date): boolean {
	const week = isoWeek(today);
	let dueBefore = 0;
	for (const [w, n] of Object.entries(s.due)) if (w < week) dueBefore += n;
	let doneToDate = s.doneUnknown;
	for (const [w, n] of Object.entries(s.doneIn)) if (w <= week) doneToDate += n;
	return doneToDate < dueBefore;
}

/**
 * A student's period from the boards of their groups: the earliest start and the latest end, as the
 * coach's dashboard takes it (facts.service.ts), so every view of a student's pace agrees.
 */
export function groupsPeriod(
	boards: readonly { groupIds?: readonly string[]; periodStart?: string | null; periodEnd?: string | null }[],
	groupIds: readonly string[]
): { periodStart: string | null; periodEnd: string | null } {
	let periodStart: string | null = null;
	let periodEnd: string | null = null;
	for (const b of boards) {
		if (!b.groupIds?.some((g) => groupIds.includes(g))) continue;
		if (b.periodStart && (periodStart === null || b.periodStart < periodStart)) periodStart = b.periodStart;
		if (b.periodEnd && (periodEnd === null || b.periodEnd > periodEnd)) periodEnd = b.periodEnd;
	}
	return { periodStart, periodEnd };
}
