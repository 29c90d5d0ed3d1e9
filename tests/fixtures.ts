import { test as base, expect, type Page } from '@playwright/test';

export { expect };

/**
 * Pages paint before the app starts (src/lib/server/http/paint-first.ts), so a page can be on screen,
 * and its `load` event past, before its buttons work: a person on a slow phone waits for that too.
 * Every navigation in these tests therefore also waits until the app has started on the new page
 * (the root layout marks `<html data-hydrated>`); pages without the app (a JSON answer) do not wait.
 */
const navigations = ['goto', 'reload', 'goBack', 'goForward', 'waitForURL'] as const;
const patched = Symbol('waits for the app');

function waitForTheApp(proto: Page) {
	const target = proto as unknown as Record<string | symbol, unknown>;
	if (target[patched]) return;
	target[patched] = true;
	for (const name of navigations) {
		const original = target[name] as (this: Page, ...args: unknown[]) => Promise<unknown>;
		target[name] = async function (this: Page, ...args: unknown[]) {
			const result = await original.apply(this, args);
			await this.waitForFunction(() => document.documentElement.hasAttribute('data-hydrated') || !document.querySelector('body script'), undefined, { timeout: 20_000 });
			return result;
		};
	}
}

export const test = base.extend<object, { appStarts: void }>({
	appStarts: [
		async ({ browser }, use) => {
			const page = await browser.newPage();
			waitForTheApp(Object.getPrototypeOf(page) as Page);
			await page.close();
			await use();
		},
		{ scope: 'worker', auto: true }
	]
});
