import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signInWithForm } from './helpers';

/**
 * The coach's approvals queue and autonomy per student (/coach/approvals).
 * The demo seed has at least one pick waiting (Jayden, student10, "r1" of the step plan); other
 * specs may add or approve picks, so this spec only relies on "there is a queue or an empty state".
 */

test.describe('coach approvals and autonomy', () => {
	test.beforeEach(async ({ page }) => {
		await signInWithForm(page, 'coach1');
		await page.goto('/coach/approvals');
		await expect(page.getByRole('heading', { level: 1, name: 'Goedkeuren en zelfstandigheid' })).toBeVisible();
	});

	test('shows the queue, approves a pick in one click, and is axe-clean', async ({ page }) => {
		const queue = page.getByRole('region', { name: /Wacht op goedkeuring/ });
		await expect(queue.getByTestId('approval-pick').first().or(queue.getByRole('heading', { name: 'Er wacht niets op goedkeuring' }))).toBeVisible();
		await expectNoAxeViolations(page, '/coach/approvals');

		const picks = queue.getByTestId('approval-pick');
		if ((await picks.count()) === 0) return;
		const first = picks.first();
		const name = (await first.getByRole('heading', { level: 3 }).innerText()).trim();

		// Suggesting needs a note: the form says so instead of sending.
		await first.getByRole('button', { name: /^Andere opdracht voorstellen/ }).click();
		await first.getByRole('button', { name: 'Voorstel sturen' }).click();
		await expect(first.getByText('Schrijf een korte toelichting.')).toBeVisible();
		await first.getByRole('button', { name: 'Annuleren' }).click();

		const before = await picks.count();
		await first.getByRole('button', { name: /^Goedkeuren/ }).click();
		await expect(page.getByRole('status').getByText(new RegExp(`is goedgekeurd voor ${name}`))).toBeVisible();
		await expect(picks).toHaveCount(before - 1);
	});

	test('autonomy: a change needs a reason, then adds a record to the history', async ({ page }) => {
		const section = page.getByRole('region', { name: 'Zelfstandigheid' });
		const student = section.getByTestId('autonomy-student').last();
		await student.locator('summary').click();
		await expect(student.getByRole('heading', { name: 'Voorstel' })).toBeVisible();
		const rows = student.getByRole('table').locator('tbody tr');
		// Every demo student has an autonomy record: wait until the history shows it.
		await expect(rows.first()).toBeVisible();
		const before = await rows.count();

		await student.getByRole('button', { name: 'Opslaan' }).click();
		await expect(student.getByText('Schrijf een reden.')).toBeVisible();
		// Same level and work level as now (the form starts there): only the reason is new.
		await student.getByLabel('Reden').fill('Besproken in het coachgesprek: zo laten.');
		await student.getByRole('button', { name: 'Opslaan' }).click();
		await expect(student.getByText(/Opgeslagen voor/)).toBeVisible();
		await expect(rows).toHaveCount(before + 1);
		await expect(rows.first()).toContainText('Besproken in het coachgesprek');
		await expectNoAxeViolations(page, '/coach/approvals with a student open');
	});
});
