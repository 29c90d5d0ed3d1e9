import { expect, test } from './fixtures';
import { demo, expectNoAxeViolations, signInWithForm, unique } from './helpers';
import { addMembers, boardsOnServer, createGroup, createUser, removeMember, signedIn } from './coach-helpers';

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
	// A new board is a draft while the coach fills it.
	await expect(page.getByTestId('board-draft')).toContainText('Concept: alleen coaches zien dit bord.');

	await page.getByRole('button', { name: 'Nieuwe opdracht' }).click();
	await page.getByLabel('Titel', { exact: true }).last().fill('Wondzorg oefenen');
	await page.getByLabel('Instructie').fill('Lees **eerst** de <b>casus</b>.');
	await expect(page.getByRole('region', { name: 'Zo ziet de student het' }).locator('strong')).toHaveText('eerst');
	await expect(page.getByRole('region', { name: 'Zo ziet de student het' })).toContainText('<b>casus</b>');
	await page.getByRole('button', { name: 'Opdracht bewaren' }).click();
	await expect(page.getByRole('table', { name: `Opdrachten van ${title}` })).toContainText('Wondzorg oefenen');
	await expectNoAxeViolations(page, 'coach board editor');
	await page.getByRole('button', { name: 'Publiceren voor studenten' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Gepubliceerd.' })).toBeVisible();
	await expect(page.getByTestId('board-draft')).toHaveCount(0);

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Exporteren' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^koers-board-bord.*\.json$/);
	const path = await file.path();

	await page.getByRole('button', { name: /Terug naar alle borden/ }).click();
	await page.getByLabel('Bestand', { exact: true }).setInputFiles(path!);
	await page.getByRole('checkbox', { name: 'Zorg en Welzijn 2A' }).check();
	await page.getByRole('button', { name: 'Bestand importeren' }).click();
	// The group has this board already: Koers asks whether to replace it or add a copy, and names a copy so.
	const question = page.getByTestId('import-same-title');
	await expect(question).toContainText(`Er is al een bord “${title}” voor deze groep. Wil je dat bord vervangen door dit bestand, of dit bestand als kopie toevoegen?`);
	const rows = page.getByRole('table', { name: 'Keuzeborden op dit apparaat' }).locator('tbody tr', { hasText: title });
	await expect(rows).toHaveCount(1);
	await expectNoAxeViolations(page, 'coach boards replace or copy');
	await question.getByRole('button', { name: 'Als kopie toevoegen' }).click();
	await expect(page.getByRole('heading', { name: `Bord: ${title} (kopie)` })).toBeVisible();
	// An imported board is a draft until the coach publishes it.
	await expect(page.getByTestId('board-draft')).toContainText('Concept: alleen coaches zien dit bord.');
	await expectNoAxeViolations(page, 'coach draft board');

	// The same file once more, now replacing the board: no third board, the item kept its id.
	await page.getByRole('button', { name: /Terug naar alle borden/ }).click();
	await expect(rows.filter({ hasText: 'Concept' })).toHaveCount(1);
	await page.getByLabel('Bestand', { exact: true }).setInputFiles(path!);
	await page.getByRole('button', { name: 'Bestand importeren' }).click();
	await page.getByTestId('import-same-title').getByRole('button', { name: 'Bord vervangen' }).click();
	await expect(page.getByRole('heading', { name: `Bord: ${title}`, exact: true })).toBeVisible();
	await expect(page.getByText(`“${title}” is vervangen door het bestand.`)).toBeVisible();
	await expect(page.getByRole('table', { name: `Opdrachten van ${title}` }).locator('tbody tr')).toHaveCount(1);
	await expect(page.getByTestId('board-draft')).toHaveCount(0);
	await page.getByRole('button', { name: /Terug naar alle borden/ }).click();
	await expect(rows).toHaveCount(2);
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
	await expect(page.getByTestId('import-errors')).toContainText('Opdracht 1, Niveau: "expert" is geen niveau van dit bord');
	// Counted from 1 and in the coach's words only: no file path counted from 0 beside it.
	await expect(page.getByTestId('import-errors')).not.toContainText('items[0]');
	await expect(page.getByRole('table', { name: 'Keuzeborden op dit apparaat' })).not.toContainText('Fout bord');
	await expectNoAxeViolations(page, 'coach boards import errors');
});

test('a board file with work-process codes the school does not have imports nothing and says which; other letters take the school spelling', async ({ page }) => {
	await signInWithForm(page, 'coach1');
	await page.goto('/coach/boards');
	const file = {
		format: 'koers-board',
		version: 1,
		board: { title: unique('Codes bord '), levels: [{ key: 'basis', label: 'Basis' }] },
		items: [
			{ title: 'Goede code', level: 'basis', workProcessIds: ['B1-K1-W1'] },
			{ title: 'Onbekende code', level: 'basis', workProcessIds: ['X9-K9-W9'] },
			{ title: 'Kleine letters', level: 'basis', workProcessIds: ['b1-k1-w2'] }
		]
	};
	await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });
	await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'codes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
	await page.getByRole('button', { name: 'Bestand importeren' }).click();
	const errors = page.getByTestId('import-errors');
	await expect(errors).toContainText('Opdracht 2, Werkproces 1: "X9-K9-W9" staat niet in het kwalificatiedossier van je school.');
	await expect(errors.getByRole('listitem')).toHaveCount(1);
	await expect(page.getByRole('table', { name: 'Keuzeborden op dit apparaat' })).not.toContainText(file.board.title);

	// Without the unknown code the file imports, and the lower-case code counts as the school's B1-K1-W2.
	const fixed = { ...file, items: file.items.filter((i) => i.title !== 'Onbekende code') };
	await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'codes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(fixed)) });
	await page.getByRole('button', { name: 'Bestand importeren' }).click();
	await expect(page.getByRole('heading', { name: `Bord: ${file.board.title}` })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'werkprocescode is omgezet' })).toContainText('(b1-k1-w2 → B1-K1-W2)');
	await page.getByRole('button', { name: 'Bewerk Kleine letters' }).click();
	await expect(page.getByRole('checkbox', { name: /B1-K1-W2/ })).toBeChecked();
});

test('the coach exports a board and imports it into another group', async ({ page, browser, baseURL }) => {
	// The demo school has one group: the admin makes a second one with coach1 and a new student in it.
	const group = unique('Ruilgroep ');
	const student = { displayName: 'Ruben Ruil', username: unique('ruil'), role: 'student' as const, password: 'een-goed-wachtwoord' };
	const admin = await signedIn(browser, baseURL, demo.admin.username);
	await createGroup(admin, group);
	await createUser(admin, student);
	await addMembers(admin, group, [demo.coach.username, student.username]);

	try {
		await signInWithForm(page, demo.coach.username);
		await page.goto('/coach/boards');
		const title = unique('Ruilbord ');
		await page.getByRole('button', { name: 'Nieuw bord' }).click();
		await page.getByLabel('Titel').fill(title);
		await page.getByRole('checkbox', { name: demo.group, exact: true }).check();
		await expect(page.getByRole('checkbox', { name: group, exact: true })).not.toBeChecked();
		await page.getByRole('button', { name: 'Bord bewaren' }).click();
		await expect(page.getByRole('heading', { name: `Bord: ${title}` })).toBeVisible();
		for (const item of ['Tillen met de tillift', 'Overdracht schrijven']) {
			await page.getByRole('button', { name: 'Nieuwe opdracht' }).click();
			await page.getByLabel('Titel', { exact: true }).last().fill(item);
			await page.getByRole('button', { name: 'Opdracht bewaren' }).click();
			await expect(page.getByRole('table', { name: `Opdrachten van ${title}` })).toContainText(item);
		}
		await page.getByRole('button', { name: 'Publiceren voor studenten' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Gepubliceerd.' })).toBeVisible();

		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Exporteren' }).click();
		const path = await (await download).path();

		// Import the file for the other group only.
		await page.getByRole('button', { name: /Terug naar alle borden/ }).click();
		await page.getByLabel('Bestand', { exact: true }).setInputFiles(path!);
		await page.getByRole('checkbox', { name: group, exact: true }).check();
		await expect(page.getByRole('checkbox', { name: demo.group, exact: true })).not.toBeChecked();
		await page.getByRole('button', { name: 'Bestand importeren' }).click();
		await expect(page.getByRole('heading', { name: `Bord: ${title}` })).toBeVisible();
		const imported = page.getByRole('table', { name: `Opdrachten van ${title}` });
		await expect(imported).toContainText('Tillen met de tillift');
		await expect(imported).toContainText('Overdracht schrijven');

		// Two boards with that title now: the original for the demo group, the copy (2 items) for the other group.
		await page.getByRole('button', { name: /Terug naar alle borden/ }).click();
		const rows = page.getByRole('table', { name: 'Keuzeborden op dit apparaat' }).locator('tbody tr', { hasText: title });
		await expect(rows).toHaveCount(2);
		const copy = rows.filter({ hasText: group });
		await expect(copy).toHaveCount(1);
		await expect(copy).not.toContainText(demo.group);
		await expect(copy.getByRole('cell').nth(3)).toHaveText('2');
		await expect(rows.filter({ hasText: demo.group })).toHaveCount(1);

		// The copy is a draft: the new group's student gets nothing from the server until the coach publishes it.
		const ruben = await signedIn(browser, baseURL, student.username, student.password);
		await expect(copy).toContainText('Concept');
		await expect(page.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });
		expect((await boardsOnServer(ruben)).filter((b) => b.title === title)).toHaveLength(0);
		await copy.getByRole('button').click();
		await page.getByRole('button', { name: 'Publiceren voor studenten' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Gepubliceerd.' })).toBeVisible();

		// Now the new group's student gets the copy with its items; a demo student still has only the original.
		await expect.poll(async () => (await boardsOnServer(ruben)).filter((b) => b.title === title).length, { timeout: 20_000 }).toBe(1);
		const copyId = (await boardsOnServer(ruben)).find((b) => b.title === title)!.id;
		await ruben.goto('/student/boards');
		await expect(ruben.getByRole('heading', { level: 2, name: title })).toBeVisible({ timeout: 20_000 });
		await expect(ruben.getByTestId('board')).toContainText('Tillen met de tillift');
		await expect(ruben.getByTestId('board')).toContainText('Overdracht schrijven');
		await ruben.context().close();

		const daan = await signedIn(browser, baseURL, demo.student.username);
		const forDaan = (await boardsOnServer(daan)).filter((b) => b.title === title);
		expect(forDaan).toHaveLength(1);
		expect(forDaan[0]!.id).not.toBe(copyId);
		await daan.context().close();
	} finally {
		// coach1 coaches only the demo group again, whatever happened above (other specs rely on it).
		await removeMember(admin, group, demo.coach.name);
		await admin.context().close();
	}
});
