import { byCodeUnits } from './order';

/**
 * Weeks. Students plan items in ISO weeks ("2026-W48": weeks start on Monday; week 1 is
 * the week with the year's first Thursday, so 29 Dec can be in week 1 of the next year and 1 Jan in
 * week 53 of the last). Pure, no I/O: the client shows it, the coach's views can compute the same.
 *
 * Calendar dates ("2026-11-23") are taken as they are; a `Date` (or an ISO date-time such as
 * `doneAt`) is read in the local time zone of whoever computes it: the student's week is the week
 * on the student's own calendar.
 */

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
 * fifth of the server's time on the dashboard page.
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

/** The calendar date of a day number, "2026-12-07". */
export function isoDate(dayNo: number): string {
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
