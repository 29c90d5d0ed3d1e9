import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demo, signInWithApi, signInWithForm, unique } from './helpers';

/** Signs a person in on a browser of their own and returns that page. */
async function asPerson(browser: Browser, baseURL: string | undefined, username: string, password: string) {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: { width: 1200, height: 800 } });
	const page = await context.newPage();
	await signInWithForm(page, username, password);
	return page;
}

async function createUser(page: Page, fields: { displayName: string; username: string; role?: string; password?: string }) {
	await page.goto('/admin/users');
	await page.getByText('Nieuwe gebruiker').click();
	await page.locator('#displayName').fill(fields.displayName);
	await page.locator('#username').fill(fields.username);
	if (fields.role) await page.locator('#role').selectOption(fields.role);
	if (fields.password) await page.locator('#password').fill(fields.password);
	await page.getByRole('button', { name: 'Gebruiker maken' }).click();
}

/** The table row of one user on /admin/users. */
const userRow = (page: Page, username: string) =>
	page.getByRole('table').locator('tbody tr', { has: page.getByRole('cell', { name: username, exact: true }) });

test.describe('the admin manages the roster', () => {
	test.use({ viewport: { width: 1200, height: 800 } });

	test.beforeEach(async ({ page }) => {
		await signInWithApi(page, demo.admin.username);
	});

	test('the overview shows the school and its counts', async ({ page }) => {
		await page.goto('/admin');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(demo.school);
		const counts = page.locator('main li.card');
		await expect(counts.filter({ hasText: 'studenten' }).locator('strong')).toHaveText(/^\d+$/);
		expect(Number(await counts.filter({ hasText: 'studenten' }).locator('strong').textContent())).toBeGreaterThanOrEqual(24);
		expect(Number(await counts.filter({ hasText: 'coaches' }).locator('strong').textContent())).toBeGreaterThanOrEqual(2);
		expect(Number(await counts.filter({ hasText: 'groepen' }).locator('strong').textContent())).toBeGreaterThanOrEqual(1);
		await page.getByRole('link', { name: 'Naar importeren' }).click();
		await expect(page).toHaveURL('/admin/import');
	});

	test('creating a user without a password shows a generated one that works once handed over', async ({ page, browser, baseURL }) => {
		const username = unique('femke');
		await createUser(page, { displayName: 'Femke Jansen', username });
		await expect(page.getByText(`Gebruiker ${username} is gemaakt.`)).toBeVisible();
		const password = (await page.getByTestId('new-password').textContent())!.trim();
		expect(password.length).toBeGreaterThanOrEqual(10);
		await expect(page.getByText('Je ziet het maar één keer')).toBeVisible();
		await expect(userRow(page, username)).toContainText('Femke Jansen');
		await expect(userRow(page, username)).toContainText('student');

		// The list filter finds her.
		await page.locator('#filter').fill('femke jansen');
		await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(1);

		const femke = await asPerson(browser, baseURL, username, password);
		await expect(femke).toHaveURL('/student');
		await expect(femke.getByRole('heading', { level: 1 })).toHaveText('Hoi Femke!');
		await expect(femke.getByText('Je zit nog niet in een groep')).toBeVisible();
		await femke.context().close();
	});

	test('a coach created with a chosen password signs in to the coach area', async ({ page, browser, baseURL }) => {
		const username = unique('coach-');
		await createUser(page, { displayName: 'Pieter Coach', username, role: 'coach', password: 'een-goed-wachtwoord' });
		await expect(page.getByText(`Gebruiker ${username} is gemaakt.`)).toBeVisible();
		await expect(page.getByTestId('new-password')).toHaveCount(0);
		await expect(userRow(page, username)).toContainText('coach');

		const coach = await asPerson(browser, baseURL, username, 'een-goed-wachtwoord');
		await expect(coach).toHaveURL('/coach');
		await expect(coach.getByText('Je coacht nog geen groep')).toBeVisible();
		await coach.context().close();
	});

	test('wrong input for a new user is explained next to the fields and nothing is created', async ({ page }) => {
		await createUser(page, { displayName: '', username: 'Geen Goede Naam', password: 'kort' });
		await expect(page.locator('#displayName-error')).toHaveText('Vul een naam in.');
		await expect(page.locator('#username-error')).toContainText('Een gebruikersnaam heeft 2 tot 63 tekens');
		await expect(page.locator('#password-error')).toHaveText('Een wachtwoord heeft minstens 10 tekens.');
		await expect(page.locator('#username')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.locator('#username')).toHaveValue('Geen Goede Naam');
		// The form stays open so the admin can fix it.
		await expect(page.locator('#displayName')).toBeVisible();
		await expect(page.getByText('is gemaakt')).toHaveCount(0);

		// A username that exists already.
		await createUser(page, { displayName: 'Nog een Daan', username: 'student1' });
		await expect(page.getByRole('alert')).toContainText('Deze gebruikersnaam bestaat al');
		await expect(userRow(page, 'student1')).toContainText('Daan Visser');
	});

	test('resetting a password asks first, shows the new one and signs the person out everywhere', async ({ page, browser, baseURL }) => {
		const username = unique('reset');
		await createUser(page, { displayName: 'Ruud Reset', username, password: 'oud-wachtwoord-1' });
		await expect(page.getByText(`Gebruiker ${username} is gemaakt.`)).toBeVisible();
		const ruud = await asPerson(browser, baseURL, username, 'oud-wachtwoord-1');
		await expect(ruud.getByRole('heading', { level: 1 })).toHaveText('Hoi Ruud!');

		const resetButton = page.getByRole('button', { name: 'Nieuw wachtwoord voor Ruud Reset' });
		// Cancelling the question changes nothing.
		page.once('dialog', (d) => void d.dismiss());
		await resetButton.click();
		await expect(page.getByTestId('new-password')).toHaveCount(0);

		let question = '';
		page.once('dialog', (d) => {
			question = d.message();
			void d.accept();
		});
		await resetButton.click();
		await expect(page.getByTestId('new-password')).toBeVisible();
		expect(question).toContain('Ruud Reset krijgt een nieuw wachtwoord');
		await expect(page.getByText(`Nieuw wachtwoord voor ${username}:`)).toBeVisible();
		const fresh = (await page.getByTestId('new-password').textContent())!.trim();
		expect(fresh).not.toBe('oud-wachtwoord-1');

		// Ruud's open session has ended.
		await ruud.reload();
		await expect(ruud).toHaveURL(/\/login\?next=%2Fstudent/);
		// The old password no longer works (one deliberate failure), the new one does.
		await ruud.locator('#username').fill(username);
		await ruud.locator('#password').fill('oud-wachtwoord-1');
		await ruud.getByRole('button', { name: 'Inloggen' }).click();
		await expect(ruud.getByRole('alert')).toContainText('Gebruikersnaam of wachtwoord klopt niet');
		await ruud.locator('#password').fill(fresh);
		await ruud.getByRole('button', { name: 'Inloggen' }).click();
		await expect(ruud).toHaveURL('/student');
		await ruud.context().close();
	});

	test('the admin creates a group, adds a coach and a student, and takes the student out again', async ({ page }) => {
		const name = unique('Testgroep ');
		await page.goto('/admin/groups');
		await expect(page.getByRole('heading', { level: 2, name: demo.group })).toBeVisible();

		// An empty name is refused.
		await page.getByRole('button', { name: 'Groep maken' }).click();
		await expect(page.locator('#name-error')).toHaveText('Vul een naam voor de groep in.');

		await page.locator('#name').fill(name);
		await page.getByRole('button', { name: 'Groep maken' }).click();
		await expect(page.getByRole('main').getByRole('status')).toContainText(`Groep ${name} is gemaakt.`);
		const card = page.locator('li.card', { has: page.getByRole('heading', { name, exact: true }) });
		await expect(card).toContainText('Studenten: 0');
		await expect(card).toContainText('Nog geen coach');

		// The same name twice is refused.
		await page.locator('#name').fill(name);
		await page.getByRole('button', { name: 'Groep maken' }).click();
		await expect(page.getByText('Er is al een groep met deze naam.')).toBeVisible();

		await page.goto('/admin/groups');
		await page.getByRole('link', { name, exact: true }).click();
		await expect(page).toHaveURL(/\/admin\/groups\/[0-9a-f-]{36}$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
		await expect(page.getByRole('heading', { name: 'Studenten (0)' })).toBeVisible();

		// Add coach2 and student22 (accounts no other test depends on here).
		for (const username of ['coach2', 'student22']) {
			const option = page.locator('#userId option', { hasText: `(${username})` });
			await page.locator('#userId').selectOption((await option.getAttribute('value'))!);
			await page.getByRole('button', { name: 'Toevoegen' }).click();
			await expect(page.locator('#userId option', { hasText: `(${username})` })).toHaveCount(0);
		}
		await expect(page.getByRole('heading', { name: 'Coaches (1)' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Studenten (1)' })).toBeVisible();
		await expect(page.getByText('Ahmed Yousfi')).toBeVisible();
		await expect(page.getByText('Thijs Willems')).toBeVisible();

		// The overview and the user list agree.
		await page.goto('/admin/groups');
		await expect(card).toContainText('Studenten: 1');
		await expect(card).toContainText('Coaches: Ahmed Yousfi');
		await page.goto('/admin/users');
		await expect(userRow(page, 'student22')).toContainText(name);

		// Take both out again.
		await page.goto('/admin/groups');
		await page.getByRole('link', { name, exact: true }).click();
		await page.getByRole('button', { name: 'Thijs Willems uit de groep halen' }).click();
		await expect(page.getByRole('heading', { name: 'Studenten (0)' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Thijs Willems uit de groep halen' })).toHaveCount(0);
		await expect(page.locator('#userId option', { hasText: '(student22)' })).toHaveCount(1);
		await page.getByRole('button', { name: 'Ahmed Yousfi uit de groep halen' }).click();
		await expect(page.getByRole('heading', { name: 'Coaches (0)' })).toBeVisible();
		await page.goto('/admin/users');
		await expect(userRow(page, 'student22')).not.toContainText(name);
		await expect(userRow(page, 'student22')).toContainText(demo.group);
	});

	test('a roster file (semicolons, BOM, Windows line ends, diacritics) creates accounts, a group and first passwords', async ({ page, browser, baseURL }) => {
		const tag = unique('');
		const group = `Import ${tag}`;
		const student = `zoe${tag}`;
		const coach = `coach${tag}`;
		const csv =
			'\uFEFFusername;name;role;group\r\n' +
			`${student};Zoë Ångström-Çelik;student;${group}\r\n` +
			`${coach};Joëlle Coach;docent;${group}\r\n` +
			'\r\n';
		await page.goto('/admin/import');
		await page.locator('#file').setInputFiles({ name: 'klas.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
		await page.getByRole('button', { name: 'Importeren' }).click();

		await expect(page.getByRole('main').getByRole('status')).toContainText('Klaar. Nieuwe accounts: 2. Bijgewerkte accounts: 0.');
		await expect(page.getByRole('main').getByRole('status')).toContainText(`Nieuwe groepen: ${group}`);
		await expect(page.getByRole('alert')).toHaveCount(0);
		const table = page.getByRole('table');
		await expect(table.locator('tbody tr')).toHaveCount(2);
		const zoeRow = table.locator('tbody tr', { hasText: student });
		await expect(zoeRow).toContainText('Zoë Ångström-Çelik');
		await expect(zoeRow).toContainText('student');
		await expect(table.locator('tbody tr', { hasText: coach })).toContainText('coach');
		const password = (await zoeRow.locator('td').nth(3).textContent())!.trim();
		expect(password.length).toBeGreaterThanOrEqual(10);

		await page.goto('/admin/users');
		await expect(userRow(page, student)).toContainText('Zoë Ångström-Çelik');
		await expect(userRow(page, student)).toContainText(group);
		await expect(userRow(page, coach)).toContainText('Joëlle Coach');

		// Zoë signs in with her first password and sees her new group and coach.
		const zoe = await asPerson(browser, baseURL, student, password);
		await expect(zoe.getByRole('heading', { level: 1 })).toHaveText('Hoi Zoë!');
		await expect(zoe.getByRole('heading', { name: group })).toBeVisible();
		await expect(zoe.getByText('Je coaches: Joëlle Coach')).toBeVisible();
		await zoe.context().close();

		// Importing the same people again (pasted, with commas) updates them and creates nobody.
		await page.goto('/admin/import');
		await page.locator('#text').fill(`username,name,role,group\n${student},Zoë Çelik,student,${group}\n`);
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('main').getByRole('status')).toContainText('Klaar. Nieuwe accounts: 0. Bijgewerkte accounts: 1.');
		await expect(page.getByText('Eerste wachtwoorden')).toHaveCount(0);
		await page.goto('/admin/users');
		await expect(userRow(page, student)).toContainText('Zoë Çelik');
	});

	test('a roster file with bad lines imports nothing and says which lines are wrong', async ({ page }) => {
		const tag = unique('');
		const group = `Fout ${tag}`;
		const good = `goed${tag}`;
		const csv = [
			'gebruikersnaam;naam;rol;groep',
			`${good};Goede Regel;student;${group}`,
			`Foute Naam;Iemand;student;${group}`,
			`ander${tag};Nog Iemand;directeur;${group}`,
			`leeg${tag};;student;${group}`,
			`${good};Dubbel;student;${group}`,
			'student1;Daan Visser;coach;Zorg en Welzijn 2A'
		].join('\n');
		await page.goto('/admin/import');
		await page.locator('#file').setInputFiles({ name: 'fout.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
		await page.getByRole('button', { name: 'Importeren' }).click();

		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Er is niets geïmporteerd');
		const rows = alert.getByRole('table').locator('tbody tr');
		await expect(rows).toHaveCount(4);
		await expect(rows.nth(0)).toContainText('3');
		await expect(rows.nth(0)).toContainText('Een gebruikersnaam heeft 2 tot 63 tekens');
		await expect(rows.nth(0)).toContainText('Foute Naam');
		await expect(rows.nth(1)).toContainText('4');
		await expect(rows.nth(1)).toContainText('De rol moet student of coach zijn.');
		await expect(rows.nth(1)).toContainText('directeur');
		await expect(rows.nth(2)).toContainText('5');
		await expect(rows.nth(2)).toContainText('Vul een naam in.');
		await expect(rows.nth(3)).toContainText('6');
		await expect(rows.nth(3)).toContainText('staat al eerder in het bestand');
		await expect(rows.nth(3)).toContainText(`${good} (2)`);
		await expect(page.getByRole('main').getByRole('status')).toHaveCount(0);

		await page.goto('/admin/users');
		await expect(page.getByRole('table')).not.toContainText(good);
		await expect(page.getByRole('table')).not.toContainText(group);
		await page.goto('/admin/groups');
		await expect(page.getByRole('heading', { name: group })).toHaveCount(0);

		// Once the format is right, an existing account with another role is refused too, with its line.
		await page.goto('/admin/import');
		await page.locator('#text').fill(`username;name;role;group\n${good};Goede Regel;student;${group}\nstudent1;Daan Visser;coach;\n`);
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('alert')).toContainText('Er is niets geïmporteerd');
		const conflict = page.getByRole('alert').getByRole('table').locator('tbody tr');
		await expect(conflict).toHaveCount(1);
		await expect(conflict).toContainText('3');
		await expect(conflict).toContainText('Dit account bestaat al met een andere rol.');
		await page.goto('/admin/users');
		await expect(page.getByRole('table')).not.toContainText(good);
		await expect(userRow(page, 'student1')).toContainText('student');
	});

	test('a file without the right columns or an empty form is explained', async ({ page }) => {
		await page.goto('/admin/import');
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('alert')).toContainText('Het bestand is leeg.');

		await page.locator('#file').setInputFiles({ name: 'kolommen.csv', mimeType: 'text/csv', buffer: Buffer.from('naam;klas;mentor\nJan;2B;Piet\n') });
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('alert')).toContainText('Er is niets geïmporteerd');
		const row = page.getByRole('alert').getByRole('table').locator('tbody tr');
		await expect(row).toHaveCount(1);
		await expect(row).toContainText('De eerste regel moet de kolommen');
		await expect(row).toContainText('username, role');
		await expect(row).not.toContainText('name, role, group');
	});

	// Spreadsheets often save a few empty lines at the end; the separator must still be recognised.
	test('a semicolon roster followed by blank lines is still read as semicolons', async ({ page }) => {
		const tag = unique('');
		const csv = `username;name;role;group\nblank${tag};Bo Blank;student;Blank ${tag}\n\n\n\n\n\n`;
		await page.goto('/admin/import');
		await page.locator('#file').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('main').getByRole('status')).toContainText('Klaar. Nieuwe accounts: 1.', { timeout: 3000 });
	});
});
