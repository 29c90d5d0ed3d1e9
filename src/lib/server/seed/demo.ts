import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { groups, memberships, schools, users } from '../db/schema';
import { hashPassword } from '../auth/password';
import { demoAccounts, demoGroupName, demoPassword, demoSchoolName } from './demo-people';

/** Seeds the demo school when the database holds no school at all. Safe when several processes start at once. */
export async function ensureDemoSchool(db: Db): Promise<boolean> {
	const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(schools);
	if (n > 0) return false;
	const hashes = await Promise.all(demoAccounts.map(() => hashPassword(demoPassword)));
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
		const [{ n: again } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(schools);
		if (again > 0) return false;
		const [school] = await tx.insert(schools).values({ name: demoSchoolName, isDemo: true }).returning();
		const schoolId = school!.id;
		const [group] = await tx.insert(groups).values({ schoolId, name: demoGroupName }).returning();
		const created = await tx
			.insert(users)
			.values(demoAccounts.map((a, i) => ({ ...a, schoolId, passwordHash: hashes[i]! })))
			.returning({ id: users.id, role: users.role });
		await tx.insert(memberships).values(
			created
				.filter((u) => u.role !== 'admin')
				.map((u) => ({ schoolId, groupId: group!.id, userId: u.id, role: u.role as 'student' | 'coach' }))
		);
		return true;
	});
}

/** The demo accounts are listed on the sign-in page only while the demo school exists. */
export async function demoActive(db: Db): Promise<boolean> {
	const rows = await db.select({ id: schools.id }).from(schools).where(eq(schools.isDemo, true)).limit(1);
	return rows.length > 0;
}
