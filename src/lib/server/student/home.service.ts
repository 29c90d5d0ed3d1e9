import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { groups, memberships, users } from '../db/schema';
import type { Actor } from '../policy';

/** The student's groups and who coaches them: what a student may know about their class. */
export async function studentGroups(db: Db, actor: Actor) {
	const mine = await db
		.select({ id: groups.id, name: groups.name })
		.from(memberships)
		.innerJoin(groups, eq(groups.id, memberships.groupId))
		.where(and(eq(memberships.userId, actor.id), eq(memberships.schoolId, actor.schoolId)))
		.orderBy(asc(groups.name));
	if (!mine.length) return [];
	const coaches = await db
		.select({ groupId: memberships.groupId, id: users.id, displayName: users.displayName })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(
			and(
				eq(memberships.schoolId, actor.schoolId),
				eq(memberships.role, 'coach'),
				inArray(memberships.groupId, mine.map((g) => g.id))
			)
		)
		.orderBy(asc(users.displayName));
	return mine.map((g) => ({
		...g,
		coaches: coaches.filter((c) => c.groupId === g.id).map((c) => c.displayName),
		coachIds: coaches.filter((c) => c.groupId === g.id).map((c) => ({ id: c.id, displayName: c.displayName }))
	}));
}
