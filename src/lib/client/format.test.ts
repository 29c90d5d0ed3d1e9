import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayLabels, formatDay, formatShortDay, formatTime } from './format';

/** What `Intl` says for the same moment: the formats Koers showed before it wrote them out. */
const intl = (locale: string, options: Intl.DateTimeFormatOptions, d: Date) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', options).format(d);

const moment = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });

describe('formatTime and formatDay say what Intl says, without Intl', () => {
	it('a time today, and a day and time on another day', () => {
		fc.assert(
			fc.property(moment, moment, fc.constantFrom('nl', 'en'), (d, now, locale) => {
				const sameDay = d.toDateString() === now.toDateString();
				const expected = sameDay
					? intl(locale, { hour: '2-digit', minute: '2-digit' }, d)
					: intl(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }, d);
				expect(formatTime(d.toISOString(), locale, now)).toBe(expected);
				expect(formatTime(d.toISOString(), locale, d)).toBe(intl(locale, { hour: '2-digit', minute: '2-digit' }, d));
			}),
			{ numRuns: 500 }
		);
	});

	it('a calendar date as that day, in either language', () => {
		fc.assert(
			fc.property(moment, fc.constantFrom('nl', 'en'), (d, locale) => {
				const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
				expect(formatDay(date, locale)).toBe(intl(locale, { day: 'numeric', month: 'long' }, d));
			}),
			{ numRuns: 500 }
		);
		expect(formatDay('2026-11-17', 'nl')).toBe('17 november');
		expect(formatDay('2026-05-03', 'en')).toBe('3 May');
	});

	it('a short day for a chart', () => {
		fc.assert(
			fc.property(moment, fc.constantFrom('nl', 'en'), (d, locale) => {
				expect(formatShortDay(d, locale)).toBe(intl(locale, { day: 'numeric', month: 'short' }, d));
			}),
			{ numRuns: 500 }
		);
		expect(formatShortDay(new Date(2026, 10, 17), 'nl')).toBe('17 nov');
	});

	it('says nothing for something that is not a date', () => {
		expect(formatTime('gisteren', 'nl')).toBe('');
		expect(formatDay('2026-13-01', 'nl')).toBe('');
	});
});

describe('dayLabels', () => {
	it('names each day once when ticks fall on the same day', () => {
		const at = (iso: string) => new Date(iso);
		expect(dayLabels([at('2026-11-29T08:00'), at('2026-11-29T20:00'), at('2026-11-30T08:00'), at('2026-12-02T08:00')], 'nl')).toEqual(['29 nov', '', '30 nov', '2 dec']);
	});
});
