import { afterEach, describe, expect, it, vi } from 'vitest';
import * as generated from '$lib/paraglide/runtime.js';

/** The browser's runtime (swapped in by vite.config.ts) with a page whose `<html lang>` and cookie are given. */
async function onPage(lang: string, cookie = '') {
	vi.resetModules();
	vi.stubGlobal('document', { documentElement: { lang }, cookie });
	return import('./runtime.client');
}

afterEach(() => vi.unstubAllGlobals());

describe('the browser’s language runtime', () => {
	it('knows the languages Paraglide compiles, with Dutch first', async () => {
		const client = await onPage('nl');
		expect(client.baseLocale).toBe(generated.baseLocale);
		expect([...client.locales]).toEqual([...generated.locales]);
		expect(client.experimentalStaticLocale).toBe(generated.experimentalStaticLocale);
		expect(client.cookieName).toBe(generated.cookieName);
		for (const value of ['nl', 'en', 'de', 'EN', '', undefined, null, 3]) expect(client.isLocale(value)).toBe(generated.isLocale(value));
	});

	it('shows the page in the language its HTML was rendered in, whatever the cookie says', async () => {
		expect((await onPage('en', `${generated.cookieName}=nl`)).getLocale()).toBe('en');
		expect((await onPage('nl', `${generated.cookieName}=en`)).getLocale()).toBe('nl');
	});

	it('falls back to the language cookie, then to Dutch, on a page without a known language', async () => {
		expect((await onPage('', `a=1; ${generated.cookieName}=en; b=2`)).getLocale()).toBe('en');
		expect((await onPage('fr', `${generated.cookieName}=de`)).getLocale()).toBe('nl');
		expect((await onPage('')).getLocale()).toBe('nl');
	});

	it('lets the language be overwritten, as Paraglide’s does', async () => {
		const client = await onPage('nl');
		client.overwriteGetLocale(() => 'en');
		expect(client.getLocale()).toBe('en');
	});
});
