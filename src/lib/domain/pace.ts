import type { choiceStatuses } from './constants';
import { byCodeUnits } from './order';

/**
 * Weeks and pace. Students plan items in ISO weeks ("2026-W48": weeks start on Monday; week 1 is
 * the week with the year's first Thursday, so 29 Dec can be in week 1 of the next year and 1 Jan in
 * week 53 of the last). Pure, no I/O: the client shows it, the coach's views can compute the same.
 *
 * Calendar dates ("2026-11-23") are taken as they are; a `Date` (or an ISO date-time such as
 * `doneAt`) is read in the local time zone of whoever computes it: the student's week is the week
 * on the student's own calendar.
 */

export type ChoiceStatus = (typeof choiceStatuses)[number];
/** "2026-W48" */
export type IsoWeek = string;

const DAY_MS = 86_400_000;
const weekPattern = /^(\d{4})-W(\d{2})$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date (no time zone involved). */
function dayNumber(year: number, month0: number, day: number): number {
	const d = new Date(0);
	d.setUTCFullYear(year, month0, day);
	return Math.round(d.getTime() / DAY_MS);
}

function utcDate(dayNo: number): Date {
	return new Date(dayNo * DAY_MS);
}

/** Monday = 0 … Sunday = 6, for a day number (days since 1970-01-01, a Thursday). */
export function weekday(dayNo: number): number {
	return (((dayNo + 3) % 7) + 7) % 7;
}

function format(year: number, week: number): IsoWeek {
	return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/**
 * Remembers the answers of a pure function of one key (a week, a day, a date-time string), up to
 * `limit` of them. The coach's dashboard and overview compute the pace of every student on each look,
 * and the same few weeks and dates come back thousands of times: building `Date`s for them was a
 * fifth of the server's time on the dashboard page (issue 6).
 */
function remembered<K, V>(fn: (key: K) => V, limit = 4096): (key: K) => V {
	const known = new Map<K, V>();
	return (key) => {
		if (known.has(key)) return known.get(key) as V;
		const value = fn(key);
		if (known.size >= limit) known.clear();
		known.set(key, value);
		return value;
	};
}

const weekOfDay = remembered((dayNo: number): IsoWeek => {
	const thursday = dayNo - weekday(dayNo) + 3;
	const year = utcDate(thursday).getUTCFullYear();
	const week = Math.floor((thursday - dayNumber(year, 0, 1)) / 7) + 1;
	return format(year, week);
});

/**
 * The calendar day (days since 1970-01-01) of a Date in local time, a "YYYY-MM-DD" date as written,
 * or an ISO date-time (local); null for something that is not a date.
 */
export function toDayNumber(value: Date | string): number | null {
	if (typeof value === 'string') {
		const m = datePattern.exec(value);
		if (m) {
			const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
			if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
			const dn = dayNumber(y, mo - 1, d);
			// 2026-02-31 is not a date.
			return utcDate(dn).getUTCDate() === d ? dn : null;
		}
		value = new Date(value);
	}
	if (!(value instanceof Date) || Number.isNaN(value.getTime())) return null;
	return dayNumber(value.getFullYear(), value.getMonth(), value.getDate());
}

/** The ISO week of a date; throws a RangeError for something that is not a date. */
export function isoWeek(date: Date | string): IsoWeek {
	const dn = toDayNumber(date);
	if (dn === null) throw new RangeError(`Not a date: ${String(date)}`);
	return weekOfDay(dn);
}

/** The week of a date or date-time string (read in this process's time zone, which does not change). */
const weekOfString = remembered((date: string): IsoWeek | null => {
	const dn = toDayNumber(date);
	return dn === null ? null : weekOfDay(dn);
});

/** Like `isoWeek`, but null for a missing or broken date. */
export function isoWeekOrNull(date: Date | string | null | undefined): IsoWeek | null {
	if (date == null || date === '') return null;
	if (typeof date === 'string') return weekOfString(date);
	const dn = toDayNumber(date);
	return dn === null ? null : weekOfDay(dn);
}

/** 52 or 53: a year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export const weeksInYear = remembered((year: number): 52 | 53 => (Number(weekOfDay(dayNumber(year, 11, 28)).slice(6)) === 53 ? 53 : 52));

const parseWeek = remembered((value: string): Readonly<{ year: number; week: number }> | null => {
	const m = weekPattern.exec(value);
	if (!m) return null;
	const year = Number(m[1]);
	const week = Number(m[2]);
	if (week < 1 || week > weeksInYear(year)) return null;
	return Object.freeze({ year, week });
});

/** `{ year, week }` of a well-formed week that exists ("2026-W53" does not), else null. */
export function parseIsoWeek(value: string | null | undefined): { year: number; week: number } | null {
	if (typeof value !== 'string') return null;
	const parsed = parseWeek(value);
	return parsed && { ...parsed };
}

export function isIsoWeek(value: string | null | undefined): value is IsoWeek {
	return typeof value === 'string' && parseWeek(value) !== null;
}

/** The week number alone (48 for "2026-W48"); NaN for a broken week. */
export function weekNumber(week: IsoWeek): number {
	return parseIsoWeek(week)?.week ?? Number.NaN;
}

function mondayOf(week: IsoWeek): number {
	const p = parseWeek(week);
	if (!p) throw new RangeError(`Not an ISO week: ${week}`);
	const jan4 = dayNumber(p.year, 0, 4);
	return jan4 - weekday(jan4) + (p.week - 1) * 7;
}

function isoDate(dayNo: number): string {
	const d = utcDate(dayNo);
	return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** A moment's calendar day in local time, "2026-12-07"; today by default. */
export function localDate(at: Date = new Date()): string {
	const dn = toDayNumber(at);
	if (dn === null) throw new RangeError(`Not a date: ${String(at)}`);
	return isoDate(dn);
}

/** Monday and Sunday of a week as calendar dates ("2026-11-23", "2026-11-29"). */
export function weekDays(week: IsoWeek): { start: string; end: string } {
	const monday = mondayOf(week);
	return { start: isoDate(monday), end: isoDate(monday + 6) };
}

/** The week `n` weeks after (or before, for negative `n`) `week`, across year boundaries. */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
	if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of weeks: ${n}`);
	return weekOfDay(mondayOf(week) + n * 7);
}

/** How many weeks `to` lies after `from` (negative when before). */
export function weeksBetween(from: IsoWeek, to: IsoWeek): number {
	return Math.round((mondayOf(to) - mondayOf(from)) / 7);
}

/** Orders weeks; zero-padded "YYYY-Www" sorts as text, so this is a plain comparison. */
export const compareWeeks: (a: IsoWeek, b: IsoWeek) => number = byCodeUnits;

/** Every week from `from` to `to`, both included (empty when `to` is before `from`). */
export function weekRange(from: IsoWeek, to: IsoWeek, max = 520): IsoWeek[] {
	const monday = mondayOf(from);
	const n = Math.round((mondayOf(to) - monday) / 7);
	const out: IsoWeek[] = [];
	for (let i = 0; i <= n && i < max; i++) out.push(weekOfDay(monday + i * 7));
	return out;
}

/** This week and the `count - 1` weeks after it: what a student can plan an item in. */
export function upcomingWeeks(today: Date, count = 3): IsoWeek[] {
	const now = isoWeek(today);
	return Array.from({ length: Math.max(0, count) }, (_, i) => addWeeks(now, i));
}

// ---------------------------------------------------------------------------------------------
// Pace

export type PaceState = 'ahead' | 'onTrack' | 'behind' | 'notStarted';

export interface PaceChoice {
	plannedWeek: string | null | undefined;
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
	const startWeek = isoWeekOrNull(input.periodStart);
	const endWeek = isoWeekOrNull(input.periodEnd);
	const period =
		startWeek && endWeek && compareWeeks(startWeek, endWeek) <= 0 ? makePeriod(startWeek, endWeek, week) : null;

	const active = input.choices.filter((c) => c.status !== 'dropped');
	const dueWeek = (c: PaceChoice): IsoWeek | null => (isIsoWeek(c.plannedWeek) ? c.plannedWeek : (period?.end ?? null));
	/** When an item was finished; a done item without `doneAt` counts as done by now, week unknown. */
	const doneWeek = (c: PaceChoice): IsoWeek | null => isoWeekOrNull(c.doneAt);

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
		series: makeSeries(active, week, period, dueWeek, doneWeek),
		period
	};
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
	dueWeek: (c: PaceChoice) => IsoWeek | null,
	doneWeek: (c: PaceChoice) => IsoWeek | null
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
	const startWeek = isoWeekOrNull(periodStart);
	const endWeek = isoWeekOrNull(periodEnd);
	const periodEndWeek = startWeek && endWeek && compareWeeks(startWeek, endWeek) <= 0 ? endWeek : null;
	const s: PaceSummary = { due: {}, doneIn: {}, doneUnknown: 0, done: 0 };
	for (const c of choices) {
		if (c.status === 'dropped') continue;
		const due = isIsoWeek(c.plannedWeek) ? c.plannedWeek : periodEndWeek;
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
