import { getLocale } from '$lib/paraglide/runtime.js';

/**
 * Dates and numbers in the interface's language (not the browser's), with formatters made once.
 * Building an `Intl` formatter costs far more than using one (locale data is looked up and resolved each
 * time): made per call, a list of receipts or a dashboard of 30 students spent a noticeable part of its
 * render building formatters. A formatter is immutable, so one per language and options serves.
 */
export function localeTag(locale: string = getLocale()): string {
	return locale === 'en' ? 'en-GB' : 'nl-NL';
}

const made = new Map<string, unknown>();

function once<T>(kind: string, locale: string, options: object, make: () => T): T {
	const key = `${kind}|${locale}|${JSON.stringify(options)}`;
	let formatter = made.get(key) as T | undefined;
	if (formatter === undefined) {
		formatter = make();
		made.set(key, formatter);
	}
	return formatter;
}

export function dateFormat(options: Intl.DateTimeFormatOptions, locale = localeTag()): Intl.DateTimeFormat {
	return once('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(options: Intl.NumberFormatOptions, locale = localeTag()): Intl.NumberFormat {
	return once('number', locale, options, () => new Intl.NumberFormat(locale, options));
}
