import type { Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInWithForm } from './helpers';

/**
 * On a new device the store is empty until the first sync has brought the student's records. Until
 * then an empty list means "not here yet", not "you have none": a student who sees "Nog geen
 * leerdoelen" for their goals thinks their work is gone.
 */
test('on a new device the pages say they are loading until the first sync is in, never "nothing yet"', async ({ page, context }) => {
	// Hold the device's sync requests (the store worker's) until the test lets them go.
	const held: Route[] = [];
	let holding = true;
	await context.route('**/api/sync', async (route) => {
		if (holding) held.push(route);
		else await route.continue();
	});

	await signInWithForm(page, 'student1');
	await expect.poll(() => held.length, { message: 'the first sync is on its way' }).toBeGreaterThan(0);
	await page.goto('/student/goals');
	await expect(page.getByRole('heading', { level: 1, name: 'Doelen' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Gegevens worden geladen' })).toBeVisible();
	await expect(page.getByText('Nog geen leerdoelen')).toHaveCount(0);
	await page.goto('/student/boards');
	await expect(page.getByRole('status').filter({ hasText: 'Laden' })).toBeVisible();
	await expect(page.getByText('Nog geen keuzebord')).toHaveCount(0);

	// The sync comes through: Daan's goals and boards appear.
	holding = false;
	for (const route of held.splice(0)) await route.continue().catch(() => {});
	await expect(page.getByTestId('pick-rule')).toBeVisible({ timeout: 30_000 });
	await page.goto('/student/goals');
	await expect(page.getByTestId('goal').first()).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText('Nog geen leerdoelen')).toHaveCount(0);
});
