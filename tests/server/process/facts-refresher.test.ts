import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '$lib/server/db';
import { addToGroup, makeGroup, makeSchool, makeUser, testPassword } from '$test/db';
import { freshDatabase, HttpClient, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { put } from '$test/ops';

/**
 * The running server keeps the coach's dashboard facts fresh on its own: what a student syncs is
 * folded into `student_facts` in the background, before any coach looks (issue 6).
 */
let database: FreshDatabase;
let server: ServerProcess | undefined;
let studentId: string;
let username: string;

beforeAll(async () => {
	database = await freshDatabase();
	({ studentId, username } = await withDatabase(database.config, async (db) => {
		const school = await makeSchool(db);
		const group = await makeGroup(db, school.id);
		const student = await makeUser(db, school.id, 'student');
		await addToGroup(db, group, student);
		return { studentId: student.id, username: student.username };
	}));
	server = await startServer({ database, env: { KOERS_FACTS_REFRESH_MS: '500' } });
}, 120_000);

afterAll(async () => {
	await server?.stop();
	await database?.dispose();
});

it('folds what a student synced into their facts without anyone opening a dashboard', async () => {
	const client = new HttpClient(server!.url);
	await client.signIn(username, testPassword);
	const goal = put('goal', { title: 'Een doel', status: 'active' });
	const res = await client.json('/api/sync', { cursor: null, ops: [goal, put('question', { goalId: goal.id, text: 'Wat vraag ik eerst?' })] });
	expect(res.status).toBe(200);
	await new Promise((r) => setTimeout(r, 3_000));
	await server!.stop();
	server = undefined;
	const [row] = await withDatabase(database.config, (db) =>
		queryRows<{ changes: number; facts_changes: number | null; waiting_questions: number }>(
			db,
			sql`select changes, facts_changes, waiting_questions from student_facts where user_id = ${studentId}`
		)
	);
	expect(row?.changes).toBeGreaterThan(0);
	expect(row?.facts_changes).toBe(row?.changes);
	expect(row?.waiting_questions).toBe(1);
}, 60_000);
