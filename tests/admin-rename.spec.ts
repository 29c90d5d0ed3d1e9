import { expect, test } from './fixtures';
import { demo, expectNoAxeViolations, signInWithForm, unique } from './helpers';
import { createGroup, createUser } from './coach-helpers';

/** The admin fixes a misspelt name and renames a group, and finds people to add by typing. */
test('the admin renames a student and a group, and finds a student to add by typing', async ({ page }) => {
	await signInWithForm(page, demo.admin.username);
	const username = unique('samira');
	await createUser(page, { displayName: 'Samira El Amrany', username, role: 'student', password: 'een-goed-wachtwoord' });

	await page.goto('/admin/users');
	await page.getByRole('link', { name: /Samira El Amrany/ }).click();
	await page.getByText('Naam wijzigen', { exact: true }).click();
	// An empty name is refused with the reason, and the account keeps its name.
	await page.locator('#rename-displayName').fill('   ');
	await page.getByRole('button', { name: 'Naam bewaren' }).click();
	await expect(page.locator('#rename-error')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samira El Amrany');
	await page.locator('#rename-displayName').fill('Samira el Amrani');
	await page.getByRole('button', { name: 'Naam bewaren' }).click();
	await expect(page.getByRole('main').getByText('De naam is nu Samira el Amrani.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samira el Amrani');
	await expect(page.getByTestId('account-username')).toHaveText(username);

	const group = unique('Zorg 2C ');
	await createGroup(page, group);
	await page.getByRole('link', { name: group, exact: true }).click();
	// Typing narrows who can be added.
	await page.getByLabel('Zoek op naam of gebruikersnaam').fill('el amrani');
	await expect(page.locator('#userId option')).toHaveCount(1);
	await expect(page.locator('#userId option')).toHaveText(`Samira el Amrani (${username})`);
	await expect(page.locator('#member-count')).toHaveText('1 persoon gevonden');
	await page.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(page.getByRole('main')).toContainText('Samira el Amrani');

	const renamed = unique('Zorg 2D ');
	await page.getByText('Naam van de groep wijzigen').click();
	await page.locator('#rename-name').fill(demo.group.toUpperCase());
	await page.getByRole('button', { name: 'Naam bewaren' }).click();
	await expect(page.getByRole('alert')).toContainText('Er is al een groep met deze naam.');
	await page.locator('#rename-name').fill(renamed);
	await page.getByRole('button', { name: 'Naam bewaren' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(renamed);
	await expectNoAxeViolations(page, 'admin group page after renaming');

	await page.setViewportSize({ width: 360, height: 740 });
	await page.reload();
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.goto('/admin/groups');
	await expect(page.getByRole('link', { name: renamed, exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: group, exact: true })).toHaveCount(0);
});
