import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoAxeViolations, signInWithForm, unique } from './helpers';
import { openDemoGroup } from './coach-helpers';

/**
 * The coach's student page (/coach/students/[id]): everything of one student in tabs, feedback with
 * templates, the coach's mark per cycle with the calibration sentence, and check-ins.
 * Daan (student1) has goals, cycles with marks, feedback and a check-in in the demo seed.
 */

async function openDaan(page: Page) {
	await signInWithForm(page, 'coach1');
	await openDemoGroup(page);
	await page.getByRole('main').getByRole('link', { name: /Daan Visser/ }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Daan Visser' })).toBeVisible();
	await expect(page.getByTestId('coach-goal').first()).toBeVisible();
}

test.describe('coach student page', () => {
	test('tabs work with the keyboard and every tab is axe-clean', async ({ page }) => {
		await openDaan(page);
		await expectNoAxeViolations(page, 'coach student: goals');
		const goalsTab = page.getByRole('tab', { name: /Leerdoelen/ });
		await goalsTab.focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('tab', { name: /Keuzes en cycli/ })).toHaveAttribute('aria-selected', 'true');
		await expect(page.getByTestId('coach-choice').first()).toBeVisible();
		for (const name of ['Intake', 'Portfolio', 'Cijfers', 'Coachgesprekken', 'Zelfstandigheid', 'Tijdlijn']) {
			await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
			await expect(page.getByRole('tabpanel')).toBeVisible();
			await expectNoAxeViolations(page, `coach student: ${name}`);
		}
		await expect(page.getByTestId('coach-timeline-entry').first()).toBeVisible();
	});

	test('gives feedback with a template on a goal', async ({ page }) => {
		await openDaan(page);
		const goal = page.getByTestId('coach-goal').first();
		await goal.locator('details.composer > summary').first().click();
		await goal.getByRole('button', { name: /^Wat ging goed/ }).first().click();
		const body = goal.getByTestId('composer-body').first();
		await expect(body).toHaveValue(/Wat ging goed/);
		const text = unique('Sterk doel ');
		await body.fill(text);
		await goal.getByLabel('Feedforward (de volgende stap)').first().check();
		await goal.getByRole('button', { name: 'Versturen' }).first().click();
		await expect(goal.getByTestId('feedback').filter({ hasText: text })).toBeVisible();
	});

	test('the coach marks a cycle and sees the calibration in words', async ({ page }) => {
		await openDaan(page);
		await page.getByRole('tab', { name: /Keuzes en cycli/ }).click();
		const mark = page.getByTestId('coach-mark').first();
		await mark.selectOption('8');
		await expect(mark).toHaveValue('8');
		await page.getByRole('tab', { name: /^Cijfers/ }).click();
		await expect(page.getByTestId('calibration')).toContainText('Daan Visser');
		// The chart is the coach's: Daan's marks and "mine", not the student's "Mijn cijfer vooraf".
		const legend = page.locator('.marks .legend, .marks ul').first();
		await expect(legend).toContainText('Cijfer van Daan Visser vooraf');
		await expect(legend).toContainText('Mijn cijfer (coach)');
		await expect(page.locator('.marks')).not.toContainText('Cijfer van mijn coach');
	});

	test('records a check-in with agreed actions', async ({ page }) => {
		await openDaan(page);
		await page.getByRole('tab', { name: /^Coachgesprekken/ }).click();
		const note = unique('Gesprek over stage ');
		await page.getByLabel('Aantekeningen').fill(note);
		await page.getByLabel('Afspraken').fill('Planning maken\n\nStage bellen');
		await page.getByRole('button', { name: 'Gesprek bewaren' }).click();
		const card = page.getByTestId('coach-checkin').filter({ hasText: note });
		await expect(card).toBeVisible();
		await expect(card.getByRole('listitem')).toHaveCount(2);
	});

	test('edits the templates on this device', async ({ page }) => {
		await openDaan(page);
		await page.getByText('Sjablonen voor feedback', { exact: true }).click();
		await page.getByRole('button', { name: 'Sjabloon toevoegen' }).click();
		const text = unique('Eigen sjabloon ');
		await page.getByLabel('Sjabloon 5').fill(text);
		await page.getByRole('button', { name: 'Sjablonen bewaren' }).click();
		await expect(page.getByText('Sjablonen bewaard op dit apparaat.')).toBeVisible();
		await page.getByTestId('coach-goal').first().locator('details.composer > summary').first().click();
		await expect(page.getByRole('button', { name: text }).first()).toBeVisible();
	});

	test('works on a phone', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await openDaan(page);
		await expectNoAxeViolations(page, 'coach student (phone)');
	});
});
