import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToGroup, makeGroup, makeSchool, makeUser, testPassword } from '$test/db';
import { freshDatabase, HttpClient, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { acceptsGzip } from './compress';

/** What a phone on a weak signal receives from the built server: gzipped pages and JSON, byte for byte. */

let database: FreshDatabase;
let server: ServerProcess;
let cookie: string;

beforeAll(async () => {
	database = await freshDatabase();
	const username = await withDatabase(database.config, async (db) => {
		const school = await makeSchool(db);
		const group = await makeGroup(db, school.id);
		const student = await makeUser(db, school.id, 'student');
		await addToGroup(db, group, student);
		return student.username;
	});
	server = await startServer({ database });
	const client = new HttpClient(server.url);
	await client.signIn(username, testPassword);
	cookie = client.cookie;
}, 120_000);

afterAll(async () => {
	await server?.stop();
	await database?.dispose();
});

/** A raw request: the bytes as sent, not decoded as fetch would. */
function raw(pathname: string, headers: Record<string, string>, method = 'GET', body?: string) {
	return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
		const url = new URL(pathname, server.url);
		const req = httpRequest(url, { method, headers: { cookie, ...headers } }, (res) => {
			const parts: Buffer[] = [];
			res.on('data', (c: Buffer) => parts.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

describe('compressed responses', () => {
	it('sends a page gzipped to a browser that takes gzip, and plain to one that does not', async () => {
		const zipped = await raw('/student/goals', { 'accept-encoding': 'gzip, deflate, br' });
		expect(zipped.status).toBe(200);
		expect(zipped.headers['content-encoding']).toBe('gzip');
		expect(String(zipped.headers.vary)).toMatch(/accept-encoding/i);
		const html = gunzipSync(zipped.body).toString('utf8');
		expect(html).toContain('<html');
		expect(zipped.body.length).toBeLessThan(html.length / 2);

		const plain = await raw('/student/goals', {});
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString('utf8')).toContain('<html');
		const refused = await raw('/student/goals', { 'accept-encoding': 'gzip;q=0, identity' });
		expect(refused.headers['content-encoding']).toBeUndefined();
	});

	it('sends a sync answer gzipped, and it decodes to the same JSON', async () => {
		const body = JSON.stringify({ cursor: null, ops: [] });
		const zipped = await raw('/api/sync', { 'accept-encoding': 'gzip', 'content-type': 'application/json', origin: server.url }, 'POST', body);
		expect(zipped.status).toBe(200);
		const json = JSON.parse((zipped.headers['content-encoding'] === 'gzip' ? gunzipSync(zipped.body) : zipped.body).toString('utf8'));
		expect(json).toMatchObject({ changes: expect.any(Array), more: false });
		expect(typeof json.cursor).toBe('string');
	});

	it('leaves small answers and built files as they are', async () => {
		const health = await raw('/api/health', { 'accept-encoding': 'gzip' });
		expect(health.status).toBe(200);
		expect(health.headers['content-encoding']).toBeUndefined();
		expect(JSON.parse(health.body.toString('utf8'))).toBeTruthy();
	});
});

describe('Accept-Encoding', () => {
	it('takes gzip when it is offered and not refused', () => {
		expect(acceptsGzip('gzip, deflate, br')).toBe(true);
		expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('gzip;q=0')).toBe(false);
		expect(acceptsGzip('identity')).toBe(false);
		expect(acceptsGzip('deflate, br')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});
});

describe('a page paints before its scripts run (paint-first.ts)', () => {
	it('names no script in its Link header, and preloads after the first frame scripts the server does serve', async () => {
		const page = await raw('/student', {});
		expect(page.status).toBe(200);
		expect(String(page.headers.link ?? '')).not.toMatch(/\.js>/);
		const html = page.body.toString('utf8');
		const boot = html.slice(html.lastIndexOf('<script nonce='));
		expect(boot).toMatch(/requestAnimationFrame\(\(\) => setTimeout\(go\)\)/);
		const listed = JSON.parse(/const scripts = (\[[^\]]*\]);/.exec(boot)![1]!) as string[];
		// Everything the start-up script imports is among them: no waterfall of imports after the paint.
		for (const imported of boot.matchAll(/import\("([^"]+)"\)/g)) expect(listed).toContain(imported[1]);
		expect(listed.length).toBeGreaterThan(5);
		for (const href of listed) expect((await raw(new URL(href, `${server.url}/student`).pathname, {})).status, href).toBe(200);
	});
});
