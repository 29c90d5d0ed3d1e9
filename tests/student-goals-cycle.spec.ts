import { expect, test } from './fixtures';
import { expectNoAxeViolations, signInWithForm } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

test('a student writes a goal and a learning question, the checklist reacts, and a full cycle pre-fills the next one', async ({ page }) => {
	await signInWithForm(page, 'student15');
	await page.goto('/student/goals');
	await page.getByRole('button', { name: 'Nieuw leerdoel' }).click();
	// Saving without a title: the field says why and gets the focus (on a phone it is then in view).
	await page.getByRole('button', { name: 'Leerdoel opslaan' }).click();
	await expect(page.locator('#new-title')).toBeFocused();
	await expect(page.locator('#new-title')).toHaveAccessibleDescription(/Dit veld is verplicht/);
	// "Annuleren" closes the form; what was typed is there again when it opens.
	await page.locator('#new-why').fill('Op mijn stage eten veel bewoners zelf niet meer');
	await page.getByRole('button', { name: 'Annuleren' }).click();
	await expect(page.locator('#new-title')).toHaveCount(0);
	await page.getByRole('button', { name: 'Nieuw leerdoel' }).click();
	await expect(page.locator('#new-why')).toHaveValue('Op mijn stage eten veel bewoners zelf niet meer');
	await page.locator('#new-title').fill('Een cliënt helpen met eten');
	await page.locator('#new-why').fill('Op mijn stage eten veel bewoners zelf niet meer');
	await page.getByRole('button', { name: 'Leerdoel opslaan' }).click();
	await page.getByRole('link', { name: /Open: Een cliënt helpen met eten/ }).click();
	await expect(page.locator('#goal-title')).toHaveValue('Een cliënt helpen met eten');

	// The checklist reacts while typing, and praises what is already good.
	await page.getByRole('button', { name: 'Nieuwe leervraag' }).click();
	const checklist = page.getByTestId('question-checklist');
	await page.locator('#new-question').fill('Ik wil beter worden');
	await expect(checklist.locator('[data-criterion="practice"]')).toHaveAttribute('data-met', 'false');
	await expect(checklist.locator('[data-criterion="timeFrame"]')).toHaveAttribute('data-met', 'false');
	await expect(checklist).toContainText('deze week');
	await page.locator('#new-question').fill('Hoe kan ik deze week op mijn stage een bewoner helpen met eten zonder te haasten?');
	for (const criterion of ['ownLearning', 'answerable', 'practice', 'timeFrame']) {
		await expect(checklist.locator(`[data-criterion="${criterion}"]`)).toHaveAttribute('data-met', 'true');
	}
	await expectNoAxeViolations(page, 'goal detail with checklist');
	await page.getByRole('button', { name: 'Leervraag opslaan' }).click();
	await expect(page.getByTestId('question')).toContainText('zonder te haasten');

	// A full cycle.
	await page.getByRole('button', { name: 'Begin een nieuwe cyclus' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Vooruitdenken');
	const next = page.getByRole('button', { name: /Naar Doen/ });
	await expect(next).toBeDisabled();
	await expect(page.getByText(/Vul nog in:/)).toBeVisible();
	await page.getByLabel('Wat wil je hier leren?').fill('Rustig helpen met eten');
	// A mark outside 1–10 is not saved: the field says so and keeps what was typed.
	const now = page.getByLabel('Welk cijfer geef je jezelf nu? (1–10)');
	await now.fill('11');
	await now.blur();
	await expect(now).toHaveAccessibleDescription('Vul een heel cijfer in van 1 tot en met 10.');
	await expect(now).toHaveValue('11');
	await now.fill('4');
	await now.blur();
	await expect(now).not.toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Welk cijfer wil je halen? (1–10)').fill('7');
	await page.getByLabel('Welk cijfer wil je halen? (1–10)').blur();
	await page.getByLabel('Hoe ga je het aanpakken? Wat is je plan?').fill('Kijken bij een collega, dan zelf doen');
	await expect(next).toBeEnabled();
	await expectNoAxeViolations(page, 'cycle forethought');
	await next.click();

	await expect(page.getByRole('heading', { level: 1 })).toContainText('Doen');
	await page.getByLabel('Wat heb je gedaan of geleerd?').fill('Meneer De Wit geholpen, ging rustig');
	await page.getByLabel('Hoeveel minuten?').fill('30');
	await page.getByRole('button', { name: 'Toevoegen aan logboek' }).click();
	await expect(page.getByText('Totaal: 30 minuten')).toBeVisible();
	// Said where the student is, by the button (the entry itself is listed above the form).
	await expect(page.getByRole('status').filter({ hasText: 'Toegevoegd aan je logboek' })).toBeInViewport();
	await page.getByRole('button', { name: /Naar Terugkijken/ }).click();

	await expect(page.getByRole('heading', { level: 1 })).toContainText('Terugkijken');
	await page.getByLabel('Hoe ging het?').fill('Beter dan gedacht');
	await page.getByLabel('Welk cijfer geef je jezelf nu, na afloop? (1–10)').fill('6');
	await page.getByLabel('Welk cijfer geef je jezelf nu, na afloop? (1–10)').blur();
	await page.getByLabel('Wat is je volgende stap?').fill('Twee bewoners tegelijk helpen');
	await page.getByRole('button', { name: 'Cyclus afronden' }).click();
	await expect(page.getByText('Goed gedaan! Deze cyclus is klaar.')).toBeVisible();

	await page.getByRole('button', { name: 'Begin de volgende cyclus' }).click();
	await expect(page.getByLabel('Wat wil je hier leren?')).toHaveValue('Twee bewoners tegelijk helpen');
	await expect(page.getByLabel('Welk cijfer geef je jezelf nu? (1–10)')).toHaveValue('6');
	await expect(page.getByRole('table').or(page.getByText('Cijfers als tabel'))).toBeVisible();
	await expectNoAxeViolations(page, 'next cycle with marks');
});
