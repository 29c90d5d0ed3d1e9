import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addGoal, expectNoAxeViolations, signInWithForm, unique } from './helpers';
import { openDemoGroup } from './coach-helpers';

/**
 * On a phone nothing may be wider than the screen: a phone's browser then zooms the whole page out to
 * fit it (everything smaller, and a sideways wobble under the thumb). Seen before these tests: the
 * cycle's three steps (360 px of names in a 390 px screen), the dashboard's cards (each as wide as
 * its longest line) and the coverage table's hidden labels (which escaped its scroll box).
 */

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function phonePage(browser: Browser, username: string): Promise<Page> {
	const context = await browser.newContext(phone);
	const page = await context.newPage();
	await signInWithForm(page, username);
	return page;
}

/** The page's layout width: the screen's, unless something wider made the browser zoom out. */
async function expectScreenWide(page: Page) {
	const widths = await page.evaluate(() => ({ layout: window.innerWidth, page: document.documentElement.scrollWidth }));
	expect(widths, page.url()).toEqual({ layout: 360, page: 360 });
}

test('a student’s pages, the learning cycle included, fit a 360 px phone', async ({ browser }) => {
	const page = await phonePage(browser, 'student10');
	for (const path of ['/student', '/student/goals', '/student/boards', '/student/portfolio']) {
		await page.goto(path);
		await expectScreenWide(page);
	}
	await page.goto('/student/goals');
	// The sync status opens a panel that explains it: all of it on the screen.
	await page.getByTestId('online-status').click();
	const panel = await page.getByTestId('sync-panel').boundingBox();
	expect(panel, 'the sync panel is shown').not.toBeNull();
	expect({ left: Math.round(panel!.x), right: Math.round(panel!.x + panel!.width) }).toEqual({ left: 12, right: 348 });
	await expectScreenWide(page);
	await page.getByTestId('online-status').click();
	const title = unique('Overdracht oefenen ');
	await addGoal(page, title);
	await page.getByRole('link', { name: `Open: ${title}` }).click();
	// The way back is a thumb-sized target, not just its line of text.
	expect((await page.getByRole('link', { name: '← Alle leerdoelen' }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
	await page.getByRole('button', { name: 'Begin een nieuwe cyclus' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Vooruitdenken');
	await expectScreenWide(page);
	// The step it is at is named; the others keep their names for a screen reader.
	await expect(page.getByRole('list', { name: /stappen/i }).getByRole('listitem')).toHaveText([/Vooruitdenken/, /Doen/, /Terugkijken/]);
	await page.context().close();
});

test('a coach’s dashboard cards and the coverage table fit a 360 px phone', async ({ browser }) => {
	const page = await phonePage(browser, 'coach1');
	for (const path of ['/coach', '/coach/coverage', '/coach/attention', '/coach/boards']) {
		await page.goto(path);
		await expectScreenWide(page);
	}
	await page.context().close();
});

test('a coach’s feedback form and a student’s autonomy (with its history table) fit a 360 px phone', async ({ browser }) => {
	const page = await phonePage(browser, 'coach1');
	// Feedback on a goal: the templates (long sentences) wrap or shorten within the card.
	await openDemoGroup(page);
	await page.getByRole('main').getByRole('link', { name: /Daan Visser/ }).first().click();
	const goal = page.getByTestId('coach-goal').first();
	await goal.locator('details.composer > summary').first().click();
	await expect(goal.getByRole('radio', { name: /Feedforward/ })).toBeVisible();
	await expectScreenWide(page);
	// Autonomy: the two choices and the history table stay within the screen (the table scrolls in its box).
	await page.goto('/coach/approvals');
	const student = page.getByRole('region', { name: 'Zelfstandigheid' }).getByTestId('autonomy-student').last();
	await student.locator('summary').click();
	await expect(student.getByRole('table').locator('tbody tr').first()).toBeVisible();
	await expectScreenWide(page);
	await page.context().close();
});

test('on a phone the header is one row; the account, the language and signing out sit behind the initial', async ({ browser }) => {
	const page = await phonePage(browser, 'student10');
	const header = page.locator('header.bar');
	// Logo, sync status and the initial: one row, so a student typing with the keyboard open keeps the room.
	expect((await header.boundingBox())!.height).toBeLessThan(70);
	await expect(page.getByRole('button', { name: 'Uitloggen', exact: true })).toBeHidden();
	const menu = page.getByRole('button', { name: /: account, taal en uitloggen$/ });
	await menu.click();
	await expect(page.getByRole('link', { name: 'Mijn account' })).toBeVisible();
	await expectNoAxeViolations(page, '/student on a phone, account menu open');
	// Escape closes it again and leaves the focus on the initial.
	await page.keyboard.press('Escape');
	await expect(page.getByRole('button', { name: 'Uitloggen', exact: true })).toBeHidden();
	await expect(menu).toBeFocused();
	// "Mijn account" opens the account page and closes the menu; there, the menu marks it as the page shown
	// (as the bottom bar does).
	await menu.click();
	await page.getByRole('link', { name: 'Mijn account' }).click();
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByRole('button', { name: 'Uitloggen', exact: true })).toBeHidden();
	await menu.click();
	const here = page.getByRole('banner').getByRole('link', { name: 'Mijn account' });
	await expect(here).toHaveAttribute('aria-current', 'page');
	expect(await here.evaluate((a) => getComputedStyle(a).boxShadow)).not.toBe('none');
	await page.keyboard.press('Escape');
	await page.getByRole('link', { name: 'Start' }).click();
	await expect(page).toHaveURL(/\/student$/);
	// From the menu: to English (the page stays the student's home), then signing out.
	await menu.click();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Hi');
	expect((await header.boundingBox())!.height).toBeLessThan(70);
	await page.getByRole('button', { name: /: account, language and sign out$/ }).click();
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.context().close();
});
