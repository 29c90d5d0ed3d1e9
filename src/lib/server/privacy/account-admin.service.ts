import { and, asc, eq, sql } from 'drizzle-orm';
import type { Role } from '$lib/domain/constants';
import type { Db } from '../db';
import { groups, memberships, records, schools, users } from '../db/schema';
import { ApiError } from '../http/api';
import { policy, type Actor } from '../policy';

export interface AccountDetail {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	active: boolean;
	archivedAt: string | null;
	createdAt: string;
	groups: string[];
	/** Records the account owns (students only; tombstones not counted). */
	records: number;
	/** Whether this page may export, archive and erase the account (students only). */
	manageable: boolean;
	retentionDays: number | null;
	/** When the retention period erases this archived student, if the school set one. */
	erasesOn: string | null;
}

/** One account of the admin's school, for the admin's account page; another school's → 404. */
export async function accountDetail(db: Db, actor: Actor, userId: string): Promise<AccountDetail> {
	if (!policy.manageSchool(actor, actor.schoolId)) throw new ApiError(404, 'not_found');
	const [row] = await db
		.select({
			id: users.id,
			schoolId: users.schoolId,
			username: users.username,
			displayName: users.displayName,
			role: users.role,
			active: users.active,
			archivedAt: users.archivedAt,
			createdAt: users.createdAt,
			retentionDays: schools.retentionDays
		})
		.from(users)
		.innerJoin(schools, eq(schools.id, users.schoolId))
		.where(and(eq(users.id, userId), eq(users.schoolId, actor.schoolId)));
	if (!row) throw new ApiError(404, 'not_found');
	const groupRows = await db
		.select({ name: groups.name })
		.from(memberships)
		.innerJoin(groups, eq(groups.id, memberships.groupId))
		.where(and(eq(memberships.userId, userId), eq(memberships.schoolId, actor.schoolId)))
		.orderBy(asc(groups.name));
	const [owned] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(records)
		.where(and(eq(records.ownerId, userId), eq(records.schoolId, actor.schoolId), eq(records.deleted, false)));
	const erasesOn =
		row.archivedAt && row.retentionDays != null ? new Date(row.archivedAt.getTime() + row.retentionDays * 86_400_000).toISOString() : null;
	return {
		id: row.id,
		username: row.username,
		displayName: row.displayName,
		role: row.role,
		active: row.active,
		archivedAt: row.archivedAt?.toISOString() ?? null,
		createdAt: row.createdAt.toISOString(),
		groups: groupRows.map((g) => g.name),
		records: Number(owned?.n ?? 0),
		manageable: policy.manageStudentData(actor, row),
		retentionDays: row.retentionDays,
		erasesOn
	};
}
