import { type Page, type Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInWithForm } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });
// Pages are opened the way a student reopens the app on the train: a full page load, answered by the
// service worker.

const studentPages = ['/student', '/student/goals', '/student/cycle', '/student/boards', '/student/portfolio'];

/**
 * What the service worker has done for this page: `ready` once it controls the page and has kept every
 * student page and its data. (Polled from here: `page.waitForFunction` does not wait for an async check,
 * since the promise it returns counts as truthy at once.)
 */
async function offlineState(page: Page): Promise<string> {
	return page
		.evaluate(async (paths) => {
			const reg = await navigator.serviceWorker.getRegistration();
			if (!reg) return 'no worker';
			if (!navigator.serviceWorker.controller) return `not in control (${reg.installing ? 'installing' : reg.waiting ? 'waiting' : reg.active?.state})`;
			const pages = await caches.open('koers-pages');
			const data = await caches.open('koers-data');
			const kept = await Promise.all([
				...paths.map((p) => pages.match(new URL(p, location.origin).href, { ignoreSearch: true })),
				...paths.map((p) => data.match(new URL(p.replace(/\/?$/, '/__data.json'), location.origin).href, { ignoreSearch: true }))
			]);
			return kept.every(Boolean) ? 'ready' : 'pages not kept yet';
		}, studentPages)
		.catch(() => 'page is loading');
}

/** Waits until the service worker controls the page and has kept every student page for offline use. */
async function readyForOffline(page: Page) {
	await expect.poll(() => offlineState(page), { timeout: 30_000, message: 'the app is kept for offline use' }).toBe('ready');
}

test('the whole student journey works offline and reaches the server at the final sync', async ({ page, context }) => {
	await signInWithForm(page, 'student17');
	await readyForOffline(page);
	// The first sync has brought the boards to this device.
	await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 30_000 });
	await context.setOffline(true);

	// A goal and a learning question.
	await page.goto('/student/goals');
	await page.getByRole('button', { name: 'Nieuw leerdoel' }).click();
	await page.locator('#new-title').fill('Offline: een wond verzorgen');
	await page.getByRole('button', { name: 'Leerdoel opslaan' }).click();
	await page.getByRole('link', { name: /Open: Offline: een wond verzorgen/ }).click();
	await page.getByRole('button', { name: 'Nieuwe leervraag' }).click();
	await page.locator('#new-question').fill('Hoe verzorg ik deze week op mijn stage een kleine wond?');
	await page.getByRole('button', { name: 'Leervraag opslaan' }).click();
	await expect(page.getByTestId('question')).toHaveCount(1);

	// A cycle, started and planned.
	await page.getByRole('button', { name: 'Begin een nieuwe cyclus' }).click();
	await page.getByLabel('Wat wil je hier leren?').fill('Een wond netjes schoonmaken');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Vooruitdenken');
	// Stored on the device: the form no longer asks for it (page.goto below is a full reload, like closing the tab).
	await expect(page.getByText(/Vul nog in:/)).not.toContainText('wat je wilt leren');

	// A pick from the board.
	await page.goto('/student/boards');
	const card = page.getByTestId('item').filter({ has: page.getByRole('button', { name: 'Kiezen', exact: true }) }).first();
	await card.getByRole('button', { name: 'Kiezen', exact: true }).click();
	// (The card no longer has a "Kiezen" button now, so the form is found on the page.)
	await expect(page.getByRole('radio').first()).toBeChecked();
	await page.getByRole('button', { name: 'Kies deze opdracht' }).click();
	await expect(page.getByTestId('choice').first()).toBeVisible();

	// Evidence in the portfolio.
	await page.goto('/student/portfolio');
	await page.getByRole('button', { name: 'Nieuw bewijsstuk' }).click();
	await page.locator('#new-title').fill('Offline: foto van mijn verband');
	await page.getByRole('button', { name: 'Bewijsstuk opslaan' }).click();
	await expect(page.getByTestId('evidence').filter({ hasText: 'Offline: foto van mijn verband' })).toBeVisible();

	await expect(page.getByTestId('online-status')).toHaveText(/Offline · \d+ wacht/);
	await context.setOffline(false);
	await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 30_000 });

	const res = await page.request.post('/api/sync', { data: { cursor: null, ops: [] } });
	const { changes } = (await res.json()) as { changes: { entity: string; data: Record<string, unknown> | null }[] };
	const mine = (entity: string) => changes.filter((c) => c.entity === entity && c.data);
	expect(mine('goal').map((g) => g.data!.title)).toContain('Offline: een wond verzorgen');
	expect(mine('question').map((q) => q.data!.text)).toContain('Hoe verzorg ik deze week op mijn stage een kleine wond?');
	expect(mine('cycle').some((c) => (c.data!.forethought as { aim?: string } | undefined)?.aim === 'Een wond netjes schoonmaken')).toBe(true);
	expect(mine('choice').length).toBeGreaterThan(0);
	expect(mine('evidence').map((e) => e.data!.title)).toContain('Offline: foto van mijn verband');
});

test('a student who goes offline while the app is still being saved gets it kept once the network is back', async ({ page, context }) => {
	// The worker saves the whole app on the first visit. Hold back one of its files, so that it is still
	// installing when this student signs in and the network drops.
	let holder: ((route: Route) => void) | undefined;
	const holdNext = () => new Promise<Route>((resolve) => (holder = resolve));
	await context.route('**/_app/immutable/**', async (route) => {
		if (holder && route.request().serviceWorker()) {
			const hold = holder;
			holder = undefined;
			hold(route);
			return;
		}
		await route.continue();
	});
	const held = holdNext();

	await signInWithForm(page, 'student18');
	await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 30_000 });
	expect(await offlineState(page)).toBe('not in control (installing)');
	await context.setOffline(true);
	await (await held).abort('internetdisconnected');
	// The install failed, and the browser forgot the worker.
	await expect.poll(() => offlineState(page), { message: 'the failed install leaves no worker' }).toBe('no worker');
	await expect(page.getByTestId('online-status')).toHaveText(/^\s*Offline\b/);
	// Other pages would now show the browser's offline page: the student is told to stay on this one.
	const unready = page.getByTestId('offline-unready');
	await expect(unready).toContainText('Blijf op deze pagina tot je weer internet hebt');
	// Read: "Begrepen" puts it away, so it does not sit over what the student is typing in.
	await unready.getByRole('button', { name: 'Begrepen' }).click();
	await expect(unready).toBeHidden();
	await expect(page.getByTestId('online-status')).toHaveText(/^\s*Offline\b/);

	// Online for a moment: the worker starts its install again (held once more), and the network drops
	// before it is done. The student is told again.
	const heldAgain = holdNext();
	await context.setOffline(false);
	const again = await heldAgain;
	await context.setOffline(true);
	await expect(unready).toContainText('Blijf op deze pagina tot je weer internet hebt');

	// Back online, still on the same page: the notice goes, and the app is kept without a reload.
	await context.setOffline(false);
	await expect(unready).toBeHidden();
	await again.continue();
	await readyForOffline(page);

	// And the next time the network is gone, the pages open (and nobody is told to stay put).
	await context.setOffline(true);
	await expect(page.getByTestId('online-status')).toHaveText(/^\s*Offline\b/);
	await expect(unready).toBeHidden();
	await page.goto('/student/goals');
	await expect(page.getByRole('heading', { level: 1, name: 'Doelen' })).toBeVisible();
	await expect(page.getByTestId('online-status')).toHaveText(/^\s*Offline\b/);
	await page.goto('/student');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Hoi');
});
