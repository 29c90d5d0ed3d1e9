import { expect, test } from './fixtures';
import { demo, expectNoAxeViolations, signInWithForm, unique } from './helpers';
import { addMembers, createGroup, createUser, openDemoGroup, signedIn } from './coach-helpers';

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

test('a suggested item leaves the student something to do: the note, the item, and picking it in one tap', async ({ browser, baseURL }) => {
	// Three people on their own browsers, set up through the admin pages: more than a minute on a busy machine.
	test.setTimeout(180_000);
	// A group of our own: a coach, and a student without an autonomy level (guided: every pick waits).
	const tag = unique('');
	const coachAccount = { displayName: 'Carla Coach', username: `carla${tag}`, role: 'coach' as const, password: 'een-goed-wachtwoord' };
	const studentAccount = { displayName: 'Sem Suggestie', username: `sem${tag}`, role: 'student' as const, password: 'een-goed-wachtwoord' };
	const group = `Voorstelgroep ${tag}`;
	const admin = await signedIn(browser, baseURL, demo.admin.username);
	await createUser(admin, coachAccount);
	await createUser(admin, studentAccount);
	await createGroup(admin, group);
	await addMembers(admin, group, [coachAccount.username, studentAccount.username]);
	await admin.context().close();

	// The coach makes a board with two items for the group.
	const coach = await signedIn(browser, baseURL, coachAccount.username, coachAccount.password);
	const board = `Bloeddruk ${tag}`;
	const first = 'Bloeddruk meten bij een collega';
	const better = 'Theorie: waarom meet je bloeddruk?';
	await coach.goto('/coach/boards');
	await coach.getByRole('button', { name: 'Nieuw bord' }).click();
	await coach.getByLabel('Titel').fill(board);
	await coach.getByRole('checkbox', { name: group }).check();
	await coach.getByRole('button', { name: 'Bord bewaren' }).click();
	for (const item of [first, better]) {
		await coach.getByRole('button', { name: 'Nieuwe opdracht' }).click();
		await coach.getByLabel('Titel', { exact: true }).last().fill(item);
		await coach.getByRole('button', { name: 'Opdracht bewaren' }).click();
		await expect(coach.getByRole('table', { name: `Opdrachten van ${board}` })).toContainText(item);
	}
	await coach.getByRole('button', { name: 'Publiceren voor studenten' }).click();
	await expect(coach.getByRole('status').filter({ hasText: 'Gepubliceerd.' })).toBeVisible();
	await expect(coach.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });

	// The student picks the first item; it waits for the coach.
	const student = await signedIn(browser, baseURL, studentAccount.username, studentAccount.password, { width: 390, height: 844 });
	await student.goto('/student/boards');
	const firstCard = student.getByTestId('item').filter({ has: student.getByRole('heading', { name: first, exact: true }) });
	await expect(firstCard).toBeVisible({ timeout: 20_000 });
	await firstCard.getByRole('button', { name: 'Kiezen', exact: true }).click();
	await firstCard.getByRole('button', { name: 'Kies deze opdracht' }).click();
	await expect(firstCard.getByRole('status').first()).toContainText('Wacht op goedkeuring van je coach');
	await expect(student.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });

	// The coach suggests the other item, with a note.
	await coach.goto('/coach/approvals');
	const pick = coach.getByTestId('approval-pick').filter({ has: coach.getByRole('heading', { name: studentAccount.displayName }) });
	await expect(pick).toBeVisible({ timeout: 20_000 });
	await expect(pick).toContainText(first);
	await expect(pick.getByTestId('pick-waiting')).toHaveText('Vandaag gekozen');
	await pick.getByRole('button', { name: /^Andere opdracht voorstellen/ }).click();
	const option = pick.getByLabel('Voorgestelde opdracht').locator('option', { hasText: better });
	await pick.getByLabel('Voorgestelde opdracht').selectOption((await option.getAttribute('value'))!);
	const note = 'Begin met de theorie, dan weet je waar je op let.';
	await pick.getByLabel(`Toelichting voor ${studentAccount.displayName}`).fill(note);
	await pick.getByRole('button', { name: 'Voorstel sturen' }).click();
	await expect(coach.getByRole('status').getByText(`Je voorstel is naar ${studentAccount.displayName} gestuurd.`)).toBeVisible();
	await expect(coach.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });

	// The student sees the note and the suggested item at the top of the board page, and picks it in one tap.
	await student.reload();
	const suggestion = student.getByRole('region', { name: 'Je coach stelt iets anders voor' });
	await expect(suggestion).toBeVisible({ timeout: 20_000 });
	await expect(suggestion).toContainText(`In plaats van: ${first}`);
	await expect(suggestion).toContainText(`${coachAccount.displayName} schreef:`);
	await expect(suggestion).toContainText(note);
	await expect(suggestion.getByRole('link', { name: better })).toBeVisible();
	await expectNoAxeViolations(student, 'student boards with a suggestion of the coach');
	// The button's name ends in the item's title (visually hidden, read out by screen readers).
	await suggestion.getByRole('button', { name: /^Kies deze opdracht\s*:\s*Theorie: waarom meet je bloeddruk\?$/ }).click();
	await expect(student.getByRole('status').filter({ hasText: `Je hebt ${better} gekozen.` })).toBeVisible();
	await expect(suggestion).toHaveCount(0);
	const row = student.locator('#mijn-keuzes').getByTestId('choice').filter({ has: student.getByRole('heading', { name: better, exact: true }) });
	await expect(row).toHaveAttribute('data-state', 'waiting');
	await expect(student.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });

	// The new pick is in the coach's queue.
	await coach.reload();
	await expect(coach.getByTestId('approval-pick').filter({ hasText: better })).toBeVisible({ timeout: 20_000 });
	await student.context().close();
	await coach.context().close();
});

test('the autonomy proposal names the same pace as the dashboard, and an approval card the same wait, for every student of the group', async ({ page }) => {
	await signInWithForm(page, 'coach1');
	await openDemoGroup(page);
	const rows = page.getByRole('table').locator('tbody tr');
	await expect(rows).toHaveCount(24);
	const dashboard = new Map<string, string>();
	/** Who waits for an approval, and how long by the dashboard ("Keur Noahs keuze goed (wacht al 8 schooldagen)"). */
	const waits = new Map<string, number>();
	for (const row of await rows.all()) {
		const name = (await row.locator('th a').innerText()).trim();
		dashboard.set(name, (await row.locator('.pace').innerText()).trim());
		const wait = /keuze goed \(wacht al (\d+) schooldag/.exec(await row.locator('th').innerText());
		if (wait) waits.set(name, Number(wait[1]));
	}

	await page.goto('/coach/approvals');
	const students = page.getByRole('region', { name: 'Zelfstandigheid' }).getByTestId('autonomy-student');
	expect(dashboard.size).toBe(24);
	for (const [name, pace] of dashboard) {
		// Waits for the device's copy of the records: the proposal is worked out from them.
		await expect(students.filter({ hasText: name }).first(), name).toContainText(`Tempo nu: ${pace}.`);
	}
	// A pick's waiting time is the same number on its approval card.
	expect(waits.size).toBeGreaterThan(0);
	const cards = page.getByTestId('approval-pick');
	for (const [name, days] of waits) await expect(cards.filter({ hasText: name }).first(), name).toContainText(`Wacht al ${days} schooldag`);
});
