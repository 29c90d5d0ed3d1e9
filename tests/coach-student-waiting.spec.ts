import { expect, test } from './fixtures';
import { expectNoAxeViolations, signInWithForm, unique } from './helpers';
import { openDemoGroup } from './coach-helpers';

/**
 * The coach's student page says at the top what waits on the coach (the dashboard's triage for that
 * student, the same sentences), and the coach changes the student's autonomy there too.
 */
test('the student page starts with what waits on the coach, as the dashboard says it, and changes autonomy', async ({ page }) => {
	await signInWithForm(page, 'coach1');
	await openDemoGroup(page);
	// The first student the dashboard says needs the coach, with the reasons it gives.
	const row = page.getByRole('table').locator('tbody tr').filter({ has: page.locator('ul.reasons li') }).first();
	const name = (await row.locator('th a').innerText()).trim();
	const reasons = (await row.locator('ul.reasons li').allInnerTexts()).map((r) => r.trim());
	expect(reasons.length).toBeGreaterThan(0);

	await page.setViewportSize({ width: 360, height: 800 });
	await row.locator('th a').click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	const waiting = page.getByRole('region', { name: 'Wacht op jou' });
	await expect(waiting).toBeVisible();
	for (const reason of reasons) await expect(waiting.getByRole('listitem').filter({ hasText: reason })).toHaveCount(1);
	// It stands above the tabs and the feedback templates: the first thing after the name, on a phone too.
	const templates = page.getByText('Sjablonen voor feedback', { exact: true });
	const [top, tools, tabs] = await Promise.all([waiting.boundingBox(), templates.boundingBox(), page.getByRole('tablist').boundingBox()]);
	expect(top!.y).toBeLessThan(tools!.y);
	expect(top!.y).toBeLessThan(tabs!.y);
	await expectNoAxeViolations(page, 'coach student: waiting for you (360 px)');

	// Autonomy, from the student's own page.
	await page.getByRole('tab', { name: 'Zelfstandigheid' }).click();
	const panel = page.getByRole('tabpanel');
	await panel.getByTestId('autonomy-student').locator('summary').click();
	const level = panel.getByRole('combobox', { name: 'Zelfstandigheid', exact: true });
	const to = (await level.inputValue()) === 'shared' ? 'guided' : 'shared';
	const label = to === 'shared' ? 'Samen kiezen' : 'Begeleid';
	await level.selectOption(to);
	const reason = unique('Besproken in het coachgesprek ');
	await panel.getByRole('textbox', { name: 'Reden', exact: true }).fill(reason);
	await panel.getByRole('button', { name: 'Opslaan' }).click();
	await expect(panel.getByRole('status').filter({ hasText: `Opgeslagen voor ${name}.` })).toBeVisible();
	await expect(panel.getByRole('row').filter({ hasText: reason })).toContainText(label);
	await expectNoAxeViolations(page, 'coach student: autonomy (360 px)');
	await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });

	// The approvals page shows the same setting.
	await page.goto('/coach/approvals');
	const there = page.getByTestId('autonomy-student').filter({ hasText: name });
	await expect(there.locator('summary .badge').first()).toHaveText(label, { timeout: 20_000 });
});
