import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addGoal, signInWithForm, unique } from './helpers';

/**
 * Sync runs in a background worker, so that storing a first sync's thousands of records does not make
 * the page stutter on a cheap phone; a browser without module workers syncs on the page instead.
 */

async function expectSaved(page: Page, title: string) {
	await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });
	await expect(page.getByTestId('goal').filter({ hasText: title }).getByTestId('receipt')).toContainText('Opgeslagen op de server om');
}

/**
 * Scripts the page's own thread fetched (a worker's imports are in the worker's timeline; its own
 * file, fetched by the page, is left out) that contain Dexie.
 */
async function pageScriptsWithDexie(page: Page, workers: string[]): Promise<string[]> {
	const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
	const scripts = entries.filter((n) => new URL(n).pathname.endsWith('.js') && !workers.includes(new URL(n).pathname));
	expect(scripts.length).toBeGreaterThan(3);
	const withDexie: string[] = [];
	for (const url of scripts) if ((await (await page.request.get(url)).text()).includes('DexieError')) withDexie.push(new URL(url).pathname);
	return withDexie;
}

/** A fresh device of the same student: the goal arrives there through the server. */
async function expectOnAnotherDevice(page: Page, username: string, title: string) {
	const other = await page.context().browser()!.newContext();
	const otherPage = await other.newPage();
	await signInWithForm(otherPage, username);
	await otherPage.goto('/student/goals');
	await expect(otherPage.getByTestId('goal').filter({ hasText: title })).toBeVisible({ timeout: 20_000 });
	await other.close();
}

test('a student’s goal reaches the server and their other device through the sync worker', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	const workers: string[] = [];
	page.on('worker', (w) => workers.push(new URL(w.url()).pathname));
	await signInWithForm(page, 'student12');
	await page.goto('/student/goals');
	const title = unique('Doel uit de worker ');
	await addGoal(page, title);
	await expectSaved(page, title);
	// The device store (and Dexie with it) lives in the worker: the page itself never loads it.
	expect(workers.some((p) => p.startsWith('/_app/immutable/workers/store-worker')), `workers started: ${workers.join(', ')}`).toBe(true);
	expect(await pageScriptsWithDexie(page, workers)).toEqual([]);
	await expectOnAnotherDevice(page, 'student12', title);
	await context.close();
});

test('in a browser without module workers, sync runs on the page and nothing is lost', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await context.addInitScript(() => Object.defineProperty(window, 'Worker', { value: undefined }));
	const page = await context.newPage();
	const workers: string[] = [];
	page.on('worker', (w) => workers.push(w.url()));
	await signInWithForm(page, 'student13');
	await page.goto('/student/goals');
	const title = unique('Doel zonder worker ');
	await addGoal(page, title);
	await expectSaved(page, title);
	expect(workers).toEqual([]);
	// The page serves the store itself, so here it does load Dexie.
	expect(await pageScriptsWithDexie(page, [])).not.toEqual([]);
	await expectOnAnotherDevice(page, 'student13', title);
	await context.close();
});

test('when the worker’s file cannot be loaded, sync falls back to the page', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	// As after an update that removed the file, or a first visit that lost the network: the worker's script answers 404.
	await context.addInitScript(() => {
		const Real = window.Worker;
		window.Worker = class extends Real {
			constructor(_url: string | URL, options?: WorkerOptions) {
				super('/_app/immutable/chunks/no-such-worker.js', options);
			}
		};
	});
	const page = await context.newPage();
	await signInWithForm(page, 'student11');
	await page.goto('/student/goals');
	const title = unique('Doel na een kapotte worker ');
	await addGoal(page, title);
	await expectSaved(page, title);
	await expectOnAnotherDevice(page, 'student11', title);
	await context.close();
});
