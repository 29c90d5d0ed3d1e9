// Paraglide's runtime as the browser needs it: the page's language and nothing else. The generated
// runtime (src/lib/paraglide/runtime.js) also carries every locale strategy (URL patterns, cookies,
// localStorage, redirects) for a language that, in Koers, only changes through the language switch: a
// form that loads the page anew. In the client build (vite.config.ts) every import of the generated
// runtime resolves here instead, 1.1 KB gzip less on every first load. The server and the tests use the
// generated one; runtime.client.test.ts holds this one to it.

import { locales, type Locale } from '$lib/domain/constants';

export { locales, type Locale };
export const baseLocale: Locale = 'nl';
/** The language switch's cookie (src/routes/language/+server.ts sets it with Paraglide's name). */
export const cookieName = 'PARAGLIDE_LOCALE';
/** Paraglide's compile-time locale: none, the messages choose at run time. */
export const experimentalStaticLocale: Locale | undefined = undefined;

export function isLocale(locale: unknown): locale is Locale {
	return (locales as readonly unknown[]).includes(locale);
}

/**
 * The language the server rendered this page in (`<html lang>`): the page hydrates in the language its
 * HTML is in, also a page the device kept from before a switch. A page without one falls back to the
 * language cookie, then to Dutch.
 */
function pageLocale(): Locale {
	if (typeof document === 'undefined') return baseLocale;
	const lang = document.documentElement.lang;
	if (isLocale(lang)) return lang;
	const cookie = document.cookie
		.split(';')
		.map((c) => c.trim().split('='))
		.find(([name]) => name === cookieName)?.[1];
	return isLocale(cookie) ? cookie : baseLocale;
}

const locale = pageLocale();

export let getLocale = (): Locale => locale;

export const overwriteGetLocale = (fn: () => Locale) => {
	getLocale = fn;
};
