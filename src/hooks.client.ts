import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';

/**
 * The page's language, read once. Paraglide's `getLocale()` reads the URL and the cookie on every
 * call, and every text on screen calls it: a few percent of hydrating a page (issue 6). The language
 * only changes through the language switch, a form that loads the page anew.
 */
const locale = getLocale();
overwriteGetLocale(() => locale);
