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
	// The worker is the app's own device-store chunk (no second copy of Dexie to download).
	expect(workers.some((p) => p.startsWith('/_app/immutable/chunks/')), `workers started: ${workers.join(', ')}`).toBe(true);
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
