import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demo, offlineLabel, onlineLabel, signInWithForm } from './helpers';

/**
 * Waits until the service worker is active and has kept this page, in the given words, for offline use.
 * (A reload is a navigation, which the active worker answers whether or not it already controls this page.)
 */
async function waitUntilKeptOffline(page: Page, mustContain: string) {
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
	await expect
		.poll(
			() =>
				page.evaluate(async (text) => {
					const cached = await (await caches.open('koers-pages')).match(location.href, { ignoreVary: true });
					if (!cached) return 'not cached yet';
					return (await cached.text()).includes(text) ? 'kept' : 'cached copy is outdated';
				}, mustContain),
			{ timeout: 20_000, message: 'the service worker keeps the page for offline use' }
		)
		.toBe('kept');
}

test.describe('a student in their own language, on- and offline', () => {
	// Wide enough that the header shows the name.
	test.use({ viewport: { width: 1200, height: 800 } });

	test('Dutch home, switch to English and back, then the home still opens offline', async ({ page, context }) => {
		await signInWithForm(page, demo.student.username);
		await expect(page).toHaveURL('/student');
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Daan!');
		await expect(page.getByText('Je coaches:')).toBeVisible();
		await expect(page.getByTestId('online-status')).toHaveText(onlineLabel);

		// To English: the whole shell changes, and the page stays where it was.
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hi Daan!');
		await expect(page).toHaveURL('/student');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
		await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Nederlands' })).toHaveAttribute('lang', 'nl');
		expect((await context.cookies()).find((c) => c.name === 'PARAGLIDE_LOCALE')?.value).toBe('en');

		// Remembered after a reload and on another page.
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hi Daan!');
		await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Portfolio' }).click();
		await expect(page).toHaveURL('/student/portfolio');
		await expect(page.getByRole('button', { name: 'Nederlands' })).toBeVisible();

		// And back to Dutch, again on the page the student was on.
		await page.getByRole('button', { name: 'Nederlands' }).click();
		await expect(page).toHaveURL('/student/portfolio');
		await expect(page.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeVisible();
		await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Start' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Daan!');
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Daan!');

		// Offline: the worker serves the page kept from the last visit.
		await waitUntilKeptOffline(page, 'Hoi Daan!');
		await context.setOffline(true);
		await page.reload();
		await expect(page).toHaveURL('/student');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Daan!');
		await expect(page.getByTestId('user-name')).toBeVisible();
		await expect(page.getByTestId('user-name')).toHaveText(demo.student.name);
		await expect(page.getByTestId('online-status')).toHaveText(offlineLabel);
		await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
		await expect(page.getByText(demo.group)).toBeVisible();

		// The start address, offline, leads to the student's home.
		await page.goto('/');
		await expect(page).toHaveURL('/student');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Daan!');
		await expect(page.getByTestId('online-status')).toHaveText(offlineLabel);

		// Back online the indicator follows.
		await context.setOffline(false);
		await expect(page.getByTestId('online-status')).toHaveText(onlineLabel);
	});

	test('the language chosen before signing in is kept after signing in', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('region', { name: 'Demo accounts' })).toBeVisible();

		await page.locator('#username').fill(demo.student.username);
		await page.locator('#password').fill('koers-demo');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL('/student');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hi Daan!');
		await expect(page.getByText('Your coaches:')).toBeVisible();

		// Signing out keeps the language too.
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL('/login');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	});

	test('signing out forgets the pages kept for offline use', async ({ page, context }) => {
		await signInWithForm(page, demo.student.username);
		await waitUntilKeptOffline(page, 'Hoi Daan!');
		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await expect(page).toHaveURL('/login');
		// Only the public sign-in page may still be in the person's caches.
		const kept = await page.evaluate(async () => {
			const urls: string[] = [];
			for (const name of ['koers-pages', 'koers-data']) {
				if (!(await caches.has(name))) continue;
				for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
			}
			return urls.filter((path) => path !== '/login');
		});
		expect(kept).toEqual([]);

		// Offline, the student's home is no longer readable on this computer.
		await context.setOffline(true);
		const response = await page.goto('/student').catch(() => null);
		await expect(page.getByRole('heading', { name: 'Hoi Daan!' })).toHaveCount(0);
		expect(response?.ok() ?? false).toBe(false);
	});
});
