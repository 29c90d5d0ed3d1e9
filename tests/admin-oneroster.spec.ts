import { strToU8, zipSync } from 'fflate';
import { expect, test } from './fixtures';
import { demo, expectNoAxeViolations, signInWithForm, unique } from './helpers';

/** A OneRoster 1.2 bulk set as a student information system exports it: one class, two students and their teacher. */
function rosterZip(tag: string, classOfSecond: string) {
	const files: Record<string, string> = {
		'manifest.csv': 'propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.users,bulk\nfile.classes,bulk\nfile.enrollments,bulk\n',
		'users.csv':
			'sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,role\n' +
			`stu-a-${tag},,,true,noor${tag},Noor,van IJzendoorn,student\n` +
			`stu-b-${tag},,,true,sem${tag},Sém,Müller,student\n` +
			`tea-${tag},,,true,docent${tag},Joëlle,de Boer,teacher\n`,
		'classes.csv': `sourcedId,status,dateLastModified,title\ncls-${tag},,,Klas ${tag}\n`,
		'enrollments.csv':
			'sourcedId,status,dateLastModified,classSourcedId,userSourcedId,role\n' +
			`enr-1-${tag},,,cls-${tag},stu-a-${tag},student\n` +
			`enr-2-${tag},,,${classOfSecond},stu-b-${tag},student\n` +
			`enr-3-${tag},,,cls-${tag},tea-${tag},teacher\n`
	};
	return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))));
}

test('an admin on a phone imports a OneRoster export: a broken set imports nothing and names the row, the fixed set is previewed, then imported with first passwords', async ({ browser }) => {
	const page = await (await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'nl-NL' })).newPage();
	await signInWithForm(page, demo.admin.username);
	await page.goto('/admin/connections');
	await page.getByRole('link', { name: /OneRoster/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'OneRoster importeren' })).toBeVisible();

	const tag = unique('');
	// The second student's enrollment names a class the export does not have.
	await page.locator('#files').setInputFiles({ name: 'export.zip', mimeType: 'application/zip', buffer: rosterZip(tag, 'cls-missing') });
	await page.getByRole('button', { name: 'Controleren' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Er is niets geïmporteerd');
	await expect(alert).toContainText('enrollments.csv, rij 3');
	await expect(alert).toContainText('cls-missing');
	await expectNoAxeViolations(page, 'OneRoster import with problems');
	await page.goto('/admin/users');
	await expect(page.getByText(`noor${tag}`)).toHaveCount(0);

	await page.goto('/admin/import/oneroster');
	await page.locator('#files').setInputFiles({ name: 'export.zip', mimeType: 'application/zip', buffer: rosterZip(tag, `cls-${tag}`) });
	await page.getByRole('button', { name: 'Controleren' }).click();
	const preview = page.getByRole('status').filter({ hasText: 'Dit gaat er gebeuren' });
	await expect(preview).toContainText('Nieuwe accounts: 3');
	await expect(preview).toContainText('Nieuwe groepen: 1');
	await expect(preview).toContainText('In een groep gezet: 3');
	await expectNoAxeViolations(page, 'OneRoster preview');

	// The preview wrote nothing; "Nu importeren" needs no second upload.
	await page.getByRole('button', { name: 'Nu importeren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Klaar: de import is gelukt' })).toBeVisible();
	const rows = page.getByRole('table').locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows.filter({ hasText: `sem${tag}` })).toContainText('Sém Müller');
	await expect(rows.filter({ hasText: `noor${tag}` })).toContainText('Noor van IJzendoorn');
	await expectNoAxeViolations(page, 'OneRoster import done');
	// Nothing on the page scrolls sideways on a phone.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// The same export again changes nothing and duplicates nobody.
	await page.goto('/admin/import/oneroster');
	await page.locator('#files').setInputFiles({ name: 'export.zip', mimeType: 'application/zip', buffer: rosterZip(tag, `cls-${tag}`) });
	await page.getByRole('button', { name: 'Controleren' }).click();
	const again = page.getByRole('status').filter({ hasText: 'Dit gaat er gebeuren' });
	await expect(again).toContainText('Nieuwe accounts: 0');
	await expect(again).toContainText('Nieuwe groepen: 0');
});
