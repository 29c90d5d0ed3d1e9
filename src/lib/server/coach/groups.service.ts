import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { groups, memberships, users } from '../db/schema';
import { policy, type Actor } from '../policy';
import { membershipIn } from '../policy/relations';
import { ApiError } from '../http/api';

/** The groups this coach coaches, with how many students each has. */
export async function coachGroups(db: Db, actor: Actor) {
	if (actor.role !== 'coach') throw new ApiError(403, 'forbidden');
	const mine = db
		.select({ groupId: memberships.groupId })
		.from(memberships)
		.where(and(eq(memberships.userId, actor.id), eq(memberships.role, 'coach'), eq(memberships.schoolId, actor.schoolId)));
	return db
		.select({
			id: groups.id,
			name: groups.name,
			students: sql<number>`(select count(*)::int from ${memberships} m where m.group_id = ${groups.id} and m.role = 'student')`
		})
		.from(groups)
		.where(and(eq(groups.schoolId, actor.schoolId), sql`${groups.id} in ${mine}`))
		.orderBy(asc(groups.name));
}

/** One group as its coach sees it: the students and the fellow coaches. */
export async function coachGroup(db: Db, actor: Actor, groupId: string) {
	const [group] = await db.select().from(groups).where(and(eq(groups.id, groupId), eq(groups.schoolId, actor.schoolId)));
	if (!group || !policy.readGroup(actor, group, await membershipIn(db, actor, groupId))) throw new ApiError(404, 'not_found');
	const members = await db
		.select({ id: users.id, displayName: users.displayName, username: users.username, role: memberships.role })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.groupId, groupId), eq(memberships.schoolId, actor.schoolId), eq(users.active, true)))
		.orderBy(asc(users.displayName));
	return {
		group: { id: group.id, name: group.name },
		students: members.filter((m) => m.role === 'student'),
		coaches: members.filter((m) => m.role === 'coach')
	};
}
