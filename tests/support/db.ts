import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '$lib/server/db';
import { groups, memberships, schools, users } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { createPgDatabase } from './server-process';
import type { Role } from '$lib/domain/constants';

/**
 * One database per test file: an in-memory PGlite by default, or a fresh database on the
 * PostgreSQL server in KOERS_TEST_PG_URL (the `npm run test:pg` leg), dropped afterwards.
 */
export async function openTestDatabase(): Promise<Database & { reset(): Promise<void> }> {
	const adminUrl = process.env.KOERS_TEST_PG_URL;
	let database: Database;
	let drop = async () => {};
	if (adminUrl) {
		const created = await createPgDatabase(adminUrl);
		database = await openDatabase({ databaseUrl: created.url });
		drop = created.drop;
	} else {
		database = await openDatabase({ dataDir: 'memory://' });
	}
	return {
		...database,
		async close() {
			await database.close();
			await drop();
		},
		async reset() {
			await database.db.execute(sql`truncate schools, users, groups, memberships, sessions, login_attempts, records, record_history, applied_ops, access_log, erasures, student_facts cascade`);
		}
	};
}

export const testPassword = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

/** Factories for test data; one password hash per run, since scrypt is deliberately slow. */
export async function makeSchool(db: Db, name = `School ${randomUUID().slice(0, 6)}`) {
	const [school] = await db.insert(schools).values({ name }).returning();
	return school!;
}

export async function makeUser(db: Db, schoolId: string, role: Role, username = `${role}-${randomUUID().slice(0, 8)}`) {
	passwordHash ??= hashPassword(testPassword);
	const [user] = await db
		.insert(users)
		.values({ schoolId, role, username, displayName: `Test ${username}`, passwordHash: await passwordHash })
		.returning();
	return user!;
}

export async function makeGroup(db: Db, schoolId: string, name = `Groep ${randomUUID().slice(0, 6)}`) {
	const [group] = await db.insert(groups).values({ schoolId, name }).returning();
	return group!;
}

export async function addToGroup(db: Db, group: { id: string; schoolId: string }, user: { id: string; role: Role }) {
	await db.insert(memberships).values({ schoolId: group.schoolId, groupId: group.id, userId: user.id, role: user.role as 'student' | 'coach' });
}

/** Two schools, each with a group holding a coach and two students, plus an admin; and a second group in school A. */
export async function makeTwoSchools(db: Db) {
	const a = await makeSchool(db, 'School A');
	const b = await makeSchool(db, 'School B');
	const build = async (school: { id: string }) => {
		const group = await makeGroup(db, school.id, 'Groep 1');
		const otherGroup = await makeGroup(db, school.id, 'Groep 2');
		const coach = await makeUser(db, school.id, 'coach');
		const otherCoach = await makeUser(db, school.id, 'coach');
		const student = await makeUser(db, school.id, 'student');
		const classmate = await makeUser(db, school.id, 'student');
		const otherStudent = await makeUser(db, school.id, 'student');
		const admin = await makeUser(db, school.id, 'admin');
		for (const u of [coach, student, classmate]) await addToGroup(db, group, u);
		for (const u of [otherCoach, otherStudent]) await addToGroup(db, otherGroup, u);
		return { school, group, otherGroup, coach, otherCoach, student, classmate, otherStudent, admin };
	};
	return { a: await build(a), b: await build(b) };
}
