import { expect, type Browser, type Page } from '@playwright/test';
import { demo, signInWithForm } from './helpers';

/**
 * Helpers of the coach specs. Other specs may give coach1 more groups, so the coach specs open the
 * demo group from the list of all groups (/coach/groups) instead of relying on /coach.
 */

/** Opens the demo group's dashboard as the signed-in coach. */
export async function openDemoGroup(page: Page) {
	await page.goto('/coach/groups');
	await page.getByRole('main').getByRole('link', { name: demo.group, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: demo.group })).toBeVisible();
}

/** A person signed in on a browser of their own (close it with `page.context().close()`). */
export async function signedIn(browser: Browser, baseURL: string | undefined, username: string, password?: string, viewport = { width: 1200, height: 800 }) {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport });
	const page = await context.newPage();
	await signInWithForm(page, username, password);
	return page;
}

/** The admin creates a group through /admin/groups. */
export async function createGroup(admin: Page, name: string) {
	await admin.goto('/admin/groups');
	await admin.locator('#name').fill(name);
	await admin.getByRole('button', { name: 'Groep maken' }).click();
	await expect(admin.getByRole('main').getByRole('status')).toContainText(`Groep ${name} is gemaakt.`);
}

/** The admin creates an account with a chosen password through /admin/users. */
export async function createUser(admin: Page, fields: { displayName: string; username: string; role: 'student' | 'coach'; password: string }) {
	await admin.goto('/admin/users');
	await admin.getByText('Nieuwe gebruiker').click();
	await admin.locator('#displayName').fill(fields.displayName);
	await admin.locator('#username').fill(fields.username);
	await admin.locator('#role').selectOption(fields.role);
	await admin.locator('#password').fill(fields.password);
	await admin.getByRole('button', { name: 'Gebruiker maken' }).click();
	await expect(admin.getByText(`Gebruiker ${fields.username} is gemaakt.`)).toBeVisible();
}

async function openGroup(admin: Page, group: string) {
	await admin.goto('/admin/groups');
	await admin.getByRole('link', { name: group, exact: true }).click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(group);
}

/** The admin puts these accounts (by username) in the group. */
export async function addMembers(admin: Page, group: string, usernames: string[]) {
	await openGroup(admin, group);
	for (const username of usernames) {
		const option = admin.locator('#userId option', { hasText: `(${username})` });
		await admin.locator('#userId').selectOption((await option.getAttribute('value'))!);
		await admin.getByRole('button', { name: 'Toevoegen' }).click();
		await expect(admin.locator('#userId option', { hasText: `(${username})` })).toHaveCount(0);
	}
}

/** The admin takes someone (by display name) out of the group again. */
export async function removeMember(admin: Page, group: string, displayName: string) {
	await openGroup(admin, group);
	const remove = admin.getByRole('button', { name: `${displayName} uit de groep halen` });
	await remove.click();
	await expect(remove).toHaveCount(0);
}

/** The boards in the signed-in user's scope, as the sync endpoint sends them (every page of the answer). */
export async function boardsOnServer(page: Page): Promise<{ id: string; title: string; groupIds: string[] }[]> {
	type Change = { entity: string; id: string; deleted: boolean; data: { title?: string; groupIds?: string[] } | null };
	const boards = new Map<string, { id: string; title: string; groupIds: string[] }>();
	let cursor: string | null = null;
	for (let round = 0; round < 50; round++) {
		const res = await page.request.post('/api/sync', { data: { cursor, ops: [] } });
		expect(res.status()).toBe(200);
		const answer = (await res.json()) as { cursor: string; changes: Change[]; more?: boolean };
		for (const c of answer.changes.filter((x) => x.entity === 'board')) {
			if (c.deleted || !c.data) boards.delete(c.id);
			else boards.set(c.id, { id: c.id, title: c.data.title ?? '', groupIds: c.data.groupIds ?? [] });
		}
		cursor = answer.cursor;
		if (!answer.more) break;
	}
	return [...boards.values()];
}
