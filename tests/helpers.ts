import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Every demo account has this password. */
export const demoPassword = 'koers-demo';

export const demo = {
	student: { username: 'student1', name: 'Daan Visser', first: 'Daan' },
	coach: { username: 'coach1', name: 'Marieke van den Berg' },
	admin: { username: 'admin', name: 'Ingrid Hoekstra' },
	group: 'Zorg en Welzijn 2A',
	school: 'ROC De Koers (demo)'
} as const;

/**
 * What the header indicator says while the network is there: plain "Online", or, in the areas that
 * sync, that everything is saved or being saved. Offline it always starts with "Offline".
 */
export const onlineLabel = /^\s*(Online|Alles opgeslagen|Bezig met opslaan…|All saved|Saving…)\s*$/;
export const offlineLabel = /^\s*Offline\b/;

/** A name nobody else in this run uses (the database lives for the whole run). */
export function unique(prefix: string): string {
	return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Signs in through the login form, the way a person does, and waits until the form has gone. */
export async function signInWithForm(page: Page, username: string, password = demoPassword, path = '/login') {
	await page.goto(path);
	await page.locator('#username').fill(username);
	await page.locator('#password').fill(password);
	await page.getByRole('button', { name: /^(Inloggen|Sign in)$/ }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
}

/** A student adds a learning goal on the goals page and sees it in the list. */
export async function addGoal(page: Page, title: string, why = '') {
	await page.getByRole('button', { name: 'Nieuw leerdoel' }).click();
	await page.locator('#new-title').fill(title);
	if (why) await page.locator('#new-why').fill(why);
	await page.getByRole('button', { name: 'Leerdoel opslaan' }).click();
	await expect(page.getByTestId('goal').filter({ hasText: title })).toBeVisible();
}

/** Signs in through the JSON API: quicker, for tests whose subject is not the sign-in itself. */
export async function signInWithApi(page: Page, username: string, password = demoPassword) {
	const res = await page.request.post('/api/auth/login', { data: { username, password } });
	expect(res.status(), `sign-in of ${username}`).toBe(200);
	return (await res.json()) as { ok: boolean; home: string };
}

/** The wcag 2.0/2.1 A and AA rules; fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, label: string) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const summary = results.violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help}\n` +
			v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`).join('\n')
	);
	if (summary.length) console.log(`axe violations on ${label}:\n${summary.join('\n')}`);
	expect(summary, `axe violations on ${label}`).toEqual([]);
}
