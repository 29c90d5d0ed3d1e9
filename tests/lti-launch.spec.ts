import { expect, test } from '@playwright/test';
import { lti, startTestPlatform, type TestPlatform } from './support/lti-platform';
import { demo, expectNoAxeViolations, signInWithForm } from './helpers';

const port = Number(process.env.E2E_PORT ?? 4173);
const koers = `http://localhost:${port}`;

let lms: TestPlatform;
test.beforeAll(async () => {
	lms = await startTestPlatform({ toolOrigin: koers });
});
test.afterAll(async () => lms?.stop());

test('an admin registers the LMS; a teacher places a board in the course; a student opens it from the course, also from inside an iframe', async ({ browser }) => {
	const admin = await (await browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
	await signInWithForm(admin, demo.admin.username);
	await admin.goto('/admin/connections');
	await admin.getByRole('link', { name: /Starten vanuit je elektronische leeromgeving/ }).click();
	await expect(admin.getByRole('heading', { level: 1, name: /LTI 1\.3/ })).toBeVisible();
	await expect(admin.getByTestId('lti-tool-login')).toHaveText(`${koers}/lti/login`);
	await expect(admin.getByTestId('lti-tool-jwks')).toHaveText(`${koers}/lti/jwks`);
	await expectNoAxeViolations(admin, 'admin lti page (empty)');

	// A forgotten deployment id first: refused, and what was typed stays.
	const add = admin.getByRole('region', { name: 'Een ELO koppelen' });
	await add.getByLabel('Naam').fill('Test-ELO');
	await add.getByLabel('Issuer (platform-ID)').fill(lms.issuer);
	await add.getByLabel('Client-ID').fill(lms.clientId);
	await add.getByLabel(/^Authorization-URL/).fill(lms.authEndpoint);
	await add.getByLabel('Token-URL').fill(lms.tokenEndpoint);
	await add.getByLabel(/^Keyset-URL/).fill(lms.jwksUrl);
	await add.getByRole('button', { name: 'Koppelen' }).click();
	await expect(admin.getByText('Vul minstens één deployment-ID in.')).toBeVisible();
	await expect(add.getByLabel('Naam')).toHaveValue('Test-ELO');
	await expectNoAxeViolations(admin, 'admin lti page (a refusal)');
	await add.getByLabel("Deployment-ID's").fill(lms.deploymentId);
	await add.getByRole('button', { name: 'Koppelen' }).click();
	await expect(admin.getByText('Test-ELO is gekoppeld.')).toBeVisible();

	// The teacher opens Koers from the course "Zorg en Welzijn 2A" (the demo group's name) to place a board.
	const course = { id: 'zw-2a', title: demo.group };
	const teacher = await (await browser.newContext()).newPage();
	const teacherHint = lms.plan({ person: { sub: 'elo-wim', name: 'Wim de Boer', roles: [lti.instructor] }, course, kind: 'deepLink' });
	await teacher.goto(`${lms.issuer}/course/${teacherHint}`);
	await teacher.getByRole('button', { name: 'Open Koers' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Een keuzebord in je cursus zetten' })).toBeVisible();
	await expectNoAxeViolations(teacher, 'deep linking choice');
	const boards = teacher.getByRole('radio');
	expect(await boards.count()).toBeGreaterThan(0);
	const title = (await teacher.locator('label.choice').first().textContent())!.trim();
	await teacher.getByRole('button', { name: 'In de cursus zetten' }).click();
	await expect(teacher.getByTestId('placed')).toHaveText(`Geplaatst: ${title}`);
	const item = (lms.deepLinkAnswers[0]![lti.contentItems] as { custom: { board: string } }[])[0]!;

	// Samira, a student Koers has not met, opens the placed link on her phone: her account, in the course's group, on the board.
	const student = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
	const studentHint = lms.plan({ person: { sub: 'elo-samira', name: 'Samira Bakker', given_name: 'Samira', family_name: 'Bakker', roles: [lti.learner] }, course, kind: 'resource', custom: item.custom });
	await student.goto(`${lms.issuer}/course/${studentHint}`);
	await student.getByRole('button', { name: 'Open Koers' }).click();
	await expect(student).toHaveURL(new RegExp(`/student/boards\\?board=${item.custom.board}`));
	await expect(student.getByRole('heading', { name: title })).toBeVisible();
	await expectNoAxeViolations(student, 'student board after an LTI launch');

	// The same link inside the LMS's iframe: Koers asks to continue in a new window, where she is signed in.
	const framed = await (await browser.newContext()).newPage();
	await framed.goto(`${lms.issuer}/frame/${lms.plan({ person: { sub: 'elo-samira', name: 'Samira Bakker', roles: [lti.learner] }, course, kind: 'resource' })}`);
	const frame = framed.frameLocator('iframe[title="Koers"]');
	await expect(frame.getByRole('heading', { name: 'Koers opent in een nieuw venster' })).toBeVisible();
	const [popup] = await Promise.all([framed.waitForEvent('popup'), frame.getByRole('button', { name: 'Open Koers in een nieuw venster' }).click()]);
	await expect(popup).toHaveURL(/\/student$/);
	await expect(popup.getByRole('heading', { level: 1, name: 'Hoi Samira!' })).toBeVisible();

	// A launch posted again (the back button, or someone replaying it) signs nobody in and says why.
	const replay = await (await browser.newContext()).newPage();
	await replay.goto(`${koers}/lti/launch`);
	await expect(replay.getByTestId('lti-problem')).toHaveAttribute('data-code', 'state');
	await expect(replay.getByTestId('lti-problem')).toContainText('Het openen duurde te lang');
	await expectNoAxeViolations(replay, 'lti problem page');

	// The admin sees the course, its group and the two accounts; then removes the connection.
	await admin.goto('/admin/connections/lti');
	await expect(admin.getByTestId('lti-course')).toContainText(`${demo.group} → ${demo.group}`);
	await expect(admin.getByText('2 accounts', { exact: true })).toBeVisible();
	await expectNoAxeViolations(admin, 'admin lti page (one platform, one course)');
	await admin.getByText('Verwijderen', { exact: true }).click();
	await admin.getByRole('button', { name: 'Test-ELO verwijderen' }).click();
	await expect(admin.getByTestId('lti-none')).toBeVisible();
});
