import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchool, makeUser, testPassword } from '$test/db';
import { freshDatabase, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { Browser } from '$test/security/http';
import { openSessions } from '$test/security/world';

/**
 * Security headers, cookies and request checks of the built server, as a browser meets them:
 * the CSP of a page, the session cookie, JSON-only endpoints, SvelteKit's cross-origin form check,
 * and a request id on every error.
 */

let database: FreshDatabase;
let server: ServerProcess;
let username: string;
let tokens: string[];

beforeAll(async () => {
	database = await freshDatabase();
	({ username, tokens } = await withDatabase(database.config, async (db) => {
		const school = await makeSchool(db);
		const user = await makeUser(db, school.id, 'student');
		return { username: user.username, tokens: await openSessions(db, user, 2) };
	}));
	server = await startServer({ database });
}, 120_000);

afterAll(async () => {
	await server?.stop();
	await database?.dispose();
});

/** `default-src 'self'; script-src 'self' 'nonce-…'` → { 'default-src': ["'self'"], … }. */
function directives(csp: string): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const part of csp.split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name) out.set(name.toLowerCase(), values);
	}
	return out;
}

describe('a page response', () => {
	it('has a CSP that allows only its own scripts (a nonce, never inline), and may not be framed', async () => {
		const res = await new Browser(server.url).page('/login');
		expect(res.status).toBe(200);
		const html = await res.text();
		const csp = directives(res.headers.get('content-security-policy') ?? '');
		const script = csp.get('script-src') ?? csp.get('default-src');
		expect(script, 'script-src').toBeDefined();
		expect(script).not.toContain("'unsafe-inline'");
		expect(script).not.toContain("'unsafe-eval'");
		expect(script!.every((v) => v === "'self'" || /^'(nonce|sha256|sha384|sha512)-[A-Za-z0-9+/=_-]+'$/.test(v)), script!.join(' ')).toBe(true);
		expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
		expect(csp.get('object-src')).toEqual(["'none'"]);
		expect(csp.get('base-uri')).toEqual(["'self'"]);
		// The page's own inline script (SvelteKit's start-up) carries the nonce: it really runs under this policy.
		const nonce = script!.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
		expect(nonce, 'a nonce in script-src').toBeTruthy();
		const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
		expect(inline.length).toBeGreaterThan(0);
		for (const [, attrs] of inline) expect(attrs).toContain(`nonce="${nonce}"`);
	});

	it('has a new nonce on every response', async () => {
		const nonceOf = async () => /'nonce-([^']+)'/.exec((await new Browser(server.url).page('/login')).headers.get('content-security-policy') ?? '')?.[1];
		const [a, b] = [await nonceOf(), await nonceOf()];
		expect(a).toBeTruthy();
		expect(a).not.toBe(b);
	});

	it('sets Referrer-Policy, Permissions-Policy, X-Content-Type-Options and X-Frame-Options', async () => {
		const res = await new Browser(server.url).page('/login');
		expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		const permissions = res.headers.get('permissions-policy') ?? '';
		for (const feature of ['camera', 'microphone', 'geolocation']) expect(permissions).toContain(`${feature}=()`);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		// Plain http (the test server): no HSTS, which would pin a browser to https that is not there.
		expect(res.headers.get('strict-transport-security')).toBeNull();
	});

	it('keeps the same protection on an error page and on JSON answers', async () => {
		const page = await new Browser(server.url).page('/no-such-page');
		expect(page.status).toBe(404);
		expect(directives(page.headers.get('content-security-policy') ?? '').get('frame-ancestors')).toEqual(["'none'"]);
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
		const api = await new Browser(server.url).request('/api/health');
		expect(api.headers.get('x-content-type-options')).toBe('nosniff');
		expect(api.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	});
});

describe('the session cookie', () => {
	function sessionCookie(res: Response): string {
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('koers_session='));
		expect(cookie, 'a session cookie').toBeDefined();
		return cookie!;
	}

	it('is HttpOnly and SameSite=Lax, without Secure on plain http (sign-in through the API)', async () => {
		const res = await new Browser(server.url).json('/api/auth/login', { username, password: testPassword });
		expect(res.status).toBe(200);
		const cookie = sessionCookie(res);
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
		expect(cookie).not.toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/;\s*Path=\//i);
	});

	it('is the same when signing in with the form (no JavaScript)', async () => {
		const res = await new Browser(server.url).post('/login', { username, password: testPassword });
		expect(res.status).toBe(303);
		const cookie = sessionCookie(res);
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
		expect(cookie).not.toMatch(/;\s*Secure/i);
	});
});

describe('requests the server refuses', () => {
	it('JSON endpoints refuse another content type with 415 and a JSON error', async () => {
		const browser = new Browser(server.url).withSession(tokens[0]!);
		for (const [path, type] of [
			['/api/sync', 'text/plain'],
			['/api/sync', 'application/x-www-form-urlencoded'],
			['/api/auth/login', 'application/xml'],
			['/api/auth/login', 'multipart/form-data; boundary=x']
		] as const) {
			const res = await browser.request(path, { method: 'POST', headers: { 'content-type': type }, body: '{"cursor":null,"ops":[]}' });
			expect(res.status, `${path} as ${type}`).toBe(415);
			expect(res.headers.get('content-type')).toContain('application/json');
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe('json_required');
		}
	});

	it('refuses a cross-origin or origin-less form post everywhere but the LTI launch, and lets the same origin through', async () => {
		const browser = new Browser(server.url);
		for (const path of ['/login', '/api/auth/login', '/logout', '/language', '/admin/import', '/lti/launchx']) {
			const res = await browser.request(path, {
				method: 'POST',
				headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
				body: `username=${username}&password=${encodeURIComponent(testPassword)}`
			});
			expect(res.status, path).toBe(403);
			expect(res.headers.getSetCookie().some((c) => c.startsWith('koers_session=')), `${path} signs nobody in`).toBe(false);
		}
		const noOrigin = await fetch(server.url + '/login', {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'multipart/form-data; boundary=x' },
			body: `--x\r\nContent-Disposition: form-data; name="username"\r\n\r\n${username}\r\n--x--\r\n`
		});
		expect(noOrigin.status, 'multipart without an origin').toBe(403);
		const same = await browser.post('/login', { username, password: testPassword });
		expect(same.status).toBe(303);
	});

	it('every error answered by the app carries an x-request-id, and API errors are JSON with a code and the same id', async () => {
		const anonymous = new Browser(server.url);
		const signedIn = new Browser(server.url).withSession(tokens[1]!);
		const cases: [string, Browser, () => Promise<Response>, number][] = [
			['page not found', anonymous, () => anonymous.page('/no-such-page'), 404],
			['API path not found', anonymous, () => anonymous.request('/api/no-such-thing'), 404],
			['not signed in', anonymous, () => anonymous.request('/api/me'), 401],
			['wrong role', signedIn, () => signedIn.request('/api/coach/x'), 403],
			['wrong method', anonymous, () => anonymous.request('/api/auth/login'), 405],
			['malformed JSON', anonymous, () => anonymous.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' }), 400],
			['invalid input', anonymous, () => anonymous.json('/api/auth/login', { username: 42 }), 400],
			['too large', signedIn, () => signedIn.request('/api/sync', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cursor: 'x'.repeat(1_100_000), ops: [] }) }), 413],
			['wrong content type', signedIn, () => signedIn.request('/api/sync', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' }), 415],
			['bad sign-in', anonymous, () => anonymous.json('/api/auth/login', { username: 'nobody-here', password: 'wrong-password-1' }), 401]
		];
		const ids = new Set<string>();
		for (const [what, , send, status] of cases) {
			const res = await send();
			expect(res.status, what).toBe(status);
			const id = res.headers.get('x-request-id');
			expect(id, `${what}: x-request-id`).toMatch(/^[0-9a-f-]{36}$/);
			ids.add(id!);
			if (res.url.includes('/api/')) {
				const body = (await res.json()) as { error?: { code?: string; message?: string; requestId?: string } };
				expect(typeof body.error?.code, `${what}: error code`).toBe('string');
				expect(body.error?.message, `${what}: error message`).toBeTruthy();
				// The id a student can read out to support is the one in the logs.
				expect(body.error?.requestId, `${what}: request id in the JSON error`).toBe(id);
			}
		}
		expect(ids.size, 'a new id per request').toBe(cases.length);
	});
});
