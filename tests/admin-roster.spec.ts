import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demo, expectNoAxeViolations, signInWithApi, signInWithForm, unique } from './helpers';

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

	test('a roster file with bad lines imports nothing and says whose row is wrong and why', async ({ page }) => {
		const tag = unique('');
		const group = `Fout ${tag}`;
		const good = `goed${tag}`;
		const csv = [
			'gebruikersnaam;naam;rol;groep',
			`${good};Goede Regel;student;${group}`,
			`Foute Naam;Iemand;student;${group}`,
			`;Sanne de Vries;student;${group}`,
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
		await expect(alert.getByRole('columnheader').first()).toHaveText('Rij');
		const rows = alert.getByRole('table').locator('tbody tr');
		await expect(rows).toHaveCount(5);
		await expect(rows.nth(0).locator('td')).toHaveText(['3', /^Iemand heeft een gebruikersnaam die niet kan\. Een gebruikersnaam heeft 2 tot 63 tekens/, 'Foute Naam']);
		// Told to the admin about the student, not to the student ("Vul je gebruikersnaam in").
		await expect(rows.nth(1).locator('td')).toHaveText(['4', 'Sanne de Vries heeft geen gebruikersnaam.', '']);
		await expect(rows.nth(2).locator('td')).toHaveText(['5', /^Nog Iemand heeft een rol die Koers niet kent\. Vul student of coach in/, 'directeur']);
		await expect(rows.nth(3).locator('td')).toHaveText(['6', `leeg${tag} heeft geen naam.`, '']);
		await expect(rows.nth(4).locator('td')).toHaveText(['7', 'Dubbel heeft dezelfde gebruikersnaam als rij 2.', good]);
		await expect(page.getByRole('main').getByRole('status')).toHaveCount(0);

		await page.goto('/admin/users');
		await expect(page.getByRole('table')).not.toContainText(good);
		await expect(page.getByRole('table')).not.toContainText(group);
		await page.goto('/admin/groups');
		await expect(page.getByRole('heading', { name: group })).toHaveCount(0);

		// Once the format is right, an existing account with another role is refused too, with its row.
		await page.goto('/admin/import');
		await page.locator('#text').fill(`username;name;role;group\n${good};Goede Regel;student;${group}\nstudent1;Daan Visser;coach;\n`);
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('alert')).toContainText('Er is niets geïmporteerd');
		const conflict = page.getByRole('alert').getByRole('table').locator('tbody tr');
		await expect(conflict).toHaveCount(1);
		await expect(conflict.locator('td')).toHaveText(['3', 'Daan Visser heeft al een account als student, maar staat in het bestand met een andere rol. Pas de rol in het bestand aan.', 'student1']);
		await page.goto('/admin/users');
		await expect(page.getByRole('table')).not.toContainText(good);
		await expect(userRow(page, 'student1')).toContainText('student');
	});

	test('a Windows-1252 Magister export is read with its accents and, having no roles, is asked about first', async ({ page }) => {
		const tag = unique('');
		const group = `ZW2B ${tag}`;
		const text =
			'Stamnr;Roepnaam;Tussenv.;Achternaam;Klas;Login;E-mail\r\n' +
			`10${tag};Mehmet;;Öztürk;${group};mo${tag};10${tag}@leerling.example\r\n` +
			`11${tag};Chloé;de;Wit;${group};chloe${tag};11${tag}@leerling.example\r\n`;
		// What Excel's plain "CSV" writes on a Dutch Windows: one byte per character, Ö = D6, é = E9.
		const cp1252 = Buffer.from([...text].map((c) => ({ Ö: 0xd6, ü: 0xfc, é: 0xe9 })[c] ?? c.charCodeAt(0)));
		await page.goto('/admin/import');
		await page.locator('#file').setInputFiles({ name: 'magister.csv', mimeType: 'text/csv', buffer: cp1252 });
		await page.getByRole('button', { name: 'Importeren' }).click();

		await expect(page.getByRole('alert')).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'Kijk dit eerst na' })).toBeVisible();
		await expect(page.getByTestId('roster-no-roles')).toContainText('iedereen in het bestand wordt student');
		await expect(page.getByTestId('roster-coachless')).toContainText(group);
		await page.getByRole('button', { name: 'Nu importeren' }).click();

		const done = page.getByRole('main').getByRole('status');
		await expect(done).toContainText('Klaar. Nieuwe accounts: 2. Bijgewerkte accounts: 0.');
		const table = page.getByRole('table');
		await expect(table.locator('tbody tr', { hasText: `mo${tag}` })).toContainText('Mehmet Öztürk');
		await expect(table.locator('tbody tr', { hasText: `chloe${tag}` })).toContainText('Chloé de Wit');
		await expect(table.locator('tbody tr', { hasText: `chloe${tag}` })).toContainText('student');
		await page.goto('/admin/users');
		await expect(userRow(page, `mo${tag}`)).toContainText('Mehmet Öztürk');
		await expect(userRow(page, `mo${tag}`)).toContainText(group);
	});

	test('students who end up in no group are named, so the admin can give them a coach', async ({ page }) => {
		const tag = unique('');
		const group = `Met coach ${tag}`;
		await page.goto('/admin/import');
		await page.locator('#text').fill(
			[
				'username;name;role;group',
				`sanne${tag};Sanne de Vries;student;`,
				`tess${tag};Tess Bakker;student;${group}`,
				`coach${tag};Carla Coach;coach;${group}`
			].join('\n')
		);
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('main').getByRole('status')).toContainText('Klaar. Nieuwe accounts: 3.');
		const warning = page.getByTestId('roster-no-group');
		await expect(warning.getByRole('heading')).toHaveText('Deze studenten zitten in geen enkele groep (1)');
		await expect(warning.getByRole('listitem')).toHaveText([`Sanne de Vries (sanne${tag})`]);
		await expect(warning).toContainText('Geen coach ziet ze.');
		await expect(page.getByTestId('roster-coachless')).toHaveCount(0);
		await expectNoAxeViolations(page, '/admin/import with a no-group warning');
		await warning.getByRole('link', { name: 'Naar Groepen' }).click();
		await expect(page).toHaveURL('/admin/groups');
	});

	test('a new group for existing students is asked: keep both by default, or move, as the admin chooses', async ({ page }) => {
		const tag = unique('');
		const [from, to] = [`Oud ${tag}`, `Nieuw ${tag}`];
		const [stay, move] = [`blijf${tag}`, `verhuis${tag}`];
		const roster = (group: string) => `username;name;role;group\n${stay};Bram Blijft;student;${group}\n${move};Vera Verhuist;student;${group}\ncoach${tag};Olga Oud;coach;${from}\n`;
		await page.goto('/admin/import');
		await page.locator('#text').fill(roster(from));
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('main').getByRole('status')).toContainText('Nieuwe accounts: 3.');

		await page.goto('/admin/import');
		await page.locator('#text').fill(roster(to));
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('heading', { name: 'Kijk dit eerst na' })).toBeVisible();
		await expect(page.getByRole('main').getByRole('status')).toHaveCount(0);
		const bram = page.getByRole('group', { name: `Rij 2: Bram Blijft (${stay}), nu in ${from}` });
		const vera = page.getByRole('group', { name: `Rij 3: Vera Verhuist (${move}), nu in ${from}` });
		// The safe choice is chosen already: nobody loses a coach unless the admin says so.
		await expect(bram.getByRole('radio', { name: `In ${from} laten en ook in ${to} zetten` })).toBeChecked();
		await expect(vera.getByRole('radio', { name: `In ${from} laten en ook in ${to} zetten` })).toBeChecked();
		await expectNoAxeViolations(page, '/admin/import asking about new groups');
		await page.setViewportSize({ width: 360, height: 740 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

		// Asking changed nothing yet.
		const users = await page.context().newPage();
		await users.goto('/admin/users');
		await expect(userRow(users, move)).toContainText(from);
		await expect(userRow(users, move)).not.toContainText(to);

		// By keyboard: to Vera's second choice, then submit.
		await vera.getByRole('radio').first().focus();
		await page.keyboard.press('ArrowDown');
		await expect(vera.getByRole('radio', { name: `Verplaatsen naar ${to} (uit ${from} halen)` })).toBeChecked();
		await page.getByRole('button', { name: 'Nu importeren' }).click();
		const done = page.getByRole('main').getByRole('status');
		await expect(done).toContainText('Klaar. Nieuwe accounts: 0. Bijgewerkte accounts: 3.');
		await expect(done).toContainText('Verplaatst naar hun nieuwe groep: Vera Verhuist');
		await expect(done).toContainText('In hun oude én hun nieuwe groep: Bram Blijft');
		// The new group has no coach yet: said so.
		await expect(page.getByTestId('roster-coachless')).toContainText(to);

		await users.reload();
		await expect(userRow(users, move)).toContainText(to);
		await expect(userRow(users, move)).not.toContainText(from);
		await expect(userRow(users, stay)).toContainText(from);
		await expect(userRow(users, stay)).toContainText(to);
		await users.close();
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
		// naam and klas are known; only the username is missing, named in Dutch.
		await expect(row.locator('td').nth(1)).toHaveText(/^In de eerste rij ontbreekt: gebruikersnaam\. Koers herkent bijvoorbeeld/);
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
