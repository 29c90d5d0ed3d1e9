import { expect, test } from './fixtures';
import { expectNoAxeViolations, signInWithForm } from './helpers';

test('the coach sees work-process coverage per student and the gaps in the group', async ({ page }) => {
	await signInWithForm(page, 'coach1');
	await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Dekking' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dekking kwalificatie' })).toBeVisible();
	const table = page.getByRole('region', { name: /Tabel met werkprocessen per student/ });
	await expect(table.getByRole('rowheader', { name: 'Daan Visser' })).toBeVisible();
	await expect(table.locator('tbody tr')).toHaveCount(24);
	// The demo personas have picks and evidence: some cells are more than "nog niet".
	await expect(table.locator('td[data-state="evidenced"], td[data-state="inProgress"]').first()).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Nog geen bewijs in de groep' })).toBeVisible();
	await expectNoAxeViolations(page, '/coach/coverage');
	await table.getByRole('link', { name: 'Daan Visser' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Daan Visser' })).toBeVisible();
});

test('on a 1366 px laptop the coverage table names each work process and its total column is in view', async ({ page }) => {
	await page.setViewportSize({ width: 1366, height: 768 });
	await signInWithForm(page, 'coach1');
	await page.goto('/coach/coverage');
	const table = page.getByRole('region', { name: /Tabel met werkprocessen per student/ });
	await expect(table.getByRole('columnheader', { name: /B1-K1-W1 Ondersteunt bij persoonlijke verzorging/ })).toBeVisible();
	const total = table.getByRole('columnheader', { name: 'Met bewijs' });
	const box = await total.boundingBox();
	expect(box).not.toBeNull();
	expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
	await expect(table.getByRole('row', { name: /Daan Visser/ }).locator('td').first()).toHaveText(/^\d+\/\d+$/);
});
