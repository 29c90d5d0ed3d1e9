import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addWeeks,
	behindFrom,
	groupsPeriod,
	paceSummary,
	compareWeeks,
	isIsoWeek,
	isoWeek,
	isoWeekOrNull,
	paceStatus,
	parseIsoWeek,
	upcomingWeeks,
	weekDays,
	weekNumber,
	weekRange,
	weeksBetween,
	weeksInYear,
	type PaceChoice
} from './pace';

/** A local calendar day (months 1-based here, for reading). */
const day = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12, 0, 0);

describe('isoWeek', () => {
	it('numbers ordinary weeks', () => {
		expect(isoWeek(day(2026, 11, 23))).toBe('2026-W48'); // Monday
		expect(isoWeek(day(2026, 11, 29))).toBe('2026-W48'); // Sunday
		expect(isoWeek(day(2026, 11, 30))).toBe('2026-W49');
	});

	it('puts late December in week 1 of the next year', () => {
		expect(isoWeek(day(2025, 12, 29))).toBe('2026-W01');
		expect(isoWeek(day(2026, 1, 1))).toBe('2026-W01');
		expect(isoWeek(day(2024, 12, 30))).toBe('2025-W01');
	});

	it('puts early January in week 52 or 53 of the last year', () => {
		expect(isoWeek(day(2027, 1, 1))).toBe('2026-W53');
		expect(isoWeek(day(2027, 1, 3))).toBe('2026-W53');
		expect(isoWeek(day(2027, 1, 4))).toBe('2027-W01');
		expect(isoWeek(day(2021, 1, 1))).toBe('2020-W53');
		expect(isoWeek(day(2022, 1, 1))).toBe('2021-W52');
		expect(isoWeek(day(2023, 1, 1))).toBe('2022-W52');
	});

	it('reads calendar dates as they are, and date-times in local time', () => {
		expect(isoWeek('2026-11-23')).toBe('2026-W48');
		expect(isoWeek('2027-01-03')).toBe('2026-W53');
		expect(isoWeek(day(2026, 11, 25).toISOString())).toBe('2026-W48');
	});

	it('is the same for every hour of a local day', () => {
		for (let h = 0; h < 24; h++) expect(isoWeek(new Date(2026, 2, 29, h, 30))).toBe('2026-W13'); // a DST Sunday
	});

	it('refuses what is not a date', () => {
		expect(() => isoWeek('2026-02-30')).toThrow(RangeError);
		expect(() => isoWeek('gisteren')).toThrow(RangeError);
		expect(() => isoWeek(new Date(Number.NaN))).toThrow(RangeError);
		expect(isoWeekOrNull('2026-13-01')).toBeNull();
		expect(isoWeekOrNull(null)).toBeNull();
		expect(isoWeekOrNull('')).toBeNull();
		expect(isoWeekOrNull('2026-11-23')).toBe('2026-W48');
	});

	it('agrees with a day-by-day walk: weeks change on Mondays only and go up by one', () => {
		let prev = isoWeek(day(2019, 12, 30));
		expect(prev).toBe('2020-W01');
		for (let i = 1; i < 366 * 9; i++) {
			const d = day(2019, 12, 30 + i);
			const w = isoWeek(d);
			if (d.getDay() === 1) expect(w).toBe(addWeeks(prev, 1));
			else expect(w).toBe(prev);
			prev = w;
		}
	});
});

describe('weeks in a year', () => {
	it('knows the long years', () => {
		expect(weeksInYear(2015)).toBe(53);
		expect(weeksInYear(2020)).toBe(53);
		expect(weeksInYear(2026)).toBe(53);
		expect(weeksInYear(2032)).toBe(53);
		for (const y of [2021, 2022, 2023, 2024, 2025, 2027, 2028]) expect(weeksInYear(y)).toBe(52);
	});

	it('accepts week 53 only where it exists', () => {
		expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
		expect(parseIsoWeek('2025-W53')).toBeNull();
		expect(parseIsoWeek('2026-W00')).toBeNull();
		expect(parseIsoWeek('2026-W54')).toBeNull();
		expect(parseIsoWeek('2026-W8')).toBeNull();
		expect(parseIsoWeek('2026W08')).toBeNull();
		expect(parseIsoWeek(null)).toBeNull();
		expect(isIsoWeek('2026-W01')).toBe(true);
		expect(isIsoWeek(undefined)).toBe(false);
		expect(weekNumber('2026-W48')).toBe(48);
		expect(weekNumber('nope')).toBeNaN();
	});
});

describe('week arithmetic', () => {
	it('adds and subtracts across year ends, week 53 included', () => {
		expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
		expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
		expect(addWeeks('2025-W52', 1)).toBe('2026-W01');
		expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
		expect(addWeeks('2026-W01', -1)).toBe('2025-W52');
		expect(addWeeks('2026-W48', 0)).toBe('2026-W48');
		expect(addWeeks('2026-W48', 52)).toBe('2027-W47');
		expect(() => addWeeks('2026-W48', 0.5)).toThrow(RangeError);
		expect(() => addWeeks('2025-W53', 1)).toThrow(RangeError);
	});

	it('counts weeks between', () => {
		expect(weeksBetween('2026-W48', '2026-W50')).toBe(2);
		expect(weeksBetween('2026-W50', '2026-W48')).toBe(-2);
		expect(weeksBetween('2026-W52', '2027-W02')).toBe(3); // via W53
		expect(weeksBetween('2025-W52', '2026-W02')).toBe(2);
	});

	it('add and between are each other’s inverse', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date(1990, 0, 1), max: new Date(2090, 0, 1), noInvalidDate: true }), fc.integer({ min: -400, max: 400 }), (d, n) => {
				const w = isoWeek(d);
				const later = addWeeks(w, n);
				expect(isIsoWeek(later)).toBe(true);
				expect(weeksBetween(w, later)).toBe(n);
				expect(compareWeeks(w, later)).toBe(n > 0 ? -1 : n < 0 ? 1 : 0);
			})
		);
	});

	it('gives Monday and Sunday of a week', () => {
		expect(weekDays('2026-W48')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
		expect(weekDays('2026-W01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
		expect(weekDays('2026-W53')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
		expect(weekDays('2020-W53')).toEqual({ start: '2020-12-28', end: '2021-01-03' });
	});

	it('Monday of a week is in that week', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date(1990, 0, 1), max: new Date(2090, 0, 1), noInvalidDate: true }), (d) => {
				const w = isoWeek(d);
				const { start, end } = weekDays(w);
				expect(isoWeek(start)).toBe(w);
				expect(isoWeek(end)).toBe(w);
			})
		);
	});

	it('lists ranges, both ends included', () => {
		expect(weekRange('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
		expect(weekRange('2026-W10', '2026-W10')).toEqual(['2026-W10']);
		expect(weekRange('2026-W10', '2026-W09')).toEqual([]);
		expect(weekRange('2026-W01', '2030-W01', 5)).toHaveLength(5);
	});

	it('offers this week and the next ones to plan in', () => {
		expect(upcomingWeeks(day(2026, 12, 30))).toEqual(['2026-W53', '2027-W01', '2027-W02']);
		expect(upcomingWeeks(day(2026, 11, 25), 2)).toEqual(['2026-W48', '2026-W49']);
		expect(upcomingWeeks(day(2026, 11, 25), 0)).toEqual([]);
	});
});

describe('paceStatus', () => {
	const today = day(2026, 11, 25); // Wednesday of 2026-W48
	const at = (y: number, m: number, d: number) => day(y, m, d).toISOString();
	const c = (plannedWeek: string | null, status: PaceChoice['status'] = 'planned', doneAt: string | null = null): PaceChoice => ({
		plannedWeek,
		status,
		doneAt
	});

	it('has not started with nothing chosen', () => {
		const p = paceStatus({ choices: [], today });
		expect(p).toMatchObject({ week: '2026-W48', total: 0, done: 0, plannedToDate: 0, doneToDate: 0, status: 'notStarted', fraction: 0 });
		expect(p.series).toEqual([{ week: '2026-W48', planned: 0, done: 0, current: true, inPeriod: false }]);
		expect(p.period).toBeNull();
	});

	it('has not started when only this or later weeks are planned and nothing is begun', () => {
		const p = paceStatus({ choices: [c('2026-W48'), c('2026-W49')], today });
		expect(p).toMatchObject({ plannedToDate: 1, plannedBefore: 0, status: 'notStarted', total: 2 });
	});

	it('is on track once something is begun', () => {
		expect(paceStatus({ choices: [c('2026-W48', 'inProgress')], today }).status).toBe('onTrack');
	});

	it('is not behind on this week’s items before the week is over', () => {
		const p = paceStatus({ choices: [c('2026-W47', 'done', at(2026, 11, 20)), c('2026-W48')], today });
		expect(p).toMatchObject({ plannedToDate: 2, plannedBefore: 1, doneToDate: 1, status: 'onTrack', overdue: 0 });
	});

	it('is behind when less is done than was planned before this week', () => {
		const p = paceStatus({ choices: [c('2026-W46', 'done', at(2026, 11, 12)), c('2026-W47', 'inProgress'), c('2026-W48')], today });
		expect(p).toMatchObject({ plannedBefore: 2, doneToDate: 1, status: 'behind', overdue: 1 });
	});

	it('is ahead when more is done than planned up to this week (Kevin)', () => {
		const p = paceStatus({
			choices: [c('2026-W48', 'done', at(2026, 11, 23)), c('2026-W49', 'done', at(2026, 11, 24)), c('2026-W50')],
			today
		});
		expect(p).toMatchObject({ plannedToDate: 1, doneToDate: 2, done: 2, total: 3, status: 'ahead' });
		expect(p.fraction).toBeCloseTo(2 / 3);
	});

	it('needs at least one whole item more to be ahead', () => {
		const equal = paceStatus({ choices: [c('2026-W48', 'done', at(2026, 11, 23)), c('2026-W49')], today });
		expect(equal.status).toBe('onTrack');
		const one = paceStatus({ choices: [c('2026-W49', 'done', at(2026, 11, 23))], today });
		expect(one.status).toBe('ahead');
		const many = Array.from({ length: 10 }, () => c('2026-W47', 'done', at(2026, 11, 18)));
		expect(paceStatus({ choices: [...many, c('2026-W49', 'done', at(2026, 11, 24))], today }).status).toBe('ahead');
	});

	it('leaves dropped choices out', () => {
		const p = paceStatus({ choices: [c('2026-W46', 'dropped'), c('2026-W47', 'dropped'), c('2026-W48', 'done', at(2026, 11, 23))], today });
		expect(p).toMatchObject({ total: 1, done: 1, plannedBefore: 0, status: 'onTrack', fraction: 1 });
	});

	it('counts a done item without doneAt as done by now', () => {
		const p = paceStatus({ choices: [c('2026-W47', 'done')], today });
		expect(p).toMatchObject({ doneToDate: 1, status: 'onTrack' });
		expect(p.series.find((w) => w.week === '2026-W47')).toMatchObject({ planned: 1, done: 1 });
	});

	it('does not count an item finished in a later week (a wrong clock) as done to date', () => {
		const p = paceStatus({ choices: [c('2026-W47', 'done', at(2026, 12, 9))], today });
		expect(p).toMatchObject({ done: 1, doneToDate: 0, status: 'behind' });
	});

	it('treats a broken planned week as unplanned', () => {
		const p = paceStatus({ choices: [c('2025-W53'), c('banaan'), c(null)], today });
		expect(p).toMatchObject({ unplanned: 3, plannedToDate: 0, total: 3, status: 'notStarted' });
	});

	it('makes unplanned items due at the end of the board period', () => {
		const during = paceStatus({ choices: [c(null)], today, periodStart: '2026-11-02', periodEnd: '2026-12-20' });
		expect(during).toMatchObject({ unplanned: 1, plannedToDate: 0, status: 'notStarted' });
		expect(during.series.at(-1)).toMatchObject({ week: '2026-W51', planned: 1 });
		const after = paceStatus({ choices: [c(null)], today, periodStart: '2026-10-05', periodEnd: '2026-11-15' });
		expect(after).toMatchObject({ plannedBefore: 1, overdue: 1, status: 'behind' });
	});

	it('describes the board period', () => {
		const p = paceStatus({ choices: [], today, periodStart: '2026-11-02', periodEnd: '2027-01-31' });
		// 2026-W45 … 2027-W04, through week 53.
		expect(p.period).toEqual({ start: '2026-W45', end: '2027-W04', weeks: 13, current: 4, remaining: 9 });
		expect(p.series).toHaveLength(13);
		expect(p.series.map((w) => w.week)).toContain('2026-W53');
		expect(p.series.every((w) => w.inPeriod)).toBe(true);
		expect(p.series.filter((w) => w.current).map((w) => w.week)).toEqual(['2026-W48']);
	});

	it('clamps the period position before and after the period', () => {
		const before = paceStatus({ choices: [], today, periodStart: '2027-01-04', periodEnd: '2027-02-28' });
		expect(before.period).toMatchObject({ current: 0, weeks: 8, remaining: 8 });
		expect(before.series[0]).toMatchObject({ week: '2026-W48', current: true, inPeriod: false });
		const after = paceStatus({ choices: [], today, periodStart: '2026-09-01', periodEnd: '2026-10-31' });
		expect(after.period).toMatchObject({ current: after.period!.weeks + 1, remaining: 0 });
	});

	it('ignores a period that is broken or backwards', () => {
		expect(paceStatus({ choices: [], today, periodStart: '2026-12-01', periodEnd: '2026-11-01' }).period).toBeNull();
		expect(paceStatus({ choices: [], today, periodStart: 'morgen', periodEnd: '2026-11-01' }).period).toBeNull();
		expect(paceStatus({ choices: [], today, periodStart: null, periodEnd: '2026-11-01' }).period).toBeNull();
	});

	it('builds a weekly series across the year end', () => {
		const p = paceStatus({
			choices: [
				c('2026-W52', 'done', at(2026, 12, 22)),
				c('2026-W53', 'done', at(2026, 12, 31)),
				c('2027-W01'),
				c('2027-W01', 'inProgress')
			],
			today: day(2027, 1, 1)
		});
		expect(p.week).toBe('2026-W53');
		expect(p.series).toEqual([
			{ week: '2026-W52', planned: 1, done: 1, current: false, inPeriod: false },
			{ week: '2026-W53', planned: 1, done: 1, current: true, inPeriod: false },
			{ week: '2027-W01', planned: 2, done: 0, current: false, inPeriod: false }
		]);
		expect(p.status).toBe('onTrack');
	});

	it('keeps the series within a year of this week, whatever the data says', () => {
		const p = paceStatus({ choices: [c('1999-W10'), c('2099-W10')], today });
		expect(p.series.length).toBe(1);
		expect(p.total).toBe(2);
		expect(p.plannedBefore).toBe(1);
	});

	it('is total and consistent for any choices', () => {
		const week = fc.oneof(fc.constant(null), fc.constant('2026-W53'), fc.constant('bad'), fc.integer({ min: -30, max: 30 }).map((n) => addWeeks('2026-W48', n)));
		const choice = fc.record({
			plannedWeek: week,
			status: fc.constantFrom('planned', 'approved', 'inProgress', 'done', 'dropped' as const),
			doneAt: fc.option(fc.integer({ min: -200, max: 20 }).map((n) => new Date(2026, 10, 25 + n, 12).toISOString()), { nil: null })
		});
		fc.assert(
			fc.property(fc.array(choice, { maxLength: 30 }), fc.boolean(), (choices, withPeriod) => {
				const p = paceStatus({ choices, today, ...(withPeriod ? { periodStart: '2026-09-01', periodEnd: '2027-01-31' } : {}) });
				expect(p.total).toBe(choices.filter((x) => x.status !== 'dropped').length);
				expect(p.done).toBeLessThanOrEqual(p.total);
				expect(p.doneToDate).toBeLessThanOrEqual(p.done);
				expect(p.plannedBefore).toBeLessThanOrEqual(p.plannedToDate);
				expect(p.plannedToDate).toBeLessThanOrEqual(p.total);
				expect(p.fraction).toBeGreaterThanOrEqual(0);
				expect(p.fraction).toBeLessThanOrEqual(1);
				expect(p.series.filter((w) => w.current)).toHaveLength(1);
				for (let i = 1; i < p.series.length; i++) expect(weeksBetween(p.series[i - 1]!.week, p.series[i]!.week)).toBe(1);
				if (p.status === 'ahead') expect(p.doneToDate).toBeGreaterThan(p.plannedToDate);
				if (p.status === 'behind') expect(p.doneToDate).toBeLessThan(p.plannedBefore);
				expect(paceStatus({ choices: structuredClone(choices), today, ...(withPeriod ? { periodStart: '2026-09-01', periodEnd: '2027-01-31' } : {}) })).toEqual(p);
			})
		);
	});

	it('the overview’s folded summary says "behind" and "done" exactly as the dashboard does, in any week', () => {
		const week = fc.oneof(fc.constant(null), fc.constant('2026-W53'), fc.constant('bad'), fc.integer({ min: -30, max: 30 }).map((n) => addWeeks('2026-W48', n)));
		const choice = fc.record({
			plannedWeek: week,
			status: fc.constantFrom('planned', 'approved', 'inProgress', 'done', 'dropped' as const),
			doneAt: fc.option(fc.oneof(fc.constant('kapot'), fc.integer({ min: -200, max: 60 }).map((n) => new Date(2026, 10, 25 + n, 23, 30).toISOString())), { nil: null })
		});
		const period = fc.constantFrom<[string | null, string | null]>([null, null], ['2026-09-01', '2027-01-31'], ['2027-01-31', '2026-09-01'], ['2026-09-01', null]);
		fc.assert(
			fc.property(fc.array(choice, { maxLength: 40 }), period, fc.integer({ min: -40, max: 40 }), (choices, [periodStart, periodEnd], shift) => {
				const on = new Date(today.getTime() + shift * 7 * 86_400_000);
				const p = paceStatus({ choices, today: on, periodStart, periodEnd });
				const s = paceSummary(choices, periodStart, periodEnd);
				expect(behindFrom(s, on)).toBe(p.status === 'behind');
				expect(s.done).toBe(p.done);
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('groupsPeriod', () => {
	it("takes the earliest start and latest end of the student's groups' boards, and nothing of other groups", () => {
		const boards = [
			{ groupIds: ['g1'], periodStart: '2026-11-02', periodEnd: '2026-12-18' },
			{ groupIds: ['g1', 'g2'], periodStart: '2026-10-05', periodEnd: '2026-11-27' },
			{ groupIds: ['g3'], periodStart: '2026-01-05', periodEnd: '2027-06-30' },
			{ groupIds: ['g1'], periodStart: null, periodEnd: null }
		];
		expect(groupsPeriod(boards, ['g1'])).toEqual({ periodStart: '2026-10-05', periodEnd: '2026-12-18' });
		expect(groupsPeriod(boards, ['g2'])).toEqual({ periodStart: '2026-10-05', periodEnd: '2026-11-27' });
		expect(groupsPeriod(boards, ['g9'])).toEqual({ periodStart: null, periodEnd: null });
	});
});
