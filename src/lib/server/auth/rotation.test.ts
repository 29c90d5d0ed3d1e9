import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchool, makeUser, testPassword } from '$test/db';
import { freshDatabase, HttpClient, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';

/** Against the built server: signing in ends the session the browser already had (session rotation). */
let database: FreshDatabase;
let server: ServerProcess;
beforeAll(async () => {
	database = await freshDatabase();
	await withDatabase(database.config, async (db) => {
		const school = await makeSchool(db, 'Rotatie');
		await makeUser(db, school.id, 'student', 'rotatie1');
		await makeUser(db, school.id, 'coach', 'rotatie2');
	});
	server = await startServer({ database, env: { KOERS_DEMO: '0', KOERS_LOG: 'silent' } });
}, 120_000);
afterAll(async () => {
	await server?.stop();
	await database?.dispose();
});

describe('session rotation on sign-in', () => {
	it('ends the session the request carried, whoever it belonged to', async () => {
		const browser = new HttpClient(server.url);
		await browser.signIn('rotatie1', testPassword);
		const first = browser.cookie;
		expect(first).toMatch(/^koers_session=/);

		// Someone else signs in on the same browser: a new session, and the old one is over.
		await browser.signIn('rotatie2', testPassword);
		expect(browser.cookie).not.toBe(first);
		const me = await browser.request('/api/me');
		expect(((await me.json()) as { user: { username: string } }).user.username).toBe('rotatie2');

		const stale = new HttpClient(server.url);
		stale.cookie = first;
		expect((await stale.request('/api/me')).status).toBe(401);
	});
});
