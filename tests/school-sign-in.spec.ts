import { expect, test } from '@playwright/test';
import { startTestProvider, type TestProvider } from './support/oidc-provider';
import { demo, expectNoAxeViolations, signInWithForm } from './helpers';

const port = Number(process.env.E2E_PORT ?? 4173);
const koers = `http://localhost:${port}`;
const people = {
	'daan.school': { sub: 'sub-daan', eckid: 'https://ketenid.nl/201703/daan', name: 'Daan Visser', eduperson_affiliation: ['student'] },
	'fatima.school': { sub: 'sub-fatima', eckid: 'https://ketenid.nl/201703/fatima', name: 'Fatima el Amrani', eduperson_affiliation: ['employee'] }
};

let idp: TestProvider;
test.beforeAll(async () => {
	idp = await startTestProvider(people, [`${koers}/auth/oidc/testschool/callback`]);
});
test.afterAll(async () => idp?.stop());

test('an admin connects the school’s sign-in; a student links with a code (a wrong one is refused), an unknown teacher is asked for one, and switching it off removes the button', async ({ browser }) => {
	const admin = await (await browser.newContext()).newPage();
	await signInWithForm(admin, demo.admin.username);
	await admin.goto('/admin/connections');
	await admin.getByRole('link', { name: /Inloggen met je school/ }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Inloggen met je school' })).toBeVisible();
	await expectNoAxeViolations(admin, 'admin sso page (empty)');

	// A typo first: the issuer is not an address. What was typed stays.
	const add = admin.getByRole('region', { name: 'Een inlogsysteem koppelen' });
	await add.getByLabel('Naam op de knop').fill('Testschool');
	await add.getByLabel(/^Issuer/).fill('connect.surfconext');
	await add.getByLabel('Client-id').fill(idp.clientId);
	await add.getByLabel('Client-secret').fill(idp.clientSecret);
	await add.getByRole('button', { name: 'Koppeling opslaan' }).click();
	await expect(admin.getByText(/Vul het https-adres van de identiteitsprovider in/)).toBeVisible();
	await expect(add.getByLabel('Naam op de knop')).toHaveValue('Testschool');

	await add.getByLabel(/^Issuer/).fill(idp.issuer);
	await add.getByLabel('Client-secret').fill(idp.clientSecret);
	await add.getByLabel(/eckid/).check();
	await add.getByRole('button', { name: 'Koppeling opslaan' }).click();
	await expect(admin.getByText('Testschool is gekoppeld.', { exact: false })).toBeVisible();
	await expect(admin.getByTestId('sso-redirect-uri')).toHaveText(`${koers}/auth/oidc/testschool/callback`);
	await expectNoAxeViolations(admin, 'admin sso page (one provider)');

	// A link code for Daan's existing account.
	await admin.goto('/admin/users');
	await admin.getByRole('link', { name: demo.student.name }).first().click();
	await admin.getByRole('button', { name: 'Koppelcode maken' }).click();
	const code = (await admin.getByTestId('link-code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

	// Daan, on his phone: the school's button, the school's sign-in, then the code once.
	const student = await (await browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
	await student.goto('/login');
	await expect(student.getByRole('heading', { name: 'Inloggen met je school' })).toBeVisible();
	await expectNoAxeViolations(student, 'sign-in page with a school button');
	await student.getByRole('link', { name: 'Testschool' }).click();
	await student.getByLabel('Schoolaccount').fill('daan.school');
	await student.getByRole('button', { name: 'Inloggen bij school' }).click();
	await expect(student.getByRole('heading', { name: 'Koppel je schoolaccount' })).toBeVisible();
	await expect(student.getByText('ingelogd als Daan Visser')).toBeVisible();
	await student.getByLabel('Koppelcode').fill('AAAA-BBBB');
	await student.getByRole('button', { name: 'Koppelen en inloggen' }).click();
	await expect(student.getByRole('alert')).toContainText('Deze code klopt niet');
	await expectNoAxeViolations(student, 'link page with an error');
	await student.getByLabel('Koppelcode').fill(code.toLowerCase());
	await student.getByRole('button', { name: 'Koppelen en inloggen' }).click();
	await expect(student).toHaveURL(/\/student/);
	await expect(student.getByRole('heading', { level: 1, name: `Hoi ${demo.student.first}!` })).toBeVisible();

	// A teacher Koers has not met, while the school lets only link codes in: asked for a code, not signed in.
	const coach = await (await browser.newContext()).newPage();
	await coach.goto('/login');
	await coach.getByRole('link', { name: 'Testschool' }).click();
	await coach.getByLabel('Schoolaccount').fill('fatima.school');
	await coach.getByRole('button', { name: 'Inloggen bij school' }).click();
	await expect(coach.getByText('ingelogd als Fatima el Amrani')).toBeVisible();
	expect((await coach.request.get('/api/me')).status()).toBe(401);

	// Replaying the callback the teacher's browser came back with signs nobody in.
	const replay = await (await browser.newContext()).newPage();
	await replay.goto('/auth/oidc/testschool/callback?code=stolen&state=guessed');
	await expect(replay).toHaveURL(/\/login\?sso=state/);
	await expect(replay.getByTestId('sso-error')).toContainText('Het inloggen duurde te lang');

	// The admin sees both links, then switches the connection off: the button goes away.
	await admin.goto('/admin/connections/sso');
	await expect(admin.getByText('1 account', { exact: true })).toBeVisible();
	await admin.getByRole('button', { name: 'Uitzetten' }).click();
	await expect(admin.getByText('Uit', { exact: true })).toBeVisible();
	await replay.goto('/login');
	await expect(replay.getByRole('link', { name: 'Testschool' })).toHaveCount(0);
	// Gone for the other tests' sign-in page too.
	await admin.getByText('Verwijderen', { exact: true }).click();
	await admin.getByRole('button', { name: 'Testschool verwijderen' }).click();
	await expect(admin.getByTestId('sso-none')).toBeVisible();
});
