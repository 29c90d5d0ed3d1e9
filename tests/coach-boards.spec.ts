import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signInWithForm, unique } from './helpers';

test('a coach makes a board with an item, exports it and imports the file again', async ({ page }) => {
	await signInWithForm(page, 'coach1');
	await page.goto('/coach/boards');
	await expect(page.getByRole('table', { name: 'Keuzeborden op dit apparaat' })).toBeVisible();
	await expectNoAxeViolations(page, 'coach boards list');

	const title = unique('Bord');
	await page.getByRole('button', { name: 'Nieuw bord' }).click();
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Naam van het nieuwe niveau').fill('Extra uitdaging');
	await page.getByRole('button', { name: 'Niveau toevoegen' }).click();
	await expect(page.getByText('code: extraUitdaging')).toBeVisible();
	await page.getByRole('checkbox', { name: 'Zorg en Welzijn 2A' }).check();
	await page.getByRole('button', { name: 'Bord bewaren' }).click();
	await expect(page.getByRole('heading', { name: `Bord: ${title}` })).toBeVisible();

	await page.getByRole('button', { name: 'Nieuwe opdracht' }).click();
	await page.getByLabel('Titel', { exact: true }).last().fill('Wondzorg oefenen');
	await page.getByLabel('Instructie').fill('Lees **eerst** de <b>casus</b>.');
	await expect(page.getByRole('region', { name: 'Zo ziet de student het' }).locator('strong')).toHaveText('eerst');
	await expect(page.getByRole('region', { name: 'Zo ziet de student het' })).toContainText('<b>casus</b>');
	await page.getByRole('button', { name: 'Opdracht bewaren' }).click();
	await expect(page.getByRole('table', { name: `Opdrachten van ${title}` })).toContainText('Wondzorg oefenen');
	await expectNoAxeViolations(page, 'coach board editor');

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Exporteren' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^koers-board-bord.*\.json$/);
	const path = await file.path();

	await page.getByRole('button', { name: /Terug naar alle borden/ }).click();
	await page.getByLabel('Bestand', { exact: true }).setInputFiles(path!);
	await page.getByRole('button', { name: 'Bestand importeren' }).click();
	await expect(page.getByRole('heading', { name: `Bord: ${title}` })).toBeVisible();
});

test('an invalid board file imports nothing and says where it is wrong', async ({ page }) => {
	await signInWithForm(page, 'coach1');
	await page.goto('/coach/boards');
	const bad = {
		format: 'koers-board',
		version: 1,
		board: { title: 'Fout bord', levels: [{ key: 'basis', label: 'Basis' }] },
		items: [{ title: 'A', level: 'expert' }]
	};
	await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
	await page.getByRole('button', { name: 'Bestand importeren' }).click();
	await expect(page.getByTestId('import-errors')).toContainText('items[0].level: "expert" is geen niveau van dit bord');
	await expect(page.getByRole('table', { name: 'Keuzeborden op dit apparaat' })).not.toContainText('Fout bord');
	await expectNoAxeViolations(page, 'coach boards import errors');
});
