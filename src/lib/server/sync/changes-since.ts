import { sql } from 'drizzle-orm';
import { syncLimits, type Change } from '$lib/domain/sync';
import { queryRows, type Db } from '../db';
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

const iso = (d: string | Date) => (d instanceof Date ? d : new Date(d)).toISOString();

/**
 * Everything in the user's scope written after `rev`, oldest first, at most `limit`.
 * Students: their own records, the boards and items of their groups, the school's qualifications.
 * Coaches: the records of the students they coach (a student's private evidence arrives as deleted),
 * the boards, items and needs of their groups, qualifications.
 */
export async function changesSince(db: Db, scope: Scope, rev: number, limit = syncLimits.maxChanges): Promise<{ changes: Change[]; more: boolean; lastRev: number }> {
	const { actor } = scope;
	const groups = sql`${`{${scope.groupIds.join(',')}}`}::uuid[]`;
	let where;
	if (actor.role === 'student') {
		where = sql`(owner_id = ${actor.id}
			or (entity in ('board', 'item') and group_ids && ${groups})
			or entity = 'qualification')`;
	} else if (actor.role === 'coach') {
		const students = sql`${`{${[...scope.studentIds].join(',')}}`}::uuid[]`;
		where = sql`(owner_id = any(${students})
			or (entity in ('board', 'item', 'need') and (group_ids && ${groups} or author_id = ${actor.id}))
			or entity = 'qualification')`;
	} else {
		where = sql`entity = 'qualification'`;
	}
	// A student's private evidence reaches only that student; anyone else gets a tombstone.
	const hidden = sql`(private and owner_id is distinct from ${actor.id})`;
	const rows = await queryRows<Row>(
		db,
		sql`select id, entity, rev, (deleted or ${hidden}) as deleted, case when ${hidden} then null else data end as data,
				owner_id, author_id, created_at, updated_at
			from records
			where school_id = ${actor.schoolId} and rev > ${rev} and ${where}
			order by rev
			limit ${limit + 1}`
	);
	const more = rows.length > limit;
	const page = more ? rows.slice(0, limit) : rows;
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
