import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { groups, users } from '../db/schema';
import { policy, type Actor } from '../policy';
import { ApiError } from '../http/api';

function assertAdmin(actor: Actor) {
	if (!policy.manageSchool(actor, actor.schoolId)) throw new ApiError(403, 'forbidden');
}

/** A new display name for an account of the admin's school (a typo, a changed name). The username stays. */
export async function renameUser(db: Db, actor: Actor, userId: string, displayName: string): Promise<void> {
	assertAdmin(actor);
	const [row] = await db
		.update(users)
		.set({ displayName, updatedAt: new Date() })
		.where(and(eq(users.id, userId), eq(users.schoolId, actor.schoolId)))
		.returning({ id: users.id });
	if (!row) throw new ApiError(404, 'not_found');
}

/** A new name for a group of the admin's school; names are unique per school, whatever their case. */
export async function renameGroup(db: Db, actor: Actor, groupId: string, name: string): Promise<void> {
	assertAdmin(actor);
	const [group] = await db.select({ id: groups.id }).from(groups).where(and(eq(groups.id, groupId), eq(groups.schoolId, actor.schoolId)));
	if (!group) throw new ApiError(404, 'not_found');
	const [taken] = await db
		.select({ id: groups.id })
		.from(groups)
		.where(and(eq(groups.schoolId, actor.schoolId), ne(groups.id, groupId), sql`lower(${groups.name}) = lower(${name})`));
	if (taken) throw new ApiError(409, 'group_name_taken');
	await db.update(groups).set({ name }).where(and(eq(groups.id, groupId), eq(groups.schoolId, actor.schoolId)));
}
