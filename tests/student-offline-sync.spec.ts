import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addGoal, signInWithForm } from './helpers';

/**
 * Waits until the service worker controls the page and keeps it for offline use. (Polled from here:
 * `waitForFunction` takes any Promise as "true" at once, so it cannot wait for an async check.)
 */
async function readyForOffline(page: Page) {
	const state = () =>
		page.evaluate(async () => {
			const r = await navigator.serviceWorker.getRegistration();
			const kept = !!(await (await caches.open('koers-pages')).match(location.href));
			return { controlled: !!navigator.serviceWorker.controller, kept, installing: r?.installing?.state ?? null };
		});
	await expect.poll(state, { timeout: 30_000, message: 'the page is kept for offline use' }).toMatchObject({ controlled: true, kept: true });
}

test('a student works offline, reloads, and nothing is lost; the coach sees it once online', async ({ browser }) => {
	const student = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await student.newPage();
	await signInWithForm(page, 'student22'); // writes on the bus, like Fatima
	await page.goto('/student/goals');
	await readyForOffline(page);

	await student.setOffline(true);
	await addGoal(page, 'Rustig blijven bij een cliënt met dementie', 'Ik wil weten wat ik moet doen');
	await addGoal(page, 'Overdracht geven aan de avonddienst');
	// Edit mid-sentence, still offline.
	const second = page.getByTestId('goal').filter({ hasText: 'Overdracht' });
	await second.getByRole('button', { name: /Aanpassen/ }).click();
	await page.getByLabel('Hoe weet je dat het gelukt is?').fill('Mijn collega kan verder zonder vragen');
	await page.getByRole('button', { name: 'Klaar' }).click();

	await page.reload();
	await expect(page.getByTestId('goal')).toHaveCount(2);
	await expect(page.getByText('Mijn collega kan verder zonder vragen')).toBeVisible();
	await expect(page.getByTestId('online-status')).toHaveText(/Offline · 2 wacht/);
	await expect(page.getByTestId('receipt').first()).toContainText('Wacht op verbinding');

	await student.setOffline(false);
	await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });
	const receipts = page.getByTestId('receipt');
	await expect(receipts).toHaveCount(2);
	for (const receipt of await receipts.all()) await expect(receipt).toContainText('Opgeslagen op de server om');

	const coach = await browser.newContext({ viewport: { width: 1200, height: 900 } });
	const coachPage = await coach.newPage();
	await signInWithForm(coachPage, 'coach1');
	await coachPage.goto('/coach/groups');
	await coachPage.getByRole('link', { name: 'Zorg en Welzijn 2A' }).click();
	await coachPage.getByRole('link', { name: 'Thijs Willems' }).click();
	const goals = coachPage.getByTestId('coach-goal');
	await expect(goals).toHaveCount(2, { timeout: 20_000 });
	await expect(goals.filter({ hasText: 'Overdracht geven' })).toContainText('Mijn collega kan verder zonder vragen');
	await student.close();
	await coach.close();
});

test('two tabs of one student: both show what the other wrote, nothing is doubled', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
	const one = await context.newPage();
	await signInWithForm(one, 'student24');
	await one.goto('/student/goals');
	const two = await context.newPage();
	await two.goto('/student/goals');
	await expect(two.getByRole('heading', { level: 1, name: 'Doelen' })).toBeVisible();

	await addGoal(one, 'Tab een: wondzorg');
	await addGoal(two, 'Tab twee: tillen met een tillift');
	for (const page of [one, two]) {
		await expect(page.getByTestId('goal')).toHaveCount(2);
		await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });
	}
	await context.setOffline(true);
	await addGoal(one, 'Offline in tab een');
	await expect(two.getByTestId('goal').filter({ hasText: 'Offline in tab een' })).toBeVisible();
	await context.setOffline(false);
	await two.reload();
	await expect(two.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });
	await expect(two.getByTestId('goal')).toHaveCount(3);
	// "Alles opgeslagen" means the server has everything: each goal exactly once.
	const onServer = await one.request.post('/api/sync', { data: { cursor: null, ops: [] } });
	const body = (await onServer.json()) as { changes: { entity: string; data: { title: string } }[] };
	const titles = body.changes.filter((c) => c.entity === 'goal').map((c) => c.data.title).sort();
	expect(titles).toEqual(['Offline in tab een', 'Tab een: wondzorg', 'Tab twee: tillen met een tillift']);
	await context.close();
});

test('signing out sends waiting changes first and clears the device', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInWithForm(page, 'student8');
	await page.goto('/student/goals');
	await addGoal(page, 'Voor het uitloggen');
	await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
	await page.waitForURL('**/login');
	const dbs = await page.evaluate(() => indexedDB.databases());
	expect(dbs.filter((d) => d.name?.startsWith('koers-'))).toEqual([]);
	await signInWithForm(page, 'student8');
	await page.goto('/student/goals');
	await expect(page.getByTestId('goal').filter({ hasText: 'Voor het uitloggen' })).toBeVisible();
	await context.close();
});

test('sync refuses bad input with a 4xx JSON error and changes nothing', async ({ page }) => {
	await signInWithForm(page, 'student9');
	const before = await (await page.request.post('/api/sync', { data: { cursor: null, ops: [] } })).json();
	const origin = new URL(page.url()).origin;
	const post = (body: string, type = 'application/json') =>
		page.request.post('/api/sync', { data: Buffer.from(body), headers: { 'content-type': type, origin } });
	const cases = [
		{ body: '{"cursor": null, "ops": [', status: 400, code: 'json_malformed' },
		{ body: JSON.stringify({ cursor: null, ops: [{ opId: crypto.randomUUID(), entity: 'spaceship', id: crypto.randomUUID(), action: 'put', data: {}, at: new Date().toISOString() }] }), status: 400, code: 'invalid_input' },
		{ body: JSON.stringify({ cursor: null, ops: 'veel' }), status: 400, code: 'invalid_input' },
		{ body: JSON.stringify({ cursor: null, ops: Array.from({ length: 201 }, () => ({ opId: crypto.randomUUID(), entity: 'goal', id: crypto.randomUUID(), action: 'put', data: { title: 'x' }, at: new Date().toISOString() })) }), status: 413, code: 'sync_too_many_ops' },
		{ body: JSON.stringify({ cursor: null, ops: [], pad: 'x'.repeat(1_100_000) }), status: 413, code: 'body_too_large' }
	];
	for (const c of cases) {
		const res = await post(c.body);
		expect(res.status(), c.code).toBe(c.status);
		expect((await res.json()).error.code).toBe(c.code);
	}
	const wrongType = await post('{}', 'text/plain');
	expect(wrongType.status()).toBe(415);
	const after = await (await page.request.post('/api/sync', { data: { cursor: null, ops: [] } })).json();
	expect(after.changes).toEqual(before.changes);
});

test('on a wifi that lets nothing through, the status says offline (not "saving") and a tap tries again', async ({ page, context }) => {
	await signInWithForm(page, 'student5');
	await page.goto('/student/goals');
	const status = page.getByTestId('online-status');
	await expect(status).toHaveText('Alles opgeslagen', { timeout: 30_000 });

	// The browser still says "online"; nothing reaches the server.
	await context.route('**/api/sync', (route) => route.abort('internetdisconnected'));
	expect(await page.evaluate(() => navigator.onLine)).toBe(true);
	await addGoal(page, 'Op de wifi van de trein');
	await expect(status).toHaveText(/^\s*Offline · 1 wacht/, { timeout: 15_000 });
	await status.click();
	await expect(page.getByTestId('sync-panel')).toContainText('Je bent offline');

	// The network works again: the student need not wait for the next try.
	await context.unroute('**/api/sync');
	await page.getByTestId('sync-panel').getByRole('button', { name: 'Nu opslaan' }).click();
	await expect(status).toHaveText('Alles opgeslagen', { timeout: 15_000 });
});
