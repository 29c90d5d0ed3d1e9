import { expect, test } from './fixtures';
import { demo, expectNoAxeViolations, signInWithForm, unique } from './helpers';
import { addMembers, createGroup, createUser, openDemoGroup, signedIn } from './coach-helpers';

test('the group dashboard puts who needs the coach first, sorts, filters and opens a student', async ({ page }) => {
	await signInWithForm(page, 'coach1');
	await openDemoGroup(page);
	const table = page.getByRole('table');
	await expect(table.getByRole('row')).toHaveCount(25);
	// Noah stopped logging 12 days ago: he is among the first rows.
	const firstNames = await table.locator('tbody th a').allTextContents();
	expect(firstNames.slice(0, 3).some((n) => n.includes('Noah'))).toBe(true);
	await expectNoAxeViolations(page, 'coach group dashboard');

	await page.getByRole('button', { name: 'Student' }).click();
	await expect(table.getByRole('columnheader', { name: /Student/ })).toHaveAttribute('aria-sort', 'ascending');

	await page.getByLabel('Behoefte').selectOption('Rekenvaardigheid in de zorg');
	await expect(table.locator('tbody tr')).toHaveCount(3);
	await page.getByLabel('Behoefte').selectOption('');
	await page.getByLabel('Alleen achter op planning').check();
	await expect(page.getByText(/van 24 studenten/)).toBeVisible();

	await table.locator('tbody th a').first().click();
	await expect(page).toHaveURL(/\/coach\/students\//);
});

test('on a phone the dashboard shows cards', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signInWithForm(page, 'coach1');
	await openDemoGroup(page);
	// One card a student: the rows stack, each as wide as the screen allows; the column headers are
	// there for screen readers only (sorting is a select).
	const rows = page.getByRole('table').locator('tbody tr');
	await expect(rows).toHaveCount(24);
	await expect(page.getByRole('columnheader', { name: 'Fase' })).toHaveCount(1);
	expect((await page.getByRole('table').locator('thead').boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
	const [one, two] = [await rows.nth(0).boundingBox(), await rows.nth(1).boundingBox()];
	expect(one!.width).toBeGreaterThan(390 * 0.85);
	expect(two!.y).toBeGreaterThanOrEqual(one!.y + one!.height);
	// A card at a glance: who needs the coach and why, and what waits for them (a full card was ~380 px
	// tall: thirty of them a long scroll); the rest of the student's row opens under it.
	// "Meer" sits beside the name (on a line of its own it made every card ~250 px: two to a screen).
	expect(one!.height).toBeLessThan(200);
	const first = rows.first();
	const [name, more] = [await first.getByRole('link').first().boundingBox(), await first.getByRole('button', { name: /^Meer over / }).boundingBox()];
	expect(more!.y).toBeLessThan(name!.y + name!.height);
	expect(more!.x).toBeGreaterThan(name!.x + name!.width);
	const cells = first.locator('td');
	// Of the eight cells only the one with what waits (questions, picks to approve) shows.
	await expect(cells).toHaveCount(8);
	await expect(cells.filter({ visible: true })).toHaveCount(1);
	await expect(cells.first()).toBeHidden();
	await first.getByRole('button', { name: /^Meer over / }).click();
	await expect(cells.filter({ visible: true })).toHaveCount(8);
	await expect(first.getByRole('button', { name: /^Minder over / })).toHaveAttribute('aria-expanded', 'true');
	// A student for whom nothing waits: the folded card leaves out "Leervragen  Geen"; opened, it says it.
	// (No question and no pick waiting; the first card may well be one whose pick waits, opened above.)
	const quiet = rows
		.filter({ has: page.locator('td[data-label="Leervragen"]', { hasText: /^\s*Geen\b/ }) })
		.filter({ hasNot: page.getByText(/(wacht|wachten) op akkoord/) })
		.first();
	const nothingWaits = quiet.locator('td[data-label="Leervragen"] > span').first();
	await expect(nothingWaits).toBeHidden();
	expect((await quiet.boundingBox())!.height).toBeLessThan(one!.height);
	await quiet.getByRole('button', { name: /^Meer over / }).click();
	await expect(nothingWaits).toHaveText('Geen');
	await expect(nothingWaits).toBeVisible();
	// The students come first: the filters are folded away behind one button, which says when some are on.
	const toggle = page.getByRole('button', { name: /^Filters en sorteren/ });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(page.getByLabel('Behoefte')).toBeHidden();
	const firstCard = await rows.first().boundingBox();
	expect(firstCard!.y).toBeLessThan(844);
	await expectNoAxeViolations(page, 'coach group dashboard (phone)');
	await toggle.click();
	await page.getByLabel('Alleen achter op planning').check();
	await expect(page.getByText(/van 24 studenten/)).toBeVisible();
	await page.getByRole('button', { name: 'Filters verbergen' }).click();
	await expect(page.getByRole('button', { name: 'Filters en sorteren 1 aan' })).toHaveAttribute('aria-expanded', 'false');
	await expectNoAxeViolations(page, 'coach group dashboard (phone, filters open)');
});

test('a coach with one group lands on its dashboard; with a second group, on the list of groups', async ({ browser, baseURL }) => {
	// A coach of our own, so that no other spec changes how many groups they have.
	const coach = { displayName: 'Eva Eengroep', username: unique('eva'), role: 'coach' as const, password: 'een-goed-wachtwoord' };
	const first = unique('Eerste groep ');
	const second = unique('Tweede groep ');
	const admin = await signedIn(browser, baseURL, demo.admin.username);
	await createUser(admin, coach);
	await createGroup(admin, first);
	await addMembers(admin, first, [coach.username]);

	const eva = await signedIn(browser, baseURL, coach.username, coach.password);
	await expect(eva).toHaveURL('/coach');
	await expect(eva.getByRole('heading', { level: 1 })).toHaveText(first);
	await expect(eva.getByText(/^0 studenten · coaches: Eva Eengroep/)).toBeVisible();
	const nav = eva.getByRole('navigation', { name: 'Hoofdmenu' });
	await expect(nav.getByRole('link', { name: 'Mijn groepen' })).toHaveAttribute('aria-current', 'page');
	// The list of groups stays one click away.
	await eva.getByRole('link', { name: 'Alle groepen' }).click();
	await expect(eva).toHaveURL('/coach/groups');
	await expect(eva.getByRole('heading', { level: 1 })).toHaveText('Mijn groepen');
	await expect(eva.getByRole('main').getByRole('link')).toHaveText([first]);
	await expect(nav.getByRole('link', { name: 'Mijn groepen' })).toHaveAttribute('aria-current', 'page');

	await createGroup(admin, second);
	await addMembers(admin, second, [coach.username]);
	await nav.getByRole('link', { name: 'Mijn groepen' }).click();
	await expect(eva).toHaveURL('/coach');
	await expect(eva.getByRole('heading', { level: 1 })).toHaveText('Mijn groepen');
	await eva.getByRole('main').getByRole('link', { name: second, exact: true }).click();
	await expect(eva.getByRole('heading', { level: 1 })).toHaveText(second);
	await expectNoAxeViolations(eva, 'coach group dashboard of an empty group');
	await eva.context().close();
	await admin.context().close();
});

test.describe('on a phone (360 × 740)', () => {
	test.use({ viewport: { width: 360, height: 740 }, hasTouch: true });

	test('every coach menu item can be tapped, the rest sits under "Meer", and axe is clean with that menu open', async ({ page }) => {
		await signInWithForm(page, 'coach1');
		await page.goto('/coach/boards');
		const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
		const more = nav.locator('summary', { hasText: 'Meer' });
		// Three items and "Meer" fit the bottom bar; the other three wait in the menu.
		await expect(nav.getByRole('link')).toHaveText(['Mijn groepen', 'Goedkeuren', 'Keuzeborden']);
		await expect(more).toBeVisible();
		// The account sits behind the coach's initial in the header, which stays one row.
		await page.getByRole('button', { name: /: account, taal en uitloggen$/ }).tap();
		await expect(page.getByRole('link', { name: 'Mijn account' })).toHaveAttribute('href', '/account');
		await page.keyboard.press('Escape');

		const destinations = [
			['Mijn groepen', '/coach', false],
			['Goedkeuren', '/coach/approvals', false],
			['Behoeften', '/coach/needs', true],
			['Dekking', '/coach/coverage', true],
			['Aandacht', '/coach/attention', true],
			['Keuzeborden', '/coach/boards', false]
		] as const;
		for (const [label, path, inMenu] of destinations) {
			if (inMenu) {
				await more.tap();
				await expect(nav.getByTestId('nav-more')).toBeVisible();
			}
			const link = nav.getByRole('link', { name: label });
			const box = await link.boundingBox();
			expect(box!.height, `${label} is a 44 px target`).toBeGreaterThanOrEqual(44);
			await link.tap();
			await expect(page).toHaveURL(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			// The menu closes on the new page; the item of this page is marked as the current one.
			await expect(nav.getByTestId('nav-more')).toBeHidden();
			if (inMenu) await more.tap();
			await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
			if (inMenu) await page.keyboard.press('Escape');
		}

		// Open, the menu is axe-clean and works with the keyboard: Escape closes it and returns to "Meer".
		await more.tap();
		await expect(nav.getByRole('link', { name: 'Aandacht' })).toBeVisible();
		await expectNoAxeViolations(page, 'coach bottom bar with "Meer" open');
		await nav.getByRole('link', { name: 'Behoeften' }).focus();
		await page.keyboard.press('Escape');
		await expect(nav.getByTestId('nav-more')).toBeHidden();
		await expect(more).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(nav.getByTestId('nav-more')).toBeVisible();
		await page.keyboard.press('Tab');
		await expect(nav.getByRole('link', { name: 'Behoeften' })).toBeFocused();
	});
});
