import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { expectNoAxeViolations, signInWithForm, unique } from './helpers';

// A 1×1 PNG: Koers turns it into a small JPEG on the device.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
// A "PDF" just over the 500 kB limit.
const bigPdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(510_000, 32)]);

test('a student keeps evidence with a photo, prints the portfolio and downloads all their data', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signInWithForm(page, 'student14');
	await page.goto('/student/portfolio');
	await expect(page.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeVisible();

	const title = unique('Zorgplan meneer De Vries ');
	await page.getByRole('button', { name: 'Nieuw bewijsstuk' }).click();
	await expect(page.locator('#new-title')).toBeFocused();

	// Saving without a title says what is missing and keeps the form.
	await page.getByRole('button', { name: 'Bewijsstuk opslaan' }).click();
	await expect(page.getByText('Geef je bewijsstuk een titel.')).toBeVisible();

	await page.locator('#new-title').fill(title);
	await page.locator('#new-body').fill('Ik heb samen met mijn werkbegeleider een zorgplan gemaakt.\nDaarna heb ik het besproken met de cliënt.');
	await page.locator('#new-links').fill('www.zorgwijzer.nl/zorgplan');

	// Too large: a clear message, and nothing of what was typed is lost.
	await page.locator('#new-files').setInputFiles({ name: 'stageverslag.pdf', mimeType: 'application/pdf', buffer: bigPdf });
	await expect(page.getByText(/stageverslag\.pdf: dit bestand is te groot .*max 500 kB/)).toBeVisible();
	await expect(page.locator('#new-title')).toHaveValue(title);

	await page.locator('#new-files').setInputFiles({ name: 'zorgplan.png', mimeType: 'image/png', buffer: png });
	await expect(page.getByRole('list', { name: /Gekozen bestanden/ }).getByText('zorgplan.jpg')).toBeVisible();
	await page.getByRole('radio', { name: 'Alleen ik' }).check();
	await expectNoAxeViolations(page, 'portfolio with the new-evidence form');
	await page.getByRole('button', { name: 'Bewijsstuk opslaan' }).click();

	const card = page.getByTestId('evidence').filter({ hasText: title });
	await expect(card).toBeVisible();
	await expect(card.getByTestId('visibility')).toHaveText(/Alleen voor mij/);
	await expect(card.getByRole('link', { name: /zorgwijzer\.nl\/zorgplan/ })).toBeVisible();
	await expect(card.getByRole('button', { name: /Foto groot bekijken: zorgplan\.jpg/ })).toBeVisible();
	await expect(card.getByTestId('receipt')).toContainText('Opgeslagen op de server', { timeout: 20_000 });

	// Still there after a reload (read from the device, then from the server).
	await page.reload();
	await expect(page.getByTestId('evidence').filter({ hasText: title })).toBeVisible();
	await expectNoAxeViolations(page, 'portfolio');

	// Print view: a clean document; private evidence only when asked for.
	await page.getByRole('link', { name: 'Afdrukken of pdf maken' }).click();
	await expect(page).toHaveURL(/\/student\/portfolio\/print$/);
	await expect(page.getByRole('heading', { level: 1, name: /^Portfolio van / })).toBeVisible();
	await expect(page.getByTestId('print-evidence').filter({ hasText: title })).toHaveCount(0);
	await page.getByLabel(/Ook bewijsstukken die alleen voor mij zijn afdrukken/).check();
	await expect(page.getByTestId('print-evidence').filter({ hasText: title })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Afdrukken of opslaan als pdf' })).toBeVisible();
	await expectNoAxeViolations(page, 'portfolio print view');
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.bar')).toBeHidden();
	await expect(page.locator('nav.nav')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Afdrukken of opslaan als pdf' })).toBeHidden();
	await expect(page.getByTestId('print-document')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// Download all my data.
	await page.goto('/student/portfolio');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download al mijn gegevens' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^koers-student14-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(data.user.username).toBe('student14');
	expect(JSON.stringify(data.user)).not.toMatch(/password/i);
	const mine = data.records.evidence.find((e: { data: { title: string } }) => e.data.title === title);
	expect(mine).toMatchObject({ private: true, data: { visibility: 'private', links: ['https://www.zorgwijzer.nl/zorgplan'] } });
	expect(mine.data.attachments[0]).toMatchObject({ name: 'zorgplan.jpg', type: 'image/jpeg' });
	expect(mine.data.attachments[0].dataUrl).toMatch(/^data:image\/jpeg;base64,/);

	// Clean up: delete after confirming.
	page.once('dialog', (d) => void d.accept());
	await page.getByTestId('evidence').filter({ hasText: title }).getByRole('button', { name: `Verwijderen: ${title}` }).click();
	await expect(page.getByTestId('evidence').filter({ hasText: title })).toHaveCount(0);
});

test('coaches get a 403 from the student export, signed-out visitors a 401', async ({ page }) => {
	const anonymous = await page.request.get('/api/portfolio/export');
	expect(anonymous.status()).toBe(401);
	await signInWithForm(page, 'coach1');
	const res = await page.request.get('/api/portfolio/export');
	expect(res.status()).toBe(403);
	expect((await res.json()).error.code).toBe('forbidden');
});
