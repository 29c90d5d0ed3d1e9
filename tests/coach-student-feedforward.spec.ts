import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations, signInWithForm, unique } from './helpers';
import { openDemoGroup } from './coach-helpers';

/** Has the server got a feedback record with this text (as this user sees it)? */
async function onServer(page: Page, text: string): Promise<boolean> {
	const res = await page.request.post('/api/sync', { data: { cursor: null, ops: [] } });
	const { changes } = (await res.json()) as { changes: { entity: string; data: { body?: string } | null }[] };
	return changes.some((c) => c.entity === 'feedback' && !!c.data?.body?.includes(text));
}

test('the coach gives feedforward on a learning question; the student sees it and replies; the coach sees the reply', async ({ browser }) => {
	const studentContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const student = await studentContext.newPage();
	await signInWithForm(student, 'student19'); // Anouk
	await student.goto('/student/goals');
	const goalTitle = unique('Tillen met een tillift ');
	await student.getByRole('button', { name: 'Nieuw leerdoel' }).click();
	await student.locator('#new-title').fill(goalTitle);
	await student.getByRole('button', { name: 'Leerdoel opslaan' }).click();
	await student.getByRole('link', { name: `Open: ${goalTitle}` }).click();
	await student.getByRole('button', { name: 'Nieuwe leervraag' }).click();
	await student.locator('#new-question').fill('Hoe kan ik deze week op mijn stage veilig een bewoner tillen met de tillift?');
	await student.getByRole('button', { name: 'Leervraag opslaan' }).click();
	await expect(student.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });

	const coachContext = await browser.newContext({ viewport: { width: 1200, height: 900 } });
	const coach = await coachContext.newPage();
	await signInWithForm(coach, 'coach1');
	await openDemoGroup(coach);
	await coach.getByRole('main').getByRole('link', { name: /Anouk Vermeulen/ }).first().click();
	await expect(coach.getByRole('heading', { level: 1, name: 'Anouk Vermeulen' })).toBeVisible();
	const question = coach.getByText('veilig een bewoner tillen met de tillift', { exact: false }).first();
	await expect(question).toBeVisible({ timeout: 20_000 });
	// The composer under the question: feedforward, the next step.
	const block = coach.locator('[data-testid="coach-question"]').filter({ hasText: 'tillift' }).first();
	await block.locator('details.composer > summary').first().click();
	await block.getByLabel('Feedforward (de volgende stap)').first().check();
	const tip = unique('Sterke vraag. Vraag je werkbegeleider om het eerst voor te doen ');
	await block.getByTestId('composer-body').first().fill(tip);
	await block.getByRole('button', { name: 'Versturen' }).first().click();
	await expect.poll(() => onServer(coach, tip), { timeout: 20_000 }).toBe(true);

	await student.reload();
	const thread = student.getByTestId('feedback').filter({ hasText: tip });
	await expect(thread).toBeVisible({ timeout: 20_000 });
	await expect(thread).toContainText('Feedforward');
	await expect(thread).toContainText('Marieke van den Berg');
	// The home page says what the message is and what it is about, and "Bekijk" opens the goal with it in view.
	await student.goto('/student');
	const message = student.getByTestId('home-message').filter({ hasText: tip });
	await expect(message).toContainText('Feedforward: tip voor je volgende stap over “Hoe kan ik deze week op mijn stage veilig een bewoner tillen');
	await message.getByRole('link', { name: /^Bekijk het bericht over Hoe kan ik/ }).click();
	await expect(student.locator('#goal-title')).toHaveValue(goalTitle);
	// Exactly that message, in view and with the focus (on a phone it is below the goal's form).
	const opened = student.getByTestId('feedback').filter({ hasText: tip });
	await expect(opened).toBeInViewport();
	await expect(opened).toBeFocused();
	expect(new URL(student.url()).hash).toMatch(/^#feedback-[0-9a-f-]{36}$/);
	await expectNoAxeViolations(student, 'goal opened at a coach message');
	await student.getByLabel('Jouw reactie').last().fill('Goed idee, ik vraag het morgen.');
	await student.getByRole('button', { name: 'Reactie versturen' }).last().click();
	await expect.poll(() => onServer(student, 'ik vraag het morgen'), { timeout: 20_000 }).toBe(true);

	await coach.reload();
	await expect(coach.getByText('Goed idee, ik vraag het morgen.')).toBeVisible({ timeout: 20_000 });
	await studentContext.close();
	await coachContext.close();
});

test('offline, the composer says the message is kept on the device; "Verstuurd" only once the server has it', async ({ browser }) => {
	const coachContext = await browser.newContext({ viewport: { width: 1200, height: 900 } });
	const coach = await coachContext.newPage();
	await signInWithForm(coach, 'coach1');
	await openDemoGroup(coach);
	await coach.getByRole('main').getByRole('link', { name: /Anouk Vermeulen/ }).first().click();
	await expect(coach.getByRole('heading', { level: 1, name: 'Anouk Vermeulen' })).toBeVisible();
	await expect(coach.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 20_000 });

	await coachContext.setOffline(true);
	const composer = coach.locator('details.composer').first();
	await composer.locator('summary').click();
	const text = unique('Mooi dat je je werkbegeleider om hulp vroeg ');
	await composer.getByTestId('composer-body').fill(text);
	await composer.getByRole('button', { name: 'Versturen' }).click();
	const status = composer.getByTestId('composer-status');
	await expect(status).toHaveText('Bewaard op dit apparaat — gaat naar de server zodra er verbinding is.');
	expect(await onServer(coach, text)).toBe(false);

	await coachContext.setOffline(false);
	await expect(status).toHaveText(/^Verstuurd om \d{1,2}:\d{2}\. Anouk Vermeulen ziet het bij het openen van Koers\.$/, { timeout: 20_000 });
	expect(await onServer(coach, text)).toBe(true);
	await coachContext.close();
});
