import { randomUUID } from 'node:crypto';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demo, expectNoAxeViolations, unique } from './helpers';
import { addMembers, createGroup, createUser, signedIn } from './coach-helpers';

/**
 * Privacy in the browser: a coach reads a student's private intake note only on purpose and the
 * student sees that it happened; an admin downloads and erases a student; anyone signs out of every
 * device and changes their password. Each test makes its own people, so the demo school is untouched.
 */

async function people(browser: Parameters<typeof signedIn>[0], baseURL: string | undefined) {
	const tag = unique('');
	const coach = { displayName: `Priya Coach ${tag}`, username: `priya${tag}`, role: 'coach' as const, password: 'een-goed-wachtwoord' };
	const student = { displayName: `Lotte Leerling ${tag}`, username: `lotte${tag}`, role: 'student' as const, password: 'een-goed-wachtwoord' };
	const admin = await signedIn(browser, baseURL, demo.admin.username);
	await createUser(admin, coach);
	await createUser(admin, student);
	const group = `Privacygroep ${tag}`;
	await createGroup(admin, group);
	await addMembers(admin, group, [coach.username, student.username]);
	return { admin, coach, student, group };
}

async function idOf(page: Page): Promise<string> {
	const me = (await (await page.request.get('/api/me')).json()) as { user: { id: string } };
	return me.user.id;
}

test('a coach opens the private note only on purpose, and the student sees who read it and when', async ({ browser, baseURL }) => {
	const { admin, coach, student } = await people(browser, baseURL);
	await admin.context().close();

	const lotte = await signedIn(browser, baseURL, student.username, student.password, { width: 390, height: 844 });
	const note = `Thuis is het onrustig ${randomUUID().slice(0, 6)}`;
	const res = await lotte.request.post('/api/sync', {
		data: {
			cursor: null,
			ops: [{ opId: randomUUID(), entity: 'intake', id: randomUUID(), action: 'put', data: { interests: 'Ouderenzorg', privateNote: note, completedAt: new Date().toISOString() }, at: new Date().toISOString() }]
		}
	});
	expect(res.status()).toBe(200);
	const lotteId = await idOf(lotte);
	await lotte.goto('/student/intake');
	await expect(lotte.getByText('Nog niemand heeft je privénotitie gelezen.')).toBeVisible({ timeout: 20_000 });

	const priya = await signedIn(browser, baseURL, coach.username, coach.password);
	// The note does not travel to the coach's device with the intake.
	const pulled = await priya.request.post('/api/sync', { data: { cursor: null, ops: [] } });
	expect(await pulled.text()).not.toContain(note);
	await priya.goto(`/coach/students/${lotteId}`);
	await priya.getByRole('tab', { name: /Intake/ }).click();
	await expect(priya.getByText(note)).toHaveCount(0);
	await expectNoAxeViolations(priya, 'coach student intake with a hidden private note');
	await priya.getByRole('button', { name: 'Privénotitie — bekijken' }).click();
	await expect(priya.getByTestId('coach-private-note-text')).toHaveText(note);

	await lotte.reload();
	const log = lotte.getByRole('region', { name: 'Wie heeft je privénotitie gelezen?' }).or(lotte.getByText(/las je privénotitie/).locator('..'));
	await expect(lotte.getByText(new RegExp(`${coach.displayName} las je privénotitie`))).toBeVisible({ timeout: 20_000 });
	await expect(log.first()).toBeVisible();
	await expectNoAxeViolations(lotte, 'student intake with the access log');

	// Offline the list cannot be fetched; the page says so calmly instead of failing.
	await lotte.context().setOffline(true);
	await lotte.goto('/student/intake');
	await expect(lotte.getByTestId('access-log-offline')).toBeVisible({ timeout: 20_000 });
	await lotte.context().setOffline(false);
	await lotte.context().close();
	await priya.context().close();
});

test('an admin downloads a student’s data and erases the student; the coach no longer finds them', async ({ browser, baseURL }) => {
	const { admin, coach, student } = await people(browser, baseURL);
	const lotte = await signedIn(browser, baseURL, student.username, student.password);
	const goal = `Mijn doel ${randomUUID().slice(0, 6)}`;
	await lotte.request.post('/api/sync', {
		data: { cursor: null, ops: [{ opId: randomUUID(), entity: 'goal', id: randomUUID(), action: 'put', data: { title: goal }, at: new Date().toISOString() }] }
	});
	const lotteId = await idOf(lotte);

	await admin.goto('/admin/users');
	await admin.getByRole('link', { name: student.displayName }).click();
	await expect(admin.getByTestId('account-username')).toHaveText(student.username);
	await expectNoAxeViolations(admin, 'admin account page');

	const download = admin.waitForEvent('download');
	await admin.getByRole('link', { name: 'Download alle gegevens' }).click();
	const file = await download;
	const exported = JSON.parse(await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8')) as unknown;
	expect(JSON.stringify(exported)).toContain(goal);

	// A wrong confirmation erases nothing.
	await admin.getByLabel(`Typ de gebruikersnaam ${student.username} om te bevestigen`).fill('iemand-anders');
	await admin.getByRole('button', { name: 'Alles wissen' }).click();
	await expect(admin.getByText('De gebruikersnaam klopt niet. Er is niets gewist.')).toBeVisible();
	await admin.getByLabel(`Typ de gebruikersnaam ${student.username} om te bevestigen`).fill(student.username);
	await admin.getByRole('button', { name: 'Alles wissen' }).click();
	await expect(admin.getByText('Het account en alle gegevens zijn gewist.')).toBeVisible();
	await expect(admin.getByRole('link', { name: student.displayName })).toHaveCount(0);

	// The student's session is gone and the account cannot sign in again.
	expect((await lotte.request.get('/api/me')).status()).toBe(401);
	const again = await lotte.request.post('/api/auth/login', { data: { username: student.username, password: student.password } });
	expect(again.status()).toBe(401);

	// The coach's page for the student is gone, and their device is told to drop the records.
	const priya = await signedIn(browser, baseURL, coach.username, coach.password);
	expect((await priya.goto(`/coach/students/${lotteId}`))!.status()).toBe(404);
	const pulled = await priya.request.post('/api/sync', { data: { cursor: null, ops: [] } });
	expect(await pulled.text()).not.toContain(goal);
	await Promise.all([admin.context().close(), lotte.context().close(), priya.context().close()]);
});

test('signing out everywhere ends the session on every device; a common password is refused', async ({ browser, baseURL }) => {
	const { admin, student } = await people(browser, baseURL);
	await admin.context().close();
	const phone = await signedIn(browser, baseURL, student.username, student.password, { width: 390, height: 844 });
	const laptop = await signedIn(browser, baseURL, student.username, student.password);

	await laptop.goto('/account');
	await expect(laptop.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
	await expectNoAxeViolations(laptop, '/account');
	await laptop.getByLabel('Je huidige wachtwoord').fill(student.password);
	await laptop.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Wachtwoord123');
	await laptop.getByLabel('Nieuw wachtwoord nog een keer').fill('Wachtwoord123');
	await laptop.getByRole('button', { name: 'Wachtwoord veranderen' }).click();
	await expect(laptop.getByText('Dit wachtwoord gebruiken veel mensen.', { exact: false })).toBeVisible();

	await laptop.getByRole('button', { name: 'Overal uitloggen' }).click();
	await expect(laptop).toHaveURL(/\/login/);
	await expect(laptop.getByText('Je bent op al je apparaten uitgelogd.', { exact: false })).toBeVisible();
	expect((await phone.request.get('/api/me')).status()).toBe(401);
	await Promise.all([phone.context().close(), laptop.context().close()]);
});
