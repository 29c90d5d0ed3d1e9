import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { groups, memberships, users } from '../db/schema';
import { policy, type Actor } from '../policy';
import { membershipIn } from '../policy/relations';
import { ApiError } from '../http/api';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CoachPeople {
	/** The groups the actor coaches (or just the one asked for), by name. */
	groups: { id: string; name: string }[];
	/** The active students of those groups, by name, each with the ids of those groups they are in. */
	students: { id: string; displayName: string; groupIds: string[] }[];
}

/**
 * Who a coach works with: the groups they coach and those groups' students, within their own
 * school. With `groupId`, only that group; a group they do not coach is "not found".
 */
export async function coachPeople(db: Db, actor: Actor, groupId?: string): Promise<CoachPeople> {
	if (actor.role !== 'coach') throw new ApiError(403, 'forbidden');
	if (groupId !== undefined) {
		if (!uuidPattern.test(groupId)) throw new ApiError(404, 'not_found');
		const [group] = await queryRows<{ id: string; school_id: string }>(
			db,
			sql`select id, school_id from ${groups} where id = ${groupId} and school_id = ${actor.schoolId}`
		);
		if (!group || !policy.readGroup(actor, { schoolId: group.school_id }, await membershipIn(db, actor, groupId))) {
			throw new ApiError(404, 'not_found');
		}
	}
	const onlyGroup = groupId === undefined ? sql`` : sql`and g.id = ${groupId}`;
	const mine = await queryRows<{ id: string; name: string }>(
		db,
		sql`
		select g.id, g.name from ${groups} g
		join ${memberships} c on c.group_id = g.id and c.school_id = g.school_id
		where g.school_id = ${actor.schoolId} and c.user_id = ${actor.id} and c.role = 'coach' ${onlyGroup}
		order by g.name, g.id`
	);
	const ids = mine.map((g) => g.id);
	if (ids.length === 0) return { groups: [], students: [] };
	const rows = await queryRows<{ id: string; display_name: string; group_id: string }>(
		db,
		sql`
		select u.id, u.display_name, s.group_id from ${memberships} s
		join ${users} u on u.id = s.user_id and u.school_id = s.school_id
		where s.school_id = ${actor.schoolId} and s.role = 'student' and u.role = 'student' and u.active
		  and s.group_id in (${sql.join(
				ids.map((id) => sql`${id}`),
				sql`, `
			)})
		order by u.display_name, u.id`
	);
	const students = new Map<string, CoachPeople['students'][number]>();
	for (const r of rows) {
		const s = students.get(r.id) ?? { id: r.id, displayName: r.display_name, groupIds: [] };
		if (!s.groupIds.includes(r.group_id)) s.groupIds.push(r.group_id);
		students.set(r.id, s);
	}
	return { groups: mine.map((g) => ({ id: g.id, name: g.name })), students: [...students.values()] };
}
