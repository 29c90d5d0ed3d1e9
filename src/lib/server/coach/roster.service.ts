import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { memberships, users } from '../db/schema';
import type { Actor } from '../policy';
import { ApiError } from '../http/api';

export interface RosterStudent {
	id: string;
	displayName: string;
	/** The coach's groups the student is in (their boards' period sets the student's pace). */
	groupIds: string[];
}

/**
 * Every active student in the groups this coach coaches, once each (a student in two of the
 * coach's groups appears once), by name. Same school only; anyone but a coach gets 403.
 * A coach's device holds the students' records but not their names: this supplies the names.
 */
export async function coachStudents(db: Db, actor: Actor): Promise<RosterStudent[]> {
	if (actor.role !== 'coach') throw new ApiError(403, 'forbidden');
	return queryRows<RosterStudent>(db, sql`
		select u.id as "id", u.display_name as "displayName", array_agg(distinct s.group_id::text order by s.group_id::text) as "groupIds"
		from ${memberships} c
		join ${memberships} s on s.group_id = c.group_id and s.school_id = c.school_id and s.role = 'student'
		join ${users} u on u.id = s.user_id and u.school_id = c.school_id
		where c.user_id = ${actor.id} and c.role = 'coach' and c.school_id = ${actor.schoolId}
		  and u.role = 'student' and u.active = true
		group by u.id, u.display_name
		order by u.display_name, u.id`);
}
