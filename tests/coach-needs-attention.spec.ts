import { expect, test } from './fixtures';
import { expectNoAxeViolations, signInWithForm, unique } from './helpers';

test('needs: the team’s need groups, a new one from scratch, the phase moved, and the fellow coach sees it', async ({ page, browser }) => {
	await signInWithForm(page, 'coach1');
	await page.goto('/coach/needs');
	await expect(page.getByRole('heading', { level: 1, name: 'Onderwijsbehoeften' })).toBeVisible();
	const seeded = page.getByTestId('need-card').filter({ hasText: 'Meer zelfvertrouwen' });
	await expect(seeded).toBeVisible();
	await expect(seeded.getByRole('button', { name: /Aanpak afspreken/ })).toHaveAttribute('aria-current', 'step');
	await expect(page.getByRole('heading', { name: 'Signalen uit de intake' })).toBeVisible();
	await expectNoAxeViolations(page, '/coach/needs');

	await page.getByRole('button', { name: 'Nieuwe behoeftegroep' }).click();
	const form = page.getByTestId('need-form');
	await form.getByLabel('Onderwijsbehoefte').fill('Zwakke lezers');
	await expect(form.getByText('Dit klinkt als een label.', { exact: false })).toBeVisible();
	const category = unique('Uitleg in kleine stappen');
	await form.getByLabel('Onderwijsbehoefte').fill(category);
	await expect(form.getByText('Dit klinkt als een label.', { exact: false })).toBeHidden();
	await form.getByRole('checkbox').first().check();
	await form.getByLabel('Waarom deze groep?').fill('Uit de les: lange instructies worden niet opgepakt.');
	await form.getByLabel('Afgesproken aanpak').fill('Instructie in drie korte stappen, op het bord.');
	await expectNoAxeViolations(page, '/coach/needs with the form');
	await form.getByRole('button', { name: 'Opslaan' }).click();

	const card = page.getByTestId('need-card').filter({ hasText: category });
	await expect(card).toBeVisible();
	await expect(card.getByTestId('receipt')).toContainText('Opgeslagen op de server');
	await card.getByRole('button', { name: /Uitvoeren/ }).click();
	await expect(card.getByRole('button', { name: /Uitvoeren/ })).toHaveAttribute('aria-current', 'step');
	await expect(card.getByTestId('receipt')).toContainText('Opgeslagen op de server');

	const other = await browser.newContext();
	const ahmed = await other.newPage();
	await signInWithForm(ahmed, 'coach2');
	await ahmed.goto('/coach/needs');
	const shared = ahmed.getByTestId('need-card').filter({ hasText: category });
	await expect(shared).toBeVisible({ timeout: 15_000 });
	await expect(shared.getByRole('button', { name: /Uitvoeren/ })).toHaveAttribute('aria-current', 'step');
	await other.close();
});

test('attention: contacts per student, who had none, and a table alternative', async ({ page }) => {
	await signInWithForm(page, 'coach1');
	await page.goto('/coach/attention');
	await expect(page.getByRole('heading', { level: 1, name: 'Aandachtsbalans' })).toBeVisible();
	await expect(page.getByTestId('attention-row')).toHaveCount(24);
	await expect(page.getByTestId('attention-summary')).toContainText('Nog geen contact in 4 weken');
	await expectNoAxeViolations(page, '/coach/attention');

	await page.getByText('Toon als tabel').click();
	await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(24);
	await page.getByLabel('Sorteer').selectOption('name');
	await expectNoAxeViolations(page, '/coach/attention with the table');

	await page.setViewportSize({ width: 390, height: 844 });
	await expectNoAxeViolations(page, '/coach/attention (phone)');
});
