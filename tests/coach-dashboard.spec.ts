import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signInWithForm } from './helpers';

test('the group dashboard puts who needs the coach first, sorts, filters and opens a student', async ({ page }) => {
	await signInWithForm(page, 'coach1');
	await page.getByRole('link', { name: 'Zorg en Welzijn 2A' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Zorg en Welzijn 2A' })).toBeVisible();
	const table = page.getByRole('table');
	await expect(table.getByRole('row')).toHaveCount(25);
	// Noah stopped logging 12 days ago: he is among the first rows.
	const firstNames = await table.locator('tbody th a').allTextContents();
	expect(firstNames.slice(0, 3).some((n) => n.includes('Noah'))).toBe(true);
	await expectNoAxeViolations(page, 'coach group dashboard');

	await page.getByRole('button', { name: 'Student' }).click();
	await expect(table.getByRole('columnheader', { name: /Student/ })).toHaveAttribute('aria-sort', 'ascending');

	await page.getByLabel('Behoefte').selectOption('Rekenvaardigheid in de zorg');
	await expect(table.locator('tbody tr')).toHaveCount(3);
	await page.getByLabel('Behoefte').selectOption('');
	await page.getByLabel('Alleen achter op planning').check();
	await expect(page.getByText(/van 24 studenten/)).toBeVisible();

	await table.locator('tbody th a').first().click();
	await expect(page).toHaveURL(/\/coach\/students\//);
});

test('on a phone the dashboard shows cards', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signInWithForm(page, 'coach1');
	await page.getByRole('link', { name: 'Zorg en Welzijn 2A' }).first().click();
	await expect(page.getByRole('table')).toBeHidden();
	await expect(page.locator('ul.cards > li')).toHaveCount(24);
	await expectNoAxeViolations(page, 'coach group dashboard (phone)');
});
