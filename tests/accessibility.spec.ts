import { expect, test } from './fixtures';
import { demo, expectNoAxeViolations, signInWithApi } from './helpers';

/** WCAG 2.1 A and AA, checked with axe on every page a person can reach, on a phone first. */
test.describe('accessibility on a phone (390×844)', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('sign-in page, empty and with errors', async ({ page }) => {
		await page.goto('/login');
		await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
		await expectNoAxeViolations(page, '/login');

		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.locator('#username-error')).toBeVisible();
		await expectNoAxeViolations(page, '/login with field errors');
	});

	test('student pages', async ({ page }) => {
		await signInWithApi(page, demo.student.username);
		await page.goto('/student');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Daan!');
		await expectNoAxeViolations(page, '/student');

		// Daan's demo goals, board and portfolio (seeded), each read from the device store.
		await page.goto('/student/goals');
		await expect(page.getByTestId('goal').first()).toBeVisible();
		await expectNoAxeViolations(page, '/student/goals');
		await page.getByRole('link', { name: /^Open:/ }).first().click();
		await expect(page.getByTestId('question-checklist').or(page.getByRole('button', { name: 'Nieuwe leervraag' }))).toBeVisible();
		await expectNoAxeViolations(page, '/student/goals?goal=…');
		for (const path of ['/student/boards', '/student/portfolio', '/student/cycle', '/student/intake']) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await page.waitForLoadState('networkidle');
			await expectNoAxeViolations(page, path);
		}
	});

	test('coach pages', async ({ page }) => {
		await signInWithApi(page, demo.coach.username);
		await page.goto('/coach/groups');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn groepen');
		await expectNoAxeViolations(page, '/coach');

		await page.getByRole('link', { name: demo.group }).click();
		await expect(page).toHaveURL(/\/coach\/groups\/[0-9a-f-]{36}$/);
		// On a phone the dashboard shows a card per student.
		await expect(page.getByRole('main').getByRole('link', { name: /Daan Visser/ }).first()).toBeVisible();
		await expectNoAxeViolations(page, '/coach/groups/<id>');
		for (const path of ['/coach/approvals', '/coach/boards', '/coach/needs', '/coach/coverage', '/coach/attention']) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await page.waitForLoadState('networkidle');
			await expectNoAxeViolations(page, path);
		}
	});

	test('admin pages', async ({ page }) => {
		await signInWithApi(page, demo.admin.username);
		for (const [path, heading] of [
			['/admin', demo.school],
			['/admin/users', 'Gebruikers'],
			['/admin/groups', 'Groepen'],
			['/admin/import', 'Klassenlijst importeren']
		] as const) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
			await expectNoAxeViolations(page, path);
		}

		await page.goto('/admin/groups');
		await page.getByRole('link', { name: demo.group }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(demo.group);
		await expectNoAxeViolations(page, '/admin/groups/<id>');
	});

	test('admin user form open with errors', async ({ page }) => {
		await signInWithApi(page, demo.admin.username);
		await page.goto('/admin/users');
		await page.getByText('Nieuwe gebruiker').click();
		await page.locator('#username').fill('Niet Goed');
		await page.getByRole('button', { name: 'Gebruiker maken' }).click();
		await expect(page.locator('#username-error')).toBeVisible();
		await expectNoAxeViolations(page, '/admin/users with field errors');
	});

	test('import page showing the table of wrong lines', async ({ page }) => {
		await signInWithApi(page, demo.admin.username);
		await page.goto('/admin/import');
		await page.locator('#text').fill('username;name;role;group\nFout Fout;Iemand;directeur;Groep X\n');
		await page.getByRole('button', { name: 'Importeren' }).click();
		await expect(page.getByRole('alert').getByRole('table').locator('tbody tr')).toHaveCount(2);
		await expectNoAxeViolations(page, '/admin/import with errors');
	});
});

test.describe('accessibility on a desktop (1280×800)', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('admin user list', async ({ page }) => {
		await signInWithApi(page, demo.admin.username);
		await page.goto('/admin/users');
		await expect(page.getByTestId('user-name')).toBeVisible();
		await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
		await expectNoAxeViolations(page, '/admin/users (desktop)');
	});

	test('student home and sign-in page in English', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
		await expectNoAxeViolations(page, '/login (English)');
		await signInWithApi(page, demo.student.username);
		await page.goto('/student');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hi Daan!');
		await expectNoAxeViolations(page, '/student (English)');
	});
});
