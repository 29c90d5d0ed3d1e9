import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { freePort, freshDatabase, startServer, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { expect, test } from './fixtures';
import { addGoal, signInWithForm, unique } from './helpers';

/**
 * A new version of Koers is deployed while students have it open. This runs its own server, from a copy
 * of the build, so that the "deploy" (stop, new files on disk, start on the same port and database) does
 * not touch the server the other tests use.
 */
let folder: string;
let database: FreshDatabase;
let server: ServerProcess | undefined;
let port: number;

const start = async () => {
	server = await startServer({ database, port, env: { KOERS_BUILD_DIR: folder, KOERS_DEMO: '1' } });
};

test.beforeAll(async () => {
	test.setTimeout(120_000);
	// Inside the project, so that the copy finds the packages the build leaves external (node_modules).
	mkdirSync('test-results', { recursive: true });
	folder = mkdtempSync(path.resolve('test-results', 'build-copy-'));
	cpSync(path.resolve(process.env.KOERS_BUILD_DIR ?? 'build'), folder, { recursive: true });
	database = await freshDatabase();
	port = await freePort();
	await start();
});

test.afterAll(async () => {
	await server?.stop();
	await database?.dispose();
	rmSync(folder, { recursive: true, force: true });
});

/** Stops the server, puts a changed service worker on disk (as a new build would) and starts it again. */
async function deployNewVersion() {
	await server!.stop();
	const file = path.join(folder, 'client', 'service-worker.js');
	writeFileSync(file, `${readFileSync(file, 'utf8')}\n// the next version\n`);
	rmSync(`${file}.br`, { force: true });
	rmSync(`${file}.gz`, { force: true });
	await start();
}

/** Waits until the service worker controls the page (it claims the page at its first install). */
async function controlled(page: Page) {
	await expect
		.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000, message: 'the service worker controls the page' })
		.toBe(true);
}

const mark = (page: Page) => page.evaluate(() => ((window as unknown as { mark: string }).mark = 'before'));
const markOf = (page: Page) =>
	page.evaluate(() => (window as unknown as { mark?: string }).mark ?? 'reloaded').catch(() => 'reloading');

test('a new version waits until the student refreshes, in each open tab, and what they typed is still there', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ baseURL: server!.url, viewport: { width: 400, height: 800 } });
	const page = await context.newPage();
	await signInWithForm(page, 'student6');
	await controlled(page);
	await page.goto('/student/goals');
	const title = unique('Voor de update ');
	await addGoal(page, title);
	const other = await context.newPage();
	await other.goto('/student');

	await deployNewVersion();
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
	const offer = (p: Page) => p.getByRole('status').filter({ hasText: 'Er is een nieuwe versie van Koers.' });
	await expect(offer(page)).toBeVisible({ timeout: 30_000 });
	await expect(offer(other)).toBeVisible();
	// A tab opened now, while the old version still runs in the others, gets the same offer.
	const third = await context.newPage();
	await third.goto('/student/portfolio');
	await expect(offer(third)).toBeVisible({ timeout: 30_000 });
	// "Later" puts the offer away in that tab and leaves the page as it is.
	await mark(third);
	await offer(third).getByRole('button', { name: 'Later' }).click();
	await expect(offer(third)).toHaveCount(0);
	expect(await markOf(third)).toBe('before');
	await third.close();

	// Nothing reloads by itself: the student chooses when.
	await mark(page);
	await mark(other);
	await page.waitForTimeout(500);
	expect(await markOf(page)).toBe('before');

	await offer(page).getByRole('button', { name: 'Nu vernieuwen' }).click();
	await expect.poll(() => markOf(page), { timeout: 30_000, message: 'the page reloads into the new version' }).toBe('reloaded');
	await page.waitForFunction(() => document.documentElement.hasAttribute('data-hydrated'));
	await expect(offer(page)).toHaveCount(0);
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(false);
	await expect(page.getByTestId('goal').filter({ hasText: title })).toBeVisible();

	// The other tab was not reloaded under the student's hands; its button still brings it up to date.
	expect(await markOf(other)).toBe('before');
	await offer(other).getByRole('button', { name: 'Nu vernieuwen' }).click();
	await expect.poll(() => markOf(other), { timeout: 30_000 }).toBe('reloaded');
	await other.waitForFunction(() => document.documentElement.hasAttribute('data-hydrated'));
	await expect(offer(other)).toHaveCount(0);
	await context.close();
});
