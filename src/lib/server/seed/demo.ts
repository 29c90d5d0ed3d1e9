import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { groups, memberships, schools, users } from '../db/schema';
import { hashPassword } from '../auth/password';
import { log } from '../log';
import { demoData, type DemoAccount } from './demo-files';
import { demoLearningSeeded, seedDemoLearning, type DemoSchoolIds } from './demo-learning';

/**
 * Seeds the demo school when the database holds no school at all: the people in one transaction,
 * then their learning content through the sync engine (`seedDemoLearning`). Safe when several
 * processes start at once. Returns true only for the call that created the school.
 *
 * When the demo school exists but its learning content is incomplete (a start that stopped halfway),
 * the content is completed; the seed's ops are idempotent, so this never writes anything twice.
 */
export async function ensureDemoSchool(db: Db, now: Date = new Date()): Promise<boolean> {
	const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(schools);
	if (n > 0) {
		await completeDemoLearning(db, now);
		return false;
	}
	// A demo folder with mistakes stops the first start here, naming each file and field.
	const demo = demoData();
	// The demo password is public, so one hash serves every demo account (a first start is 7 s faster);
	// a password the person changes later gets its own salt.
	const shared = await hashPassword(demo.password);
	const ids = await db.transaction(async (tx): Promise<DemoSchoolIds | null> => {
		await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
		const [{ n: again } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(schools);
		if (again > 0) return null;
		const [school] = await tx.insert(schools).values({ name: demo.school, isDemo: true }).returning();
		const schoolId = school!.id;
		const [group] = await tx.insert(groups).values({ schoolId, name: demo.group }).returning();
		const created = await tx
			.insert(users)
			.values(demo.accounts.map((a) => ({ ...a, schoolId, passwordHash: shared })))
			.returning({ id: users.id, role: users.role, username: users.username });
		await tx.insert(memberships).values(
			created
				.filter((u) => u.role !== 'admin')
				.map((u) => ({ schoolId, groupId: group!.id, userId: u.id, role: u.role as 'student' | 'coach' }))
		);
		return { schoolId, groupId: group!.id, userIds: Object.fromEntries(created.map((u) => [u.username, u.id])) };
	});
	if (!ids) return false;
	await seedDemoLearning(db, ids, now, demo);
	return true;
}

/** Finishes the demo school's learning content if an earlier start did not. A no-op otherwise. */
async function completeDemoLearning(db: Db, now: Date): Promise<void> {
	const [school] = await db.select({ id: schools.id }).from(schools).where(eq(schools.isDemo, true)).limit(1);
	if (!school || (await demoLearningSeeded(db, school.id))) return;
	try {
		const demo = demoData();
		const [group] = await db
			.select({ id: groups.id })
			.from(groups)
			.where(and(eq(groups.schoolId, school.id), eq(groups.name, demo.group)))
			.limit(1);
		const people = await db.select({ id: users.id, username: users.username }).from(users).where(eq(users.schoolId, school.id));
		const userIds = Object.fromEntries(people.map((u) => [u.username, u.id]));
		// A demo school someone has reshaped (group or accounts gone) is left as it is.
		if (!group || demo.accounts.some((a) => !userIds[a.username])) return;
		await seedDemoLearning(db, { schoolId: school.id, groupId: group.id, userIds }, now, demo);
	} catch (e) {
		// The school is in use by now; a demo that cannot be completed must not stop the server.
		log.warn('demo content not completed', { error: e instanceof Error ? e.message.slice(0, 500) : String(e) });
	}
}

/** The demo accounts are listed on the sign-in page only while the demo school exists. */
export async function demoActive(db: Db): Promise<boolean> {
	const rows = await db.select({ id: schools.id }).from(schools).where(eq(schools.isDemo, true)).limit(1);
	return rows.length > 0;
}

/** What the sign-in page lists while the demo school exists: the demo's public password and accounts. */
export async function demoSignIn(db: Db): Promise<{ password: string; accounts: DemoAccount[] } | null> {
	if (!(await demoActive(db))) return null;
	try {
		const { password, accounts } = demoData();
		return { password, accounts: accounts.map(({ username, displayName, role }) => ({ username, displayName, role })) };
	} catch (e) {
		// The demo folder was changed after seeding and no longer reads: sign-in works, without the list.
		log.warn('demo accounts not listed', { error: e instanceof Error ? e.message.slice(0, 500) : String(e) });
		return null;
	}
}
