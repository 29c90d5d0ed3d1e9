import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoAxeViolations, signInWithForm } from './helpers';

/** Whether some intake record in this browser's device store holds `text` (the wizard writes as you type). */
async function expectOnDevice(page: Page, text: string) {
	await expect
		.poll(
			() =>
				page.evaluate(async (needle) => {
					for (const info of await indexedDB.databases()) {
						if (!info.name?.startsWith('koers-')) continue;
						const db = await new Promise<IDBDatabase>((resolve, reject) => {
							const req = indexedDB.open(info.name!);
							req.onsuccess = () => resolve(req.result);
							req.onerror = () => reject(req.error);
						});
						try {
							if (!db.objectStoreNames.contains('intake')) continue;
							const rows = await new Promise<unknown[]>((resolve, reject) => {
								const req = db.transaction('intake').objectStore('intake').getAll();
								req.onsuccess = () => resolve(req.result);
								req.onerror = () => reject(req.error);
							});
							if (JSON.stringify(rows).includes(needle)) return true;
						} finally {
							db.close();
						}
					}
					return false;
				}, text),
			{ message: `"${text}" is saved on the device` }
		)
		.toBe(true);
}

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('a student does the intake, finds it after a reload, changes it and still sees the earlier version', async ({ page }) => {
	await signInWithForm(page, 'student21');
	await page.goto('/student/intake');
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn intake' })).toBeVisible();
	const step = page.locator('#intake-step-heading');
	await expect(step).toContainText('Stap 1 van 5');
	await expect(step).toContainText('Wie ben ik?');
	await expectNoAxeViolations(page, '/student/intake step 1');

	// Step 1: who am I.
	await page.getByLabel('Welke school of opleiding heb je al gedaan?').fill('vmbo zorg en welzijn');
	await page.getByLabel('Welk werk heb je al gedaan?').fill('Bijbaan bij de supermarkt');
	await page.getByRole('button', { name: 'Volgende' }).click();
	await expect(step).toContainText('Stap 2 van 5');
	await expect(step).toBeFocused();

	// Step 2: the question under the choice follows the choice.
	await page.getByLabel('Wat vind je leuk om te doen?').fill('Met mensen werken');
	await page.getByRole('radio', { name: 'Mijn diploma halen' }).check();
	await page.getByLabel('Welk diploma wil je halen?').fill('Helpende zorg en welzijn');
	await expectNoAxeViolations(page, '/student/intake step 2');
	await expectOnDevice(page, 'Helpende zorg en welzijn');

	// Closing the tab halfway loses nothing: the wizard comes back at the first step without an answer.
	await page.reload();
	await expect(step).toContainText('Stap 3 van 5');
	await page.getByRole('button', { name: 'Vorige' }).click();
	await expect(page.getByLabel('Welk diploma wil je halen?')).toHaveValue('Helpende zorg en welzijn');
	await page.getByRole('button', { name: 'Volgende' }).click();

	// Step 3: tappable ideas add words to the answer (and take them away).
	await expect(step).toContainText('Hoe leer ik?');
	// exact: the ideas next to the box are a group named "Ideeën voor: Wat helpt mij om door te zetten?".
	const persevere = page.getByLabel('Wat helpt mij om door te zetten?', { exact: true });
	const encouragement = page.getByRole('button', { name: 'aanmoediging' });
	await page.getByRole('button', { name: 'meer zelfvertrouwen' }).click();
	await encouragement.click();
	await expect(persevere).toHaveValue('meer zelfvertrouwen\naanmoediging');
	await expect(encouragement).toHaveAttribute('aria-pressed', 'true');
	await encouragement.click();
	await expect(persevere).toHaveValue('meer zelfvertrouwen');
	await expectNoAxeViolations(page, '/student/intake step 3');
	await page.getByRole('button', { name: 'Volgende' }).click();

	// Step 4: the mark works with the keyboard.
	await expect(step).toContainText('Hoe zeker ben ik?');
	await page.getByRole('radio', { name: '6', exact: true }).check();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('radio', { name: '7', exact: true })).toBeChecked();
	await page.getByRole('checkbox', { name: 'Ik wil extra hulp bij Nederlands' }).check();
	await expectNoAxeViolations(page, '/student/intake step 4');
	await page.getByRole('button', { name: 'Volgende' }).click();

	// Step 5: the private note says plainly who reads it; then the check and "Klaar".
	await expect(step).toContainText('Stap 5 van 5');
	await expect(page.getByText('Alleen jij en je eigen coaches kunnen dit lezen.')).toBeVisible();
	await page.getByRole('textbox', { name: 'Privé notitie' }).fill('Ik werk drie avonden per week.');
	const wizard = page.getByTestId('intake-wizard');
	await expect(wizard).toContainText('7 van de 10');
	await expect(wizard).toContainText('Ik wil extra hulp bij Nederlands');
	await expect(wizard).toContainText('Bijbaan bij de supermarkt');
	await expectNoAxeViolations(page, '/student/intake step 5');
	await page.getByRole('button', { name: 'Klaar' }).click();

	await expect(page.getByTestId('intake-done')).toBeFocused();
	const current = page.getByTestId('intake-current');
	await expect(current).toContainText('Ingevuld op');
	await expect(current).toContainText('meer zelfvertrouwen');
	await expect(current).toContainText('Ik werk drie avonden per week.');
	await expectNoAxeViolations(page, '/student/intake done');

	await page.reload();
	await expect(current).toContainText('vmbo zorg en welzijn');
	await expect(page.getByTestId('intake-history')).toHaveCount(0);
	await expect(current.getByTestId('receipt')).toContainText('Opgeslagen op de server', { timeout: 20_000 });

	// Changing it and stopping halfway keeps the changes as an unfinished draft, which can be thrown away.
	await page.getByRole('button', { name: 'Aanpassen', exact: true }).click();
	await expect(step).toBeFocused();
	await page.getByLabel('Welk werk heb je al gedaan?').fill('Bijbaan bij de bakker');
	await page.getByRole('button', { name: 'Stoppen met aanpassen' }).click();
	await expect(page.getByTestId('intake-draft')).toBeVisible();
	await expect(current).toContainText('Bijbaan bij de supermarkt');
	page.once('dialog', (dialog) => void dialog.accept());
	await page.getByRole('button', { name: 'Wijzigingen weggooien' }).click();
	await expect(page.getByTestId('intake-draft')).toHaveCount(0);

	// Changing it and finishing makes a new version; the earlier one stays readable.
	await page.getByRole('button', { name: 'Aanpassen', exact: true }).click();
	await expect(page.getByLabel('Welke school of opleiding heb je al gedaan?')).toHaveValue('vmbo zorg en welzijn');
	await page.getByLabel('Welke school of opleiding heb je al gedaan?').fill('vmbo, en nu mbo niveau 2');
	for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Volgende' }).click();
	await page.getByRole('button', { name: 'Klaar' }).click();
	await expect(page.getByTestId('intake-done')).toBeVisible();
	await expect(current).toContainText('vmbo, en nu mbo niveau 2');
	const history = page.getByTestId('intake-history');
	await expect(history.locator('details')).toHaveCount(1);
	await history.getByText(/Versie van/).click();
	await expect(history.getByText('vmbo zorg en welzijn')).toBeVisible();

	await page.reload();
	await expect(page.getByTestId('intake-history').locator('details')).toHaveCount(1);
	await expectNoAxeViolations(page, '/student/intake with an earlier version');
});
