import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchool, makeUser, testPassword } from '$test/db';
import { freshDatabase, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { Browser } from '$test/security/http';

/**
 * The sign-in rate limit holds across app processes: failures spread over two servers on one
 * PostgreSQL database still lock the account (5 failures) with 429 and Retry-After on both.
 * PostgreSQL only: two processes cannot open one PGlite folder, so on PGlite this is skipped.
 */

const pg = !!process.env.KOERS_TEST_PG_URL;

describe.runIf(pg)('sign-in rate limit across two server processes (PostgreSQL)', () => {
	let database: FreshDatabase;
	let servers: ServerProcess[] = [];
	let username: string;

	beforeAll(async () => {
		database = await freshDatabase();
		username = await withDatabase(database.config, async (db) => (await makeUser(db, (await makeSchool(db)).id, 'student')).username);
		servers = await Promise.all([startServer({ database }), startServer({ database })]);
	}, 120_000);

	afterAll(async () => {
		await Promise.all(servers.map((s) => s.stop()));
		await database?.dispose();
	});

	it('locks the account after 5 failures spread over both processes, on both', async () => {
		const [a, b] = servers.map((s) => new Browser(s.url));
		const attempt = (client: Browser, password: string) => client.json('/api/auth/login', { username, password });
		// Five wrong passwords, alternating: neither process alone saw five.
		for (const [i, client] of [a, b, a, b, a].entries()) {
			const res = await attempt(client!, `wrong-password-${i}`);
			expect(res.status, `failure ${i + 1}`).toBe(401);
		}
		for (const client of [b!, a!]) {
			const res = await attempt(client, 'wrong-password-again');
			expect(res.status).toBe(429);
			const retry = Number(res.headers.get('retry-after'));
			expect(retry).toBeGreaterThan(0);
			expect(retry).toBeLessThanOrEqual(15 * 60);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe('login_rate_limited');
		}
		// Even the right password waits now, on either process.
		expect((await attempt(b!, testPassword)).status).toBe(429);
		expect((await attempt(a!, testPassword)).status).toBe(429);
	});
});

describe.skipIf(pg)('sign-in rate limit across two server processes', () => {
	it.skip('needs PostgreSQL (KOERS_TEST_PG_URL, npm run test:pg): two processes cannot share one PGlite folder', () => {});
});
