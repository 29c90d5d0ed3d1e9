import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoAxeViolations, signInWithForm } from './helpers';

/**
 * Choice boards from the student's side: the pick rule per autonomy level, picking in a week,
 * "Mijn keuzes" with start/finish/rate, and the pace ("voor op schema").
 * Relies on the demo seed: the free board "Periode 2 — Persoonlijke verzorging", the step plan
 * "Rekenen in de zorg", Kevin (student4) self-directed and Samira (student3) guided.
 */

const freeBoard = /Persoonlijke verzorging/;

async function openFreeBoard(page: Page) {
	await page.goto('/student/boards');
	await expect(page.getByRole('heading', { level: 1, name: 'Keuzebord' })).toBeVisible();
	await expect(page.getByTestId('pick-rule')).toBeVisible();
	// The board switch (only with more than one board): its button, not another control naming the board.
	const switchTo = page.getByRole('group', { name: 'Kies een keuzebord' }).getByRole('button', { name: freeBoard });
	if (await switchTo.count()) await switchTo.click();
	const board = page.getByTestId('board');
	await expect(board.getByRole('heading', { level: 2, name: freeBoard })).toBeVisible();
	return board;
}

/** The card of an item by its exact title (stable while its buttons change). */
function cardOf(scope: Locator, title: string): Locator {
	return scope.getByTestId('item').filter({ has: scope.page().getByRole('heading', { name: title, exact: true }) });
}

/** The title of the first item in `level` that can still be picked, or null. */
async function pickableIn(level: Locator): Promise<string | null> {
	const card = level
		.getByTestId('item')
		.filter({ has: level.page().getByRole('button', { name: 'Kiezen', exact: true }) })
		.first();
	if (!(await card.count())) return null;
	return (await card.getByRole('heading').first().innerText()).trim();
}

async function pick(board: Locator, title: string, week: RegExp) {
	const card = cardOf(board, title);
	await card.getByRole('button', { name: 'Kiezen', exact: true }).click();
	await card.getByRole('radio', { name: week }).check();
	await card.getByRole('button', { name: 'Kies deze opdracht' }).click();
	return card;
}

test('Kevin picks two items on two levels, finishes one, rates it and sees he is ahead', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await signInWithForm(page, 'student4');
	const board = await openFreeBoard(page);
	await expect(page.getByTestId('pick-rule')).toContainText('Je mag zelf kiezen.');

	const titles: string[] = [];
	const levels = board.getByTestId('level');
	const count = await levels.count();
	for (let i = 0; i < count && titles.length < 2; i++) {
		const title = await pickableIn(levels.nth(i));
		if (!title) continue;
		// Planned for next week: finishing one this week puts Kevin ahead of his own plan.
		const card = await pick(board, title, /^volgende week/);
		await expect(card.getByRole('status').first()).toContainText('Gekozen');
		titles.push(title);
	}
	expect(titles, 'two pickable items on two levels').toHaveLength(2);

	const mine = page.locator('#mijn-keuzes');
	for (const title of titles) {
		const row = mine.getByTestId('choice').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
		await expect(row).toContainText('Gepland');
		await expect(row).toContainText('volgende week');
	}

	const row = mine.getByTestId('choice').filter({ has: page.getByRole('heading', { name: titles[0]!, exact: true }) });
	await row.getByRole('button', { name: 'Ik begin' }).click();
	await expect(row).toHaveAttribute('data-state', 'inProgress');
	await expect(row).toContainText('Bezig');
	// Beginning an assignment begins its learning cycle: the card leads there, and the cycle leads back.
	await row.getByRole('link', { name: 'Naar je leercyclus: Vooruitdenken' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leercyclus: Vooruitdenken');
	await page.getByRole('link', { name: `← Bij je opdracht: ${titles[0]}` }).click();
	await expect(page.getByRole('heading', { level: 1, name: titles[0]! })).toBeVisible();
	await page.goBack();
	await page.goBack();
	await expect(row).toHaveAttribute('data-state', 'inProgress');
	await row.getByRole('button', { name: 'Klaar', exact: true }).click();
	await expect(row).toHaveAttribute('data-state', 'done');

	// Rating: stars are radio buttons; their labels carry the words.
	await expect(row.getByRole('group', { name: 'Hoe vond je deze opdracht?' })).toBeVisible();
	await row.locator('label', { hasText: '4 sterren' }).click();
	await expect(row.getByRole('radio', { name: '4 sterren' })).toBeChecked();
	await row.getByLabel('Wat wil je erover kwijt? (mag leeg)').fill('Lekker praktisch, meer van dit.');
	await row.getByRole('button', { name: 'Beoordeling opslaan' }).click();
	await expect(row).toContainText('Jouw beoordeling');
	await expect(row).toContainText('4 van 5 sterren');
	await expect(row.getByTestId('receipt').first()).toContainText('Opgeslagen op de server', { timeout: 15_000 });

	const pace = mine.getByTestId('my-board').filter({ has: page.getByRole('heading', { level: 3, name: freeBoard }) }).getByTestId('pace');
	await expect(pace).toHaveAttribute('data-status', 'ahead');
	await expect(pace).toContainText('Voor op schema');
	await expect(pace.getByRole('progressbar')).toBeVisible();

	await expectNoAxeViolations(page, 'student boards (Kevin, after picking and rating)');

	// The item's own page shows the instructions and the choice.
	await row.getByRole('link', { name: titles[0]! }).click();
	await expect(page.getByRole('heading', { level: 1, name: titles[0]! })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Mijn keuze' })).toBeVisible();
	await expectNoAxeViolations(page, 'student item page (Kevin)');
	await context.close();
});

test('Samira (guided) picks with her coach: the pick waits for approval', async ({ page }) => {
	await signInWithForm(page, 'student3');
	const board = await openFreeBoard(page);
	await expect(page.getByTestId('pick-rule')).toContainText('Jij kiest samen met je coach: je coach keurt je keuze eerst goed.');

	const title = await pickableIn(board);
	expect(title, 'an item Samira can pick').toBeTruthy();
	const card = cardOf(board, title!);
	await card.getByRole('button', { name: 'Kiezen', exact: true }).click();
	await expect(card.getByText('Je coach keurt deze keuze eerst goed.')).toBeVisible();
	await expect(card.getByRole('radio', { name: /^deze week/ })).toBeChecked();
	await expectNoAxeViolations(page, 'student boards (Samira, pick form open)');
	await card.getByRole('button', { name: 'Kies deze opdracht' }).click();
	await expect(card.getByRole('status').first()).toContainText('Wacht op goedkeuring van je coach');

	const row = page
		.locator('#mijn-keuzes')
		.getByTestId('choice')
		.filter({ has: page.getByRole('heading', { name: title!, exact: true }) });
	await expect(row).toHaveAttribute('data-state', 'waiting');
	await expect(row).toContainText('Wacht op goedkeuring');
	await expect(row.getByRole('button', { name: 'Ik begin' })).toHaveCount(0);
	await expect(row).toContainText('Je kunt beginnen als je coach je keuze heeft goedgekeurd.');

	// Filters narrow the board and say how many are left.
	const levelFilter = board.getByLabel('Niveau', { exact: true });
	const firstLevel = await levelFilter.locator('option').nth(1).getAttribute('value');
	await levelFilter.selectOption(firstLevel!);
	await expect(board.getByTestId('level')).toHaveCount(1);
	await expect(board.getByRole('status').filter({ hasText: /^Opdrachten: \d+$/ })).toBeVisible();
	await board.getByRole('button', { name: 'Filters wissen' }).click();

	await expectNoAxeViolations(page, 'student boards (Samira)');
});
