import { expect, test } from './fixtures';
import { demo, demoPassword, onlineLabel, signInWithForm } from './helpers';

/** The one account whose password is typed wrong in this spec (keeps the rate limiter far away). */
const wrongPasswordAccount = 'student20';

const roles = [
	{
		role: 'student',
		username: demo.student.username,
		name: demo.student.name,
		home: '/student',
		heading: `Hoi ${demo.student.first}!`,
		nav: ['Start', 'Doelen', 'Keuzebord', 'Portfolio']
	},
	{
		role: 'coach',
		username: demo.coach.username,
		name: demo.coach.name,
		home: '/coach',
		heading: demo.group,
		nav: ['Mijn groepen', 'Goedkeuren', 'Keuzeborden', 'Behoeften', 'Dekking', 'Aandacht']
	},
	{
		role: 'admin',
		username: demo.admin.username,
		name: demo.admin.name,
		home: '/admin',
		heading: demo.school,
		nav: ['Overzicht', 'Gebruikers', 'Groepen', 'Importeren', 'Koppelingen', 'Privacy']
	}
] as const;

test.describe('sign-in', () => {
	test.use({ viewport: { width: 1200, height: 800 } });

	test('the sign-in page is in Dutch and lists the demo accounts', async ({ page }) => {
		await page.goto('/login');
		await expect(page).toHaveTitle(/Inloggen/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
		const demoList = page.getByRole('region', { name: 'Demo-accounts' });
		await expect(demoList).toBeVisible();
		await expect(demoList).toContainText(demoPassword);
		for (const name of ['Daan Visser', 'Lotte de Graaf', 'Samira El Idrissi', 'Marieke van den Berg', 'Ahmed Yousfi', 'Ingrid Hoekstra']) {
			await expect(demoList.getByText(name, { exact: true })).toBeVisible();
		}
	});

	for (const r of roles) {
		test(`${r.role === 'admin' ? 'an' : 'a'} ${r.role} signs in with the form and lands in their own area with their own menu`, async ({ page }) => {
			await signInWithForm(page, r.username);
			await expect(page).toHaveURL(r.home);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(r.heading);
			await expect(page.getByTestId('user-name')).toHaveText(r.name);
			await expect(page.getByTestId('online-status')).toHaveText(onlineLabel);
			await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
			await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
			const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
			await expect(nav.getByRole('link')).toHaveText([...r.nav]);
			await expect(nav.getByRole('link', { name: r.nav[0] })).toHaveAttribute('aria-current', 'page');
		});
	}

	test('the student sees their group and coaches, and every menu item opens', async ({ page }) => {
		await signInWithForm(page, demo.student.username);
		const group = page.locator('section.card', { has: page.getByRole('heading', { name: demo.group }) });
		await expect(group).toContainText('Je coaches:');
		await expect(group).toContainText('Marieke van den Berg');
		await expect(group).toContainText('Ahmed Yousfi');

		const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
		for (const [link, path, heading] of [
			['Doelen', '/student/goals', 'Doelen'],
			['Keuzebord', '/student/boards', 'Keuzebord'],
			['Portfolio', '/student/portfolio', 'Portfolio']
		] as const) {
			await nav.getByRole('link', { name: link }).click();
			await expect(page).toHaveURL(path);
			await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
			await expect(nav.getByRole('link', { name: link })).toHaveAttribute('aria-current', 'page');
		}
	});

	test('the coach opens their group and sees its 24 students', async ({ page }) => {
		await signInWithForm(page, demo.coach.username);
		await page.goto('/coach/groups');
		await page.getByRole('link', { name: demo.group }).click();
		await expect(page).toHaveURL(/\/coach\/groups\/[0-9a-f-]{36}$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(demo.group);
		const rows = page.getByRole('table').locator('tbody tr');
		await expect(rows).toHaveCount(24);
		await expect(page.getByRole('table')).toContainText('Daan Visser');
	});

	test('choosing a demo account fills in the form', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('region', { name: 'Demo-accounts' }).getByRole('button', { name: 'coach2' }).click();
		await expect(page.locator('#username')).toHaveValue('coach2');
		await expect(page.locator('#password')).toHaveValue(demoPassword);
		await expect(page.locator('#password')).toBeFocused();
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page).toHaveURL('/coach');
		await expect(page.getByTestId('user-name')).toHaveText('Ahmed Yousfi');
	});

	test('a wrong password shows an alert, keeps the username and does not sign in', async ({ page }) => {
		await page.goto('/login');
		await page.locator('#username').fill(wrongPasswordAccount);
		await page.locator('#password').fill('not-the-password');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.getByRole('alert')).toContainText('Gebruikersnaam of wachtwoord klopt niet');
		await expect(page).toHaveURL(/\/login/);
		await expect(page.locator('#username')).toHaveValue(wrongPasswordAccount);
		await expect(page.locator('#password')).toHaveValue('');
		// Still signed out.
		await page.goto('/student');
		await expect(page).toHaveURL(/\/login\?next=%2Fstudent$/);
	});

	test('empty fields each get an error that is tied to the field', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.locator('#username-error')).toHaveText('Vul je gebruikersnaam in.');
		await expect(page.locator('#password-error')).toHaveText('Vul je wachtwoord in.');
		await expect(page.locator('#username')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.locator('#username')).toHaveAttribute('aria-describedby', 'username-error');
		await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');

		// Only the password missing: only the password complains, the username stays.
		await page.locator('#username').fill('student1');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.locator('#password-error')).toHaveText('Vul je wachtwoord in.');
		await expect(page.locator('#username-error')).toHaveCount(0);
		await expect(page.locator('#username')).toHaveValue('student1');
		await expect(page.getByRole('alert')).toHaveCount(0);
	});

	test('a student who opens the coach or admin area is sent back to their own home', async ({ page }) => {
		await signInWithForm(page, demo.student.username);
		for (const path of ['/coach', '/coach/groups/00000000-0000-4000-8000-000000000000', '/admin', '/admin/users', '/admin/import']) {
			await page.goto(path);
			await expect(page, `after visiting ${path}`).toHaveURL('/student');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Daan!');
		}
	});

	test('a coach cannot open the admin or student area', async ({ page }) => {
		await signInWithForm(page, demo.coach.username);
		for (const path of ['/admin', '/admin/groups', '/student', '/student/goals']) {
			await page.goto(path);
			await expect(page, `after visiting ${path}`).toHaveURL('/coach');
		}
	});

	test('an anonymous visitor is asked to sign in and then taken to the page they asked for', async ({ page }) => {
		await page.goto('/student/goals');
		await expect(page).toHaveURL('/login?next=%2Fstudent%2Fgoals');
		await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
		await page.locator('#username').fill(demo.student.username);
		await page.locator('#password').fill(demoPassword);
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page).toHaveURL('/student/goals');
		await expect(page.getByRole('heading', { level: 1, name: 'Doelen' })).toBeVisible();
	});

	test('a next address outside the app or outside the role leads home instead', async ({ page }) => {
		await signInWithForm(page, demo.student.username, demoPassword, '/login?next=' + encodeURIComponent('//example.com/phish'));
		await expect(page).toHaveURL('/student');

		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await expect(page).toHaveURL('/login');
		await signInWithForm(page, demo.student.username, demoPassword, '/login?next=' + encodeURIComponent('/admin/users'));
		await expect(page).toHaveURL('/student');
	});

	test('an anonymous visitor to / goes to the sign-in page; a signed-in one to their home', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveURL('/login');
		await signInWithForm(page, demo.admin.username);
		await page.goto('/');
		await expect(page).toHaveURL('/admin');
		await page.goto('/login');
		await expect(page).toHaveURL('/admin');
	});

	test('signing out ends the session; the old cookie no longer works', async ({ page, context }) => {
		await signInWithForm(page, demo.student.username);
		const before = (await context.cookies()).filter((c) => c.name === 'koers_session');
		expect(before).toHaveLength(1);

		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await expect(page).toHaveURL('/login');
		await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();

		await page.goto('/student');
		await expect(page).toHaveURL('/login?next=%2Fstudent');

		// Someone who kept a copy of the cookie (a shared school computer) gets nothing with it.
		await context.addCookies(before);
		await page.goto('/student');
		await expect(page).toHaveURL('/login?next=%2Fstudent');
		await context.addCookies(before);
		const me = await page.request.get('/api/me');
		expect(me.status()).toBe(401);
	});
});
