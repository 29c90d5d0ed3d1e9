import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { groups, users } from '$lib/server/db/schema';
import { makeTwoSchools, testPassword } from '$test/db';
import { freshDatabase, HttpClient, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { put } from '$test/ops';

/**
 * The running server keeps a coach's group page as rendered and serves it again (issue 6), until the
 * database's change feed says something on it may have changed. One server process, so that "the same
 * page" can be seen: two processes each keep their own.
 */
let database: FreshDatabase;
let server: ServerProcess;
let ids: { group: string; student: string; outsider: string; coach: string; otherCoach: string; admin: string; newcomer: { id: string; name: string } };

beforeAll(async () => {
	database = await freshDatabase();
	ids = await withDatabase(database.config, async (db) => {
		const { a } = await makeTwoSchools(db);
		await db.update(groups).set({ name: 'Verpleegkunde 3B' }).where(eq(groups.id, a.group.id));
		return {
			group: a.group.id,
			student: a.student.username,
			outsider: a.otherStudent.username,
			coach: a.coach.username,
			otherCoach: a.otherCoach.username,
			admin: a.admin.username,
			newcomer: { id: a.otherStudent.id, name: a.otherStudent.displayName }
		};
	});
	server = await startServer({ database, env: { KOERS_WORKERS: '1' } });
}, 120_000);

afterAll(async () => {
	await server?.stop();
	await database?.dispose();
});

interface Page {
	status: number;
	body: string;
	nonce: string;
	encoding: string | null;
}

async function page(client: HttpClient, path = `/coach/groups/${ids.group}`, init: RequestInit = {}): Promise<Page> {
	const res = await client.request(path, init);
	const body = await res.text();
	const nonce = res.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1] ?? '';
	return { status: res.status, body, nonce, encoding: res.headers.get('content-encoding') };
}

/** The same page as `before`, apart from its nonce (a page rendered anew differs: it says when it was made). */
const same = (a: Page, b: Page) => b.body.replaceAll(b.nonce, a.nonce) === a.body;

/** Loads the page until it is no longer the kept one (the feed's word arrives a moment after the commit). */
async function changed(client: HttpClient, before: Page): Promise<Page> {
	const until = Date.now() + 5_000;
	for (;;) {
		const now = await page(client);
		if (!same(before, now) || Date.now() > until) return now;
		await new Promise((r) => setTimeout(r, 50));
	}
}

async function pushAs(username: string, op: ReturnType<typeof put>) {
	const device = new HttpClient(server.url);
	await device.signIn(username, testPassword);
	expect((await device.json('/api/sync', { cursor: null, ops: [op] })).status).toBe(200);
}

it('serves a coach’s group page again with a fresh nonce, and anew once a student of the group writes', async () => {
	const coach = new HttpClient(server.url);
	await coach.signIn(ids.coach, testPassword);
	const first = await page(coach);
	expect(first.status).toBe(200);
	expect(first.body).toContain('Verpleegkunde 3B');
	const again = await page(coach);
	expect(again.status).toBe(200);
	// A new nonce in the header and in the page's script, every time; otherwise the very same page.
	expect(again.nonce).not.toBe(first.nonce);
	expect(again.body).toContain(`nonce="${again.nonce}"`);
	expect(again.body).not.toContain(first.nonce);
	expect(same(first, again)).toBe(true);
	// fetch asks for gzip, as browsers do: the kept page comes compressed and unpacks to the same page.
	expect(again.encoding).toBe('gzip');
	const plain = await page(coach, undefined, { headers: { 'accept-encoding': 'identity' } });
	expect(plain.encoding).toBeNull();
	expect(same(first, plain)).toBe(true);
	// A hard reload asks for a fresh page, and gets one.
	expect(same(first, await page(coach, undefined, { headers: { 'cache-control': 'no-cache' } }))).toBe(false);
	expect(same(first, await page(coach))).toBe(true);

	// The coach's start page (one group: its dashboard) is kept the same way.
	const home = await page(coach, '/coach');
	expect(home.body).toContain('Verpleegkunde 3B');
	expect(same(home, await page(coach, '/coach'))).toBe(true);

	// A student of another group writes: this page stays as it is.
	const elsewhere = put('goal', { title: 'Stage elders', status: 'active' });
	await pushAs(ids.outsider, elsewhere);
	await new Promise((r) => setTimeout(r, 300));
	expect(same(first, await page(coach))).toBe(true);

	// The group's student asks a learning question: the next load shows it waiting for the coach.
	const goal = put('goal', { title: 'Overdracht geven', status: 'active' });
	await pushAs(ids.student, goal);
	const question = put('question', { goalId: goal.id, text: 'Hoe kort mag een overdracht zijn?' });
	await pushAs(ids.student, question);
	let now = await changed(coach, first);
	const until = Date.now() + 5_000;
	while (!now.body.includes('1 wacht op jou') && Date.now() < until) now = await page(coach);
	expect(now.body).toContain('1 wacht op jou');

	// The coach answers it (from the student's page, through sync): back on the group page it no longer waits.
	const answer = put('feedback', { targetEntity: 'question', targetId: question.id, kind: 'feedback', body: 'Kort, maar met wat de avonddienst moet weten.' });
	await pushAs(ids.coach, answer);
	now = await changed(coach, now);
	const until2 = Date.now() + 5_000;
	while (now.body.includes('1 wacht op jou') && Date.now() < until2) now = await page(coach);
	expect(now.body).not.toContain('wacht op jou');
}, 60_000);

it('never serves a kept page to anyone else, nor after sign-out, and follows the group’s members and names', async () => {
	const coach = new HttpClient(server.url);
	await coach.signIn(ids.coach, testPassword);
	const kept = await page(coach);
	expect(same(kept, await page(coach))).toBe(true);

	// A coach of another group of the same school: not found, as before.
	const otherCoach = new HttpClient(server.url);
	await otherCoach.signIn(ids.otherCoach, testPassword);
	expect((await page(otherCoach)).status).toBe(404);

	// The admin adds a student (of another group) to this group: the next load lists them.
	const admin = new HttpClient(server.url);
	await admin.signIn(ids.admin, testPassword);
	expect((await admin.form(`/admin/groups/${ids.group}?/add`, { userId: ids.newcomer.id })).status).toBe(200);
	expect((await changed(coach, kept)).body).toContain(ids.newcomer.name);

	// Straight in the database (another tool; the app has no rename): the group and a student renamed.
	// On PostgreSQL only: the embedded database belongs to the server while it runs.
	if (process.env.KOERS_TEST_PG_URL) {
		const before = await page(coach);
		await withDatabase(database.config, async (db) => {
			await db.update(groups).set({ name: 'Verpleegkunde 3B (stage)' }).where(eq(groups.id, ids.group));
		});
		expect((await changed(coach, before)).body).toContain('Verpleegkunde 3B (stage)');
		const renamed = await page(coach);
		await withDatabase(database.config, async (db) => {
			await db.execute(sql`update ${users} set display_name = 'Sanne de Vries' where username = ${ids.student}`);
		});
		expect((await changed(coach, renamed)).body).toContain('Sanne de Vries');
	}

	// Signed out: at once, the old cookie gets the sign-in page, not the kept page.
	await page(coach);
	const token = coach.cookie;
	expect((await coach.request('/logout', { method: 'POST' })).status).toBe(303);
	coach.cookie = token;
	const after = await page(coach);
	expect(after.status).toBe(303);
}, 60_000);
