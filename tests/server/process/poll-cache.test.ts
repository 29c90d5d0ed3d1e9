import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addToGroup, makeGroup, makeSchool, makeUser, testPassword } from '$test/db';
import { freshDatabase, HttpClient, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { put } from '$test/ops';

/**
 * Devices polling the running server: polls with nothing new are answered from the poll cache, and still
 * every write arrives on the next poll and a sign-out ends the device's polling at once (issue 6). On
 * PostgreSQL (`npm run test:pg`) the server runs as two workers, so a write and a poll may meet different
 * processes: each hears the other's writes through the database.
 */
let database: FreshDatabase;
let server: ServerProcess;
let people: { student: string; coach: string };
const workers = process.env.KOERS_TEST_PG_URL ? 2 : 1;

beforeAll(async () => {
	database = await freshDatabase();
	people = await withDatabase(database.config, async (db) => {
		const school = await makeSchool(db);
		const group = await makeGroup(db, school.id);
		const student = await makeUser(db, school.id, 'student');
		const coach = await makeUser(db, school.id, 'coach');
		await addToGroup(db, group, student);
		await addToGroup(db, group, coach);
		return { student: student.username, coach: coach.username };
	});
	server = await startServer({ database, env: { KOERS_WORKERS: String(workers) } });
}, 120_000);

afterAll(async () => {
	await server?.stop();
	await database?.dispose();
});

interface Answer {
	cursor: string;
	changes: { id: string }[];
	more: boolean;
}

async function poll(client: HttpClient, cursor: string | null): Promise<Answer> {
	const res = await client.json('/api/sync', { cursor, ops: [] });
	expect(res.status).toBe(200);
	return (await res.json()) as Answer;
}

async function upToDate(client: HttpClient) {
	let cursor: string | null = null;
	for (;;) {
		const answer = await poll(client, cursor);
		cursor = answer.cursor;
		if (!answer.more) return cursor;
	}
}

/** Polls (as a device does, every moment) until the change arrives or 5 s pass. */
async function pollUntil(client: HttpClient, cursor: string, id: string): Promise<Answer> {
	const until = Date.now() + 5_000;
	for (;;) {
		const answer = await poll(client, cursor);
		if (answer.changes.some((c) => c.id === id) || Date.now() > until) return answer;
		await new Promise((r) => setTimeout(r, 50));
	}
}

it(`answers polls, delivers every write on a later poll and stops a signed-out device (${workers} worker${workers > 1 ? 's' : ''})`, async () => {
	const phone = new HttpClient(server.url);
	const laptop = new HttpClient(server.url);
	const coach = new HttpClient(server.url);
	await phone.signIn(people.student, testPassword);
	await laptop.signIn(people.student, testPassword);
	await coach.signIn(people.coach, testPassword);
	const phoneCursor = await upToDate(phone);
	const coachCursor = await upToDate(coach);

	// Up to date: many polls, nothing new, the same cursor back.
	for (let i = 0; i < 20; i++) expect(await poll(phone, phoneCursor)).toEqual({ cursor: phoneCursor, results: [], changes: [], more: false, reset: false });

	// The student writes on the laptop: the phone and the coach get it on a poll.
	const goal = put('goal', { title: 'Stage: klantgesprek voeren', status: 'active' });
	const pushed = await laptop.json('/api/sync', { cursor: null, ops: [goal] });
	expect(pushed.status).toBe(200);
	expect((await pollUntil(phone, phoneCursor, goal.id)).changes.map((c) => c.id)).toContain(goal.id);
	const seen = await pollUntil(coach, coachCursor, goal.id);
	expect(seen.changes.map((c) => c.id)).toContain(goal.id);

	// The coach answers; the phone, polling with its newest cursor, gets the feedback.
	const phoneNow = await upToDate(phone);
	const feedback = put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'feedforward', body: 'Goed gekozen. Wie is je eerste klant?' });
	expect((await coach.json('/api/sync', { cursor: seen.cursor, ops: [feedback] })).status).toBe(200);
	expect((await pollUntil(phone, phoneNow, feedback.id)).changes.map((c) => c.id)).toContain(feedback.id);

	// Signed out on the phone: the phone's token is refused from then on (a stolen copy included), though the
	// laptop polls on. With two workers the other one hears of the sign-out through the database.
	const phoneLast = await upToDate(phone);
	const token = phone.cookie;
	expect((await phone.request('/logout', { method: 'POST' })).status).toBe(303);
	phone.cookie = token;
	const until = Date.now() + 2_000;
	let status = 0;
	while (Date.now() < until) {
		const res = await phone.json('/api/sync', { cursor: phoneLast, ops: [] });
		status = res.status;
		if (status === 401) break;
		// Until the sign-out is heard, at most "nothing new": never data.
		expect(((await res.json()) as Answer).changes).toEqual([]);
	}
	expect(status).toBe(401);
	expect((await laptop.json('/api/sync', { cursor: phoneLast, ops: [] })).status).toBe(200);
}, 60_000);

it('stops gracefully on SIGTERM, every worker with it', async () => {
	const pid = server.child.pid!;
	const workersBefore = childProcesses(pid);
	expect(workersBefore.length).toBe(workers > 1 ? workers : 0);
	expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
	for (const worker of workersBefore) expect(alive(worker)).toBe(false);
}, 30_000);

function childProcesses(pid: number): number[] {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
