import { type APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';
import { demoPassword } from './helpers';

/**
 * The JSON API contract. Wrong passwords in this file: 2 on student20 and 1 on an unknown name,
 * plus 5 on student23 for the lock test; every spec together stays far below the 30 per address.
 */

const json = 'application/json';

async function expectError(res: APIResponse, status: number, code: string) {
	expect(res.status(), `status for ${code}`).toBe(status);
	expect(res.headers()['content-type']).toContain(json);
	const body = await res.json();
	// The request id in the body is the one in the header: a student can quote it, the log has it.
	expect(body).toEqual({ error: { code, message: expect.any(String), requestId: res.headers()['x-request-id'] } });
	expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
	expect(body.error.message.length).toBeGreaterThan(5);
	return body.error.message as string;
}

test.describe('JSON API', () => {
	test('GET /api/health reports the embedded database, migrations and the demo school', async ({ request }) => {
		const res = await request.get('/api/health');
		expect(res.status()).toBe(200);
		expect(res.headers()['cache-control']).toBe('no-store');
		const body = await res.json();
		expect(body).toMatchObject({ status: 'ok', database: 'pglite', migrations: { upToDate: true }, demo: true });
		expect(body.migrations.applied).toBe(body.migrations.expected);
		expect(body.migrations.applied).toBeGreaterThan(0);
	});

	test('every response carries the security headers', async ({ request }) => {
		for (const path of ['/api/health', '/login', '/api/nothing-here']) {
			const res = await request.get(path);
			const h = res.headers();
			expect(h['x-content-type-options'], path).toBe('nosniff');
			expect(h['x-frame-options'], path).toBe('DENY');
			expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
			expect(h['x-request-id'], path).toMatch(/^[0-9a-f-]{36}$/);
		}
	});

	test('GET /api/me without a session is a 401 in JSON', async ({ request }) => {
		await expectError(await request.get('/api/me'), 401, 'not_signed_in');
	});

	test('signing in returns the home of the role and a session cookie that /api/me accepts', async ({ request }) => {
		const res = await request.post('/api/auth/login', { data: { username: 'student2', password: demoPassword } });
		expect(res.status()).toBe(200);
		expect(await res.json()).toEqual({ ok: true, home: '/student' });
		const cookie = res.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('koers_session='));
		expect(cookie?.value).toMatch(/HttpOnly/i);
		expect(cookie?.value).toMatch(/SameSite=Lax/i);
		expect(cookie?.value).toMatch(/Path=\//);

		const me = await request.get('/api/me');
		expect(me.status()).toBe(200);
		expect(me.headers()['cache-control']).toContain('no-store');
		const body = await me.json();
		expect(body.user).toMatchObject({
			username: 'student2',
			displayName: 'Lotte de Graaf',
			role: 'student',
			schoolName: 'ROC De Koers (demo)'
		});
		// Never a secret in the answer.
		expect(JSON.stringify(body)).not.toMatch(/scrypt|password|hash/i);
	});

	test('each role gets its own home; usernames ignore case and surrounding spaces', async ({ request }) => {
		for (const [username, home] of [
			['coach2', '/coach'],
			['admin', '/admin'],
			['  Student3 ', '/student']
		] as const) {
			const res = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
			expect(res.status(), username).toBe(200);
			expect((await res.json()).home, username).toBe(home);
		}
		// The last sign-in wins on this client.
		expect((await (await request.get('/api/me')).json()).user.username).toBe('student3');
	});

	test('signing out through the API ends the session', async ({ request }) => {
		expect((await request.post('/api/auth/login', { data: { username: 'coach1', password: demoPassword } })).status()).toBe(200);
		expect((await request.get('/api/me')).status()).toBe(200);
		const out = await request.post('/api/auth/logout');
		expect(out.status()).toBe(200);
		expect(await out.json()).toEqual({ ok: true });
		await expectError(await request.get('/api/me'), 401, 'not_signed_in');
	});

	test('a wrong password or an unknown name is a 401 with the same message, and signs nobody in', async ({ request }) => {
		const wrong = await expectError(
			await request.post('/api/auth/login', { data: { username: 'student20', password: 'wrong-password' } }),
			401,
			'login_invalid'
		);
		expect(wrong).toContain('Gebruikersnaam of wachtwoord klopt niet');
		const unknown = await expectError(
			await request.post('/api/auth/login', { data: { username: 'nobody-at-this-school', password: 'whatever-it-is' } }),
			401,
			'login_invalid'
		);
		expect(unknown).toBe(wrong);
		await expectError(await request.get('/api/me'), 401, 'not_signed_in');
	});

	test('malformed JSON is a 400 json_malformed', async ({ request }) => {
		const res = await request.post('/api/auth/login', { headers: { 'content-type': json }, data: Buffer.from('{"username":"student1",') });
		await expectError(res, 400, 'json_malformed');
	});

	test('JSON of the wrong shape is a 400 invalid_input naming the field', async ({ request }) => {
		const missing = await request.post('/api/auth/login', { data: { username: 'student1' } });
		expect(await expectError(missing, 400, 'invalid_input')).toContain('password');
		await expectError(await request.post('/api/auth/login', { data: { username: 5, password: demoPassword } }), 400, 'invalid_input');
		await expectError(await request.post('/api/auth/login', { headers: { 'content-type': json }, data: Buffer.from('null') }), 400, 'invalid_input');
		await expectError(await request.post('/api/auth/login', { data: { username: '', password: '' } }), 400, 'invalid_input');
	});

	test('a body that is not JSON is a 415', async ({ request, baseURL }) => {
		// Same-origin, so SvelteKit's cross-site form check lets it through to the endpoint.
		const plain = await request.post('/api/auth/login', {
			headers: { 'content-type': 'text/plain', origin: baseURL! },
			data: JSON.stringify({ username: 'student1', password: demoPassword })
		});
		await expectError(plain, 415, 'json_required');
		const xml = await request.post('/api/auth/login', { headers: { 'content-type': 'application/xml' }, data: '<login/>' });
		await expectError(xml, 415, 'json_required');
		const none = await request.post('/api/auth/login', { data: Buffer.from('{}') });
		expect(none.status()).toBe(415);
		await expectError(await request.get('/api/me'), 401, 'not_signed_in');
	});

	test('a sign-in body over 4 KB is a 413 and is not read', async ({ request }) => {
		const big = await request.post('/api/auth/login', {
			data: { username: 'student1', password: demoPassword, padding: 'x'.repeat(5000) }
		});
		await expectError(big, 413, 'body_too_large');
		// Just under the limit is fine.
		const ok = await request.post('/api/auth/login', {
			data: { username: 'student1', password: demoPassword, padding: 'x'.repeat(3900) }
		});
		expect(ok.status()).toBe(200);
	});

	test('unknown API paths answer 404 in JSON, for any method', async ({ request }) => {
		await expectError(await request.get('/api/whatever'), 404, 'not_found');
		await expectError(await request.get('/api/whatever/deeper/still'), 404, 'not_found');
		await expectError(await request.post('/api/whatever', { data: { a: 1 } }), 404, 'not_found');
		await expectError(await request.delete('/api/whatever'), 404, 'not_found');
	});

	test('error messages follow the chosen language', async ({ request, baseURL }) => {
		const set = await request.post('/language', {
			headers: { origin: baseURL! },
			form: { locale: 'en', next: '/login' },
			maxRedirects: 0
		});
		expect(set.status()).toBe(303);
		expect(set.headers()['location']).toBe('/login');
		expect(set.headers()['set-cookie']).toContain('PARAGLIDE_LOCALE=en');

		const msg = await expectError(await request.get('/api/me'), 401, 'not_signed_in');
		expect(msg).toBe('You are not signed in. Please sign in first.');
		const me = await request.post('/api/auth/login', { data: { username: 'student1', password: demoPassword } });
		expect(me.status()).toBe(200);
		expect((await (await request.get('/api/me')).json()).locale).toBe('en');
	});

	test('the language switch only redirects inside the app and ignores unknown languages', async ({ request, baseURL }) => {
		for (const [next, location] of [
			['//evil.example/x', '/'],
			['https://evil.example/', '/'],
			['/\\evil.example', '/'],
			['/student/goals?x=1', '/student/goals?x=1']
		] as [string, string][]) {
			const res = await request.post('/language', { headers: { origin: baseURL! }, form: { locale: 'xx', next }, maxRedirects: 0 });
			expect(res.status(), next).toBe(303);
			expect(res.headers()['location'], next).toBe(location);
			expect(res.headers()['set-cookie'] ?? '', next).not.toContain('PARAGLIDE_LOCALE');
		}
	});

	test('odd requests never cause a server error', async ({ request, baseURL }) => {
		const origin = { origin: baseURL! };
		const answers: [string, number][] = [];
		const check = async (label: string, res: Promise<APIResponse>) => answers.push([label, (await res).status()]);
		await check('GET /api/auth/login', request.get('/api/auth/login'));
		await check('PUT /api/me', request.put('/api/me', { data: {} }));
		await check('POST /api/health', request.post('/api/health', { data: {} }));
		await check('GET /api/%ff', request.get('/api/%ff'));
		await check('GET /coach/groups/not-a-uuid', request.get('/coach/groups/not-a-uuid', { maxRedirects: 0 }));
		await check('GET /nowhere', request.get('/nowhere'));
		await check('POST /logout signed out', request.post('/logout', { headers: origin, maxRedirects: 0 }));
		await check('POST /language empty', request.post('/language', { headers: origin, form: {}, maxRedirects: 0 }));
		await check('POST /login empty', request.post('/login', { headers: origin, form: {}, maxRedirects: 0 }));
		await check('POST /login huge', request.post('/login', { headers: origin, form: { username: 'u'.repeat(500), password: 'p'.repeat(500) } }));
		await check('GET /api/me bad cookie', request.get('/api/me', { headers: { cookie: 'koers_session=%00%ff;PARAGLIDE_LOCALE=zz' } }));
		// Signed in as admin: ids that do not exist.
		expect((await request.post('/api/auth/login', { data: { username: 'admin', password: demoPassword } })).status()).toBe(200);
		await check('GET /admin/groups/<unknown id>', request.get('/admin/groups/00000000-0000-4000-8000-000000000000'));
		await check(
			'POST reset unknown user',
			request.post('/admin/users?/reset', { headers: origin, form: { userId: '00000000-0000-4000-8000-000000000000' } })
		);
		await check('POST reset not a uuid', request.post('/admin/users?/reset', { headers: origin, form: { userId: 'x' } }));

		for (const [label, status] of answers) expect(status, label).toBeLessThan(500);
		expect(Object.fromEntries(answers)).toMatchObject({
			'GET /api/auth/login': 405,
			'GET /api/%ff': expect.any(Number),
			'GET /coach/groups/not-a-uuid': 303,
			'GET /nowhere': 404,
			'POST /logout signed out': 303,
			'GET /admin/groups/<unknown id>': 404
		});
	});

	test('a wrong method on an API path answers in JSON with the allowed methods', async ({ request }) => {
		const res = await request.get('/api/auth/login');
		await expectError(res, 405, 'method_not_allowed');
		expect(res.headers()['allow']).toContain('POST');
	});

	test('five wrong passwords lock the account for a while, even for the right password', async ({ request, page }) => {
		const username = 'student23';
		for (let i = 1; i <= 5; i++) {
			const res = await request.post('/api/auth/login', { data: { username, password: `wrong-${i}` } });
			expect(res.status(), `attempt ${i}`).toBe(401);
		}
		const locked = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
		const message = await expectError(locked, 429, 'login_rate_limited');
		expect(message).toContain('Te vaak een verkeerd wachtwoord');
		const retryAfter = Number(locked.headers()['retry-after']);
		expect(retryAfter).toBeGreaterThan(60);
		expect(retryAfter).toBeLessThanOrEqual(15 * 60);
		await expectError(await request.get('/api/me'), 401, 'not_signed_in');

		// The person sees why in the form too.
		await page.goto('/login');
		await page.locator('#username').fill(username);
		await page.locator('#password').fill(demoPassword);
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.getByRole('alert')).toContainText('Te vaak een verkeerd wachtwoord');
		await expect(page).toHaveURL(/\/login/);

		// Other accounts on the same address still sign in.
		expect((await request.post('/api/auth/login', { data: { username: 'student24', password: demoPassword } })).status()).toBe(200);
	});
});
