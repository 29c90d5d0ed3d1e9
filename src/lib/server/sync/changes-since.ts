import { sql, type SQL } from 'drizzle-orm';
import { syncLimits, type Change } from '$lib/domain/sync';
import { queryRows, uuidArray, type Db } from '../db';
import type { Actor } from '../policy';
import type { Scope } from './scope';

interface Row {
	id: string;
	entity: Change['entity'];
	rev: string | number;
	deleted: boolean;
	data: Record<string, unknown> | null;
	owner_id: string | null;
	author_id: string;
	created_at: string | Date;
	updated_at: string | Date;
}

/** Roughly how much record data one answer carries before it says `more`. */
export const maxAnswerBytes = 4 * 1024 * 1024;

const iso = (d: string | Date) => (d instanceof Date ? d : new Date(d)).toISOString();

/**
 * The user's scope as separate parts (SQL conditions on `records`), each read in `rev` order through its own
 * index: one `or` over the whole school would walk the school's rev index past every other student's records
 * (seconds in a school of a million records). The parts do not overlap. `groups` and `students` are uuid[]
 * expressions: parameters, or subqueries when the scope is read in the same statement.
 */
function scopeParts(actor: Actor, groups: SQL, students: SQL): SQL[] {
	const parts: SQL[] = [];
	if (actor.role === 'student') {
		parts.push(sql`owner_id = ${actor.id}`);
		// A board not published yet, and its items, reach coaches only.
		parts.push(sql`entity in ('board', 'item') and group_ids && ${groups} and owner_id is null and not draft`);
	} else if (actor.role === 'coach') {
		parts.push(sql`owner_id = any(${students})`);
		parts.push(sql`entity in ('board', 'item', 'need') and (group_ids && ${groups} or author_id = ${actor.id}) and owner_id is null`);
	}
	parts.push(sql`entity = 'qualification' and owner_id is null`);
	return parts;
}

/**
 * For a pull without ops — what every open device does every few seconds — the user's scope and, in the same
 * statement, whether anything in it was written after `rev`: one round trip that answers "nothing new" for
 * an up-to-date device. The scope is read as `loadScope` reads it (memberships in the user's role; for a
 * coach, the students of those groups); the parts are the ones `changesSince` reads.
 */
export async function scopeAndNewer(db: Db, actor: Actor, rev: number): Promise<{ groupIds: string[]; studentIds: string[]; newer: boolean; schoolRev: number }> {
	// The casts make each a uuid[] expression: `= any((select …))` alone would read as `= any (subquery)`.
	const groups = sql`(select g from mine)::uuid[]`;
	const students = sql`(select s from coached)::uuid[]`;
	const newer = sql.join(
		scopeParts(actor, groups, students).map((where) => sql`exists (select 1 from records where school_id = ${actor.schoolId} and rev > ${rev} and ${where})`),
		sql` or `
	);
	const coached =
		actor.role === 'coach'
			? sql`select coalesce(array_agg(distinct user_id), '{}'::uuid[]) as s from memberships
					where school_id = ${actor.schoolId} and role = 'student' and group_id = any(${groups})`
			: sql`select '{}'::uuid[] as s`;
	// The school's newest rev, from the same snapshot: all writes in a school take one lock, so every rev up to
	// it is committed and was seen by the "newer" test (apply-ops). A device with nothing newer has all up to it.
	const [row] = await queryRows<{ group_ids: string[]; student_ids: string[]; newer: boolean; school_rev: string | number | null }>(
		db,
		sql`with mine as (
				select coalesce(array_agg(group_id), '{}'::uuid[]) as g from memberships
				where user_id = ${actor.id} and school_id = ${actor.schoolId} and role = ${actor.role}
			), coached as (${coached})
			select (select g from mine)::text[] as group_ids, (select s from coached)::text[] as student_ids, (${newer}) as newer,
				(select max(rev) from records where school_id = ${actor.schoolId}) as school_rev`
	);
	return { groupIds: row?.group_ids ?? [], studentIds: row?.student_ids ?? [], newer: row?.newer ?? true, schoolRev: Number(row?.school_rev ?? 0) };
}

/**
 * Everything in the user's scope written after `rev`, oldest first, at most `limit`.
 * Students: their own records, the published boards and items of their groups, the school's qualifications.
 * Coaches: the records of the students they coach (a student's private evidence arrives as deleted),
 * the boards, items and needs of their groups, qualifications.
 */
export async function changesSince(db: Db, scope: Scope, rev: number, limit = syncLimits.maxChanges): Promise<{ changes: Change[]; more: boolean; lastRev: number }> {
	const { actor } = scope;
	const groups = uuidArray(scope.groupIds);
	const students = uuidArray(scope.studentIds);
	const parts = scopeParts(actor, groups, students);
	// A student's private evidence reaches only that student; anyone else gets a tombstone.
	const hidden = sql`(private and owner_id is distinct from ${actor.id})`;
	const branches = sql.join(
		parts.map(
			(where) => sql`(select id, entity, rev, deleted, private, data, owner_id, author_id, created_at, updated_at
				from records
				where school_id = ${actor.schoolId} and rev > ${rev} and ${where}
				order by rev
				limit ${limit + 1})`
		),
		sql` union all `
	);
	// At most `limit` changes, and no more than about `maxAnswerBytes` of data (photos in evidence are large):
	// the first change always goes, so a large record still arrives.
	const rows = await queryRows<Row & { running: string | number }>(
		db,
		sql`select * from (
				select *, sum(octet_length(coalesce(data::text, ''))) over (order by rev) as running from (
					select id, entity, rev, (deleted or ${hidden}) as deleted, case when ${hidden} then null when entity = 'intake' and owner_id is distinct from ${actor.id} then data - 'privateNote' else data end as data,
						owner_id, author_id, created_at, updated_at
					from (${branches}) scoped
					order by rev
					limit ${limit + 1}
				) page
			) sized
			order by rev`
	);
	let cut = rows.findIndex((r, i) => i > 0 && Number(r.running) > maxAnswerBytes);
	if (cut < 0) cut = rows.length;
	const kept = rows.slice(0, Math.min(cut, limit));
	const more = rows.length > kept.length;
	const page = kept;
	return {
		more,
		lastRev: page.length ? Number(page[page.length - 1]!.rev) : rev,
		changes: page.map((r) => ({
			entity: r.entity,
			id: r.id,
			rev: Number(r.rev),
			deleted: r.deleted,
			data: r.deleted ? null : r.data,
			ownerId: r.owner_id,
			authorId: r.author_id,
			createdAt: iso(r.created_at),
			updatedAt: iso(r.updated_at)
		}))
	};
}
