import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addToGroup, makeGroup, makeSchool, makeUser, testPassword } from '$test/db';
import { freshDatabase, HttpClient, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { put } from '$test/ops';

/** Structured logs: one JSON object a line, a request id on every request's line, nothing personal. */
let database: FreshDatabase;
let server: ServerProcess;
const username = `loglezer-${randomUUID().slice(0, 6)}`;
const secretTitle = `Mijn geheime doel ${randomUUID()}`;

beforeAll(async () => {
	database = await freshDatabase();
	await withDatabase(database.config, async (db) => {
		const school = await makeSchool(db);
		const group = await makeGroup(db, school.id);
		await addToGroup(db, group, await makeUser(db, school.id, 'student', username));
	});
	server = await startServer({ database, env: { KOERS_LOG: 'info' } });
}, 120_000);

afterAll(async () => {
	await server?.stop();
	await database?.dispose();
});

it('puts the request id in the header, the JSON error and the log line, and logs no names, passwords or texts', async () => {
	const client = new HttpClient(server.url);
	const wrong = await client.json('/api/auth/login', { username, password: 'niet-het-goede-wachtwoord' });
	expect(wrong.status).toBe(401);
	const id = wrong.headers.get('x-request-id');
	expect(id).toMatch(/^[0-9a-f-]{36}$/);
	const body = (await wrong.json()) as { error: { code: string; requestId: string } };
	expect(body.error).toMatchObject({ code: 'login_invalid', requestId: id });

	await client.signIn(username, testPassword);
	const synced = await client.json('/api/sync', { cursor: null, ops: [put('goal', { title: secretTitle })] });
	expect(synced.status).toBe(200);
	await new Promise((r) => setTimeout(r, 200));

	// adapter-node's own "Listening on …" line at start is the one line that is not ours.
	const lines = server
		.output()
		.split('\n')
		.filter((l) => l && !l.startsWith('Listening on '))
		.map((l) => JSON.parse(l) as Record<string, unknown>);
	const failed = lines.find((l) => l.requestId === id);
	expect(failed).toMatchObject({ level: 'info', msg: 'request', method: 'POST', route: '/api/auth/login', status: 401 });
	expect(lines.some((l) => l.route === '/api/sync' && l.status === 200 && typeof l.requestId === 'string')).toBe(true);
	const all = server.output();
	for (const secret of [username, testPassword, 'niet-het-goede-wachtwoord', secretTitle, client.cookie.split('=')[1]!]) {
		expect(all).not.toContain(secret);
	}
}, 60_000);
