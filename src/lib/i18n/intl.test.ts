import { describe, expect, it } from 'vitest';
import { dateFormat, localeTag, numberFormat } from './intl';

describe('formatters in the interface language', () => {
	it('writes Dutch by default and English when asked, whatever the machine’s own language', () => {
		const day = new Date(2026, 10, 23, 12);
		expect(dateFormat({ day: 'numeric', month: 'long' }, localeTag('nl')).format(day)).toBe('23 november');
		expect(dateFormat({ day: 'numeric', month: 'long' }, localeTag('en')).format(day)).toBe('23 November');
		expect(numberFormat({ maximumFractionDigits: 1 }, localeTag('nl')).format(1.5)).toBe('1,5');
		expect(numberFormat({ maximumFractionDigits: 1 }, localeTag('en')).format(1.5)).toBe('1.5');
	});

	it('makes a formatter once per language and options, and keeps different options apart', () => {
		const a = dateFormat({ day: 'numeric', month: 'short' }, 'nl-NL');
		expect(dateFormat({ day: 'numeric', month: 'short' }, 'nl-NL')).toBe(a);
		expect(dateFormat({ day: 'numeric', month: 'long' }, 'nl-NL')).not.toBe(a);
		expect(dateFormat({ day: 'numeric', month: 'short' }, 'en-GB')).not.toBe(a);
		expect(dateFormat({ day: 'numeric', month: 'short', timeZone: 'Europe/Amsterdam' }, 'nl-NL')).not.toBe(a);
	});
});
