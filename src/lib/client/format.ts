import { getLocale } from '$lib/paraglide/runtime.js';

/*
 * The times and days the shell and the student home show ("10:42", "17 nov, 10:42", "17 november"),
 * written out here instead of with `Intl.DateTimeFormat`: the first `Intl` formatter a page makes
 * costs 20–30 ms on a laptop (ICU loads its data), 80–120 ms on a cheap phone, one long task on every
 * page load for a few words. The output is the same as nl-NL's and en-GB's (a test holds them
 * together); screens with other formats use `$lib/i18n/intl`.
 */
const months = {
	nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
	en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
};
const shortMonths = {
	nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
	en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec']
};

const two = (n: number) => String(n).padStart(2, '0');
const lang = (locale: string) => (locale === 'en' ? 'en' : 'nl');

/** 10:42 today, or "23 nov, 10:42" on another day (local time). */
export function formatTime(iso: string, locale: string = getLocale(), now: Date = new Date()): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return '';
	const time = `${two(d.getHours())}:${two(d.getMinutes())}`;
	if (d.toDateString() === now.toDateString()) return time;
	return `${formatShortDay(d, locale)}, ${time}`;
}

/** A chart axis's day labels: a day already named by the tick before it is left blank, so no date shows twice. */
export function dayLabels(ticks: readonly Date[], locale: string = getLocale()): string[] {
	return ticks.map((d, i) => {
		const label = formatShortDay(d, locale);
		return i > 0 && formatShortDay(ticks[i - 1]!, locale) === label ? '' : label;
	});
}

/** "17 nov" (local time): a chart's days. */
export function formatShortDay(d: Date, locale: string = getLocale()): string {
	return `${d.getDate()} ${shortMonths[lang(locale)][d.getMonth()]}`;
}

/** "17 november" in the interface's language (not the browser's); a calendar date stays that date. */
export function formatDay(isoDate: string, locale: string = getLocale()): string {
	const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	const [month, day] = calendar ? [Number(calendar[2]) - 1, Number(calendar[3])] : [new Date(isoDate).getMonth(), new Date(isoDate).getDate()];
	const name = months[lang(locale)][month];
	return name === undefined || Number.isNaN(day) ? '' : `${day} ${name}`;
}
