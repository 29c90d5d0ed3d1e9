import { expect, test } from './fixtures';
import { demo, signInWithApi, unique } from './helpers';

/**
 * A page shows, and its forms can be filled in, before the app runs on it (paint-first.ts): on a slow
 * phone for seconds. What was typed then must still be there once the app has started.
 */
test('a name typed before the app has started on the page is still there after it starts, and is sent', async ({ page }) => {
	await signInWithApi(page, demo.admin.username);
	// SvelteKit's start-up file waits until the name is typed: the page is up, the app is not.
	let release = () => {};
	const typed = new Promise<void>((go) => (release = go));
	await page.route(/\/_app\/immutable\/entry\/start\.[^/]+\.js$/, async (route) => {
		await typed;
		await route.continue();
	});
	const name = unique('Vroege groep ');
	const opened = page.goto('/admin/groups'); // (waits until the app has started: see fixtures.ts)
	await page.locator('#name').fill(name);
	expect(await page.evaluate(() => document.documentElement.hasAttribute('data-hydrated'))).toBe(false);
	release();
	await opened;

	await expect(page.locator('#name')).toHaveValue(name);
	await page.getByRole('button', { name: 'Groep maken' }).click();
	await expect(page.getByRole('main').getByRole('status')).toContainText(`Groep ${name} is gemaakt.`);
});
