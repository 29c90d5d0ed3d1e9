import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demo, expectNoAxeViolations, signInWithForm } from './helpers';
import { openDemoGroup, signedIn } from './coach-helpers';

/**
 * Issue 24: a coach with thirty students and ten minutes. The dashboard says who needs them now (a
 * handful, not half the group) and why, as something they can do; "Deze week" lists the talks of the
 * week and ticks one off, also on the train; and the coaches of a group see who takes whom.
 */

interface Change {
	entity: string;
	id: string;
	authorId?: string | null;
	data: Record<string, unknown> | null;
}

async function pull(page: Page): Promise<Change[]> {
	const all: Change[] = [];
	let cursor: string | null = null;
	for (;;) {
		const res = await page.request.post('/api/sync', { data: { cursor, ops: [] } });
		const body = (await res.json()) as { cursor: string; changes: Change[]; more?: boolean };
		all.push(...body.changes);
		cursor = body.cursor;
		if (!body.more) return all;
	}
}

const localToday = () => new Date().toLocaleDateString('sv-SE');

/** The week plan once the records on this device are read (it is on screen before, from the server's rows). */
async function weekPlan(page: Page) {
	const plan = page.getByTestId('week-plan');
	await expect(plan.locator('ol.plan > li').first()).toBeVisible();
	await expect(plan).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
	return plan;
}

test('a handful need the coach now, each with what to do, first on the dashboard and on the week plan; in Dutch and English', async ({ page }) => {
	await page.setViewportSize({ width: 1200, height: 900 });
	await signInWithForm(page, demo.coach.username);
	await openDemoGroup(page);
	const rows = page.getByRole('table').locator('tbody tr');
	await expect(rows).toHaveCount(24);

	// Of 24 students a few need Marieke now: enough to act on in ten minutes, not half the group.
	const now = rows.locator('xpath=self::tr[@data-urgency="now"]');
	const count = await now.count();
	expect(count).toBeGreaterThanOrEqual(1);
	expect(count).toBeLessThanOrEqual(6);
	// They come first, each with a reason that names the student and says what to do.
	const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-urgency')));
	expect(order.slice(0, count)).toEqual(Array(count).fill('now'));
	expect(order.indexOf('fine') === -1 || order.indexOf('fine') > order.lastIndexOf('soon')).toBe(true);
	for (let i = 0; i < count; i++) {
		const row = now.nth(i);
		const first = (await row.locator('th a').textContent())!.trim().split(/\s+/)[0]!;
		await expect(row.getByText('Heeft je nu nodig')).toBeVisible();
		await expect(row.locator('ul.why li').first()).toContainText(first);
	}
	// Noah waits for his pick to be approved: the reason says so, and how long he waits.
	const noah = rows.filter({ hasText: 'Noah' });
	await expect(noah).toHaveAttribute('data-urgency', 'now');
	await expect(noah.locator('ul.why')).toContainText(/Keur Noahs keuze goed/);

	// "Deze week" holds everyone who needs her now, at the top.
	const plan = await weekPlan(page);
	const nowIds = await now.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-student')));
	const planIds = await plan.locator('ol.plan > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-student')));
	expect(planIds.length).toBeGreaterThanOrEqual(Math.max(6, count) - 1);
	expect(new Set(planIds.slice(0, count))).toEqual(new Set(nowIds));
	await expectNoAxeViolations(page, 'coach dashboard with the week plan');
	// On a slow phone the plan is there before the app starts (it comes with the page, in the same order),
	// so nothing on the dashboard moves when the device's store answers.
	const html = await (await page.request.get(page.url())).text();
	const sentIds = [...html.matchAll(/<li[^>]*data-student="([^"]+)"[^>]*>\s*<div class="who/g)].map((m) => m[1]);
	expect(sentIds).toEqual(planIds);

	// In English the same, in English.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'This week', exact: true })).toBeVisible();
	await expect(noah.getByText('Needs you now')).toBeVisible();
	await expect(noah.locator('ul.why')).toContainText(/Noah/);
	await expect(noah.locator('ul.why')).not.toContainText('Keur');
	await expectNoAxeViolations(page, 'coach dashboard with the week plan (English)');
	await page.getByRole('button', { name: 'Nederlands' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test('on a 360 px phone the week plan and the cards fit, and the most urgent reason shows on a folded card', async ({ browser, baseURL }) => {
	const page = await signedIn(browser, baseURL, 'coach1', undefined, { width: 360, height: 740 });
	await openDemoGroup(page);
	const plan = await weekPlan(page);
	await expect(plan.getByRole('heading', { name: 'Deze week' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	const first = page.getByRole('table').locator('tbody tr').first();
	await expect(first).toHaveAttribute('data-urgency', 'now');
	// Folded, a card shows one reason (the most urgent); it stays a card, not a page.
	await expect(first.locator('ul.why li').filter({ visible: true })).toHaveCount(1);
	expect((await first.boundingBox())!.height).toBeLessThan(200);
	await expectNoAxeViolations(page, 'coach dashboard with the week plan (360 px)');
	await page.getByTestId('team-week').locator('summary').click();
	await expect(page.getByRole('region', { name: 'Het team deze week' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await expectNoAxeViolations(page, 'the team this week (360 px)');
	await page.context().close();
});

test('offline on the train the coach ticks off a talk; it is kept, counts at once, and reaches the server when the train is out of the tunnel', async ({ browser, baseURL }) => {
	const page = await signedIn(browser, baseURL, 'coach1');
	await openDemoGroup(page);
	const plan = await weekPlan(page);
	await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });
	const entry = plan.locator('ol.plan > li:not(.done)').first();
	const studentId = (await entry.getAttribute('data-student'))!;
	const name = (await entry.locator('.who a').textContent())!.trim();
	const before = await entry.locator('p.small').textContent();

	await page.context().setOffline(true);
	await entry.getByRole('button', { name: `Gesprek met ${name} gehad` }).click();
	await expect(plan.getByRole('status')).toHaveText(`Afgevinkt: ${name}. Bewaard op dit apparaat, gaat naar de server zodra er verbinding is.`);
	// Ticked off: it moves down the list, marked done, and counts as contact with her.
	const done = plan.locator(`ol.plan > li[data-student="${studentId}"]`);
	await expect(done).toHaveClass(/done/);
	await expect(done.locator('.tick')).toContainText('Gesprek gehad');
	await expect(done.locator('p.small')).not.toHaveText(before!);
	const onServer = async () =>
		(await pull(page)).some((c) => c.entity === 'checkIn' && c.data?.studentId === studentId && c.data?.date === localToday() && !c.data?.planned);
	await page.context().setOffline(false);
	await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });
	await expect.poll(onServer, { timeout: 20_000 }).toBe(true);

	// Kept: after a reload it is still ticked off, and on the student's page it is a check-in of today.
	await page.reload();
	await expect((await weekPlan(page)).locator(`ol.plan > li[data-student="${studentId}"]`)).toHaveClass(/done/);
	await page.goto(`/coach/students/${studentId}`);
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await page.context().close();
});

test('two coaches of a group: what Ahmed picks up leaves Marieke’s list and shows in the team’s view', async ({ browser, baseURL }) => {
	const marieke = await signedIn(browser, baseURL, 'coach1');
	await openDemoGroup(marieke);
	const plan = await weekPlan(marieke);
	const entry = plan.locator('ol.plan > li:not(.done)').first();
	const studentId = (await entry.getAttribute('data-student'))!;
	const name = (await entry.locator('.who a').textContent())!.trim();

	const ahmed = await signedIn(browser, baseURL, 'coach2');
	await openDemoGroup(ahmed);
	await weekPlan(ahmed);
	const team = ahmed.getByTestId('team-week');
	await team.locator('summary').click();
	await team.getByRole('button', { name: `Ik pak ${name} deze week op` }).click();
	await expect(ahmed.getByTestId('week-plan').getByRole('status')).toHaveText(`Opgepakt: ${name} staat op jouw lijst voor deze week.`);
	const row = team.locator(`tr[data-student="${studentId}"]`);
	await expect(row).toContainText('jij (gepland)');
	await expect(ahmed.getByTestId('week-plan').locator(`li[data-student="${studentId}"]`)).toContainText('Door jou opgepakt');
	await expect(ahmed.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });
	await expectNoAxeViolations(ahmed, 'the team this week, opened');

	// Marieke, on her own laptop: the student is off her list, and the team's view says who has them.
	await marieke.reload();
	await expect((await weekPlan(marieke)).locator(`li[data-student="${studentId}"]`)).toHaveCount(0, { timeout: 20_000 });
	const mine = marieke.getByTestId('team-week');
	await mine.locator('summary').click();
	await expect(mine.locator(`tr[data-student="${studentId}"]`)).toContainText('Ahmed Yousfi (gepland)');
	await expect(mine.getByRole('button', { name: `Ik pak ${name} deze week op` })).toHaveCount(0);
	await marieke.context().close();
	await ahmed.context().close();
});
