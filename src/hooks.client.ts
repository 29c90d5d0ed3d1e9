import { getLocale, isLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';

/**
 * The page's language, read once. Paraglide's `getLocale()` reads the URL and the cookie on every
 * call, and every text on screen calls it: a few percent of hydrating a page. The language
 * only changes through the language switch, a form that loads the page anew.
 *
 * It is read from `<html lang>`, which the server wrote in the language it rendered the page in: the
 * page hydrates in the language its HTML is in (also a page the device kept from before a switch),
 * and start-up does not read `document.cookie` — a synchronous round trip to the browser's cookie
 * store that lengthens the first script's task. The cookie stays the fallback for a page without a known language.
 */
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : getLocale();
overwriteGetLocale(() => locale);
