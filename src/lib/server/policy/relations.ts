import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { memberships } from '../db/schema';
import type { Actor, Relation } from './index';

/** Loads the facts the policy needs about how `actor` relates to the user `subjectId`. */
export async function relationTo(db: Db, actor: Actor, subjectId: string): Promise<Relation> {
	if (actor.role !== 'coach') return { coachesStudent: false };
	const rows = await queryRows<{ ok: number }>(db, sql`
		select 1 as ok from ${memberships} c
		join ${memberships} s on s.group_id = c.group_id and s.school_id = c.school_id
		where c.user_id = ${actor.id} and c.role = 'coach' and c.school_id = ${actor.schoolId}
		  and s.user_id = ${subjectId} and s.role = 'student'
		limit 1`);
	return { coachesStudent: rows.length > 0 };
}

/** The actor's own role in a group, or null when they are not in it. */
export async function membershipIn(db: Db, actor: Actor, groupId: string): Promise<'coach' | 'student' | null> {
	const [row] = await db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.groupId, groupId), eq(memberships.userId, actor.id), eq(memberships.schoolId, actor.schoolId)));
	return row?.role ?? null;
}
