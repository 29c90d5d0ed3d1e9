import { and, asc, eq, inArray } from 'drizzle-orm';
import { entityNames, type EntityName } from '$lib/domain/constants';
import type { Db } from '../db';
import { groups, memberships, records, schools, users } from '../db/schema';
import { policy, type Actor } from '../policy';
import { ApiError } from '../http/api';
import { accessKinds, accessLogOf, recordAccess, type AccessEntry } from '../privacy/access-log.service';

/** One record in the download: its data as stored, plus who wrote it and when. */
export interface ExportedRecord {
	id: string;
	createdAt: string;
	updatedAt: string;
	rev: number;
	/** `self` for what the student wrote; otherwise the writer's name (a coach's feedback or check-in). */
	author: 'self' | { id: string; displayName: string | null };
	/** Only for evidence: kept to themselves, never sent to a coach. */
	private?: boolean;
	data: Record<string, unknown> | null;
}

export interface StudentExport {
	format: 'koers-student-export';
	version: 1;
	exportedAt: string;
	user: {
		id: string;
		username: string;
		displayName: string;
		role: string;
		active: boolean;
		/** When the student left (archived): their data is kept until the school's retention period ends. */
		archivedAt: string | null;
		createdAt: string;
		updatedAt: string;
		school: { id: string; name: string };
	};
	groups: { id: string; name: string; role: string; coaches: string[] }[];
	/** Every record the student owns, per entity; entities without records are empty lists. */
	records: Record<EntityName, ExportedRecord[]>;
	counts: Record<EntityName, number>;
	/** Who read the student's private note or downloaded their data, and when (oldest first). */
	accessLog: AccessEntry[];
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

/**
 * Everything Koers keeps about a student, for "download all my data": their profile (never the
 * password hash or sessions), their groups with their coaches' names, and every record they own in
 * their own school that is not deleted — goals, cycles, evidence (private ones too: they are theirs),
 * and what coaches wrote about them (feedback, check-ins, autonomy). Earlier versions of records and
 * deleted records are not included.
 *
 * Only students: coaches and admins own no learning records, and what they wrote belongs to
 * the students' records; an empty file would wrongly look like "all their data".
 */
export async function exportStudentData(db: Db, actor: Actor, now = new Date()): Promise<StudentExport> {
	if (!policy.enterArea(actor, 'student')) throw new ApiError(403, 'forbidden');
	return buildExport(db, actor, actor.schoolId, actor.id, now);
}

/**
 * The same download for an admin of the student's school (an AVG/GDPR request, or before erasing):
 * anyone else gets 404. The download itself is written to the student's access log first, so the
 * student can see it and the file shows it too.
 */
export async function exportStudentForAdmin(db: Db, actor: Actor, studentId: string, now = new Date()): Promise<StudentExport> {
	const [subject] = await db
		.select({ id: users.id, schoolId: users.schoolId, role: users.role })
		.from(users)
		.where(and(eq(users.id, studentId), eq(users.schoolId, actor.schoolId)));
	if (!subject || !policy.manageStudentData(actor, subject)) throw new ApiError(404, 'not_found');
	await recordAccess(db, { schoolId: actor.schoolId, studentId, readerId: actor.id, what: accessKinds.adminExport, at: now });
	return buildExport(db, actor, actor.schoolId, studentId, now);
}

async function buildExport(db: Db, actor: Actor, schoolId: string, studentId: string, now: Date): Promise<StudentExport> {
	const [profile] = await db
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			role: users.role,
			active: users.active,
			archivedAt: users.archivedAt,
			createdAt: users.createdAt,
			updatedAt: users.updatedAt,
			schoolId: schools.id,
			schoolName: schools.name
		})
		.from(users)
		.innerJoin(schools, eq(schools.id, users.schoolId))
		.where(and(eq(users.id, studentId), eq(users.schoolId, schoolId)));
	if (!profile) throw new ApiError(404, 'not_found');

	const mine = await db
		.select({ id: groups.id, name: groups.name, role: memberships.role })
		.from(memberships)
		.innerJoin(groups, eq(groups.id, memberships.groupId))
		.where(and(eq(memberships.userId, studentId), eq(memberships.schoolId, schoolId)))
		.orderBy(asc(groups.name));
	const coaches = mine.length
		? await db
				.select({ groupId: memberships.groupId, displayName: users.displayName })
				.from(memberships)
				.innerJoin(users, eq(users.id, memberships.userId))
				.where(
					and(
						eq(memberships.schoolId, schoolId),
						eq(memberships.role, 'coach'),
						inArray(
							memberships.groupId,
							mine.map((g) => g.id)
						)
					)
				)
				.orderBy(asc(users.displayName))
		: [];

	const rows = await db
		.select({
			id: records.id,
			entity: records.entity,
			authorId: records.authorId,
			private: records.private,
			rev: records.rev,
			data: records.data,
			createdAt: records.createdAt,
			updatedAt: records.updatedAt
		})
		.from(records)
		.where(and(eq(records.ownerId, studentId), eq(records.schoolId, schoolId), eq(records.deleted, false)))
		.orderBy(asc(records.entity), asc(records.createdAt), asc(records.id));

	// Names of the coaches who wrote about the student, from the same school only.
	const authorIds = [...new Set(rows.map((r) => r.authorId).filter((id) => id !== studentId))];
	const authors = authorIds.length
		? await db
				.select({ id: users.id, displayName: users.displayName })
				.from(users)
				.where(and(inArray(users.id, authorIds), eq(users.schoolId, schoolId)))
		: [];
	const authorName = new Map(authors.map((a) => [a.id, a.displayName]));

	const grouped = Object.fromEntries(entityNames.map((e) => [e, [] as ExportedRecord[]])) as Record<EntityName, ExportedRecord[]>;
	for (const r of rows) {
		const list = grouped[r.entity as EntityName];
		if (!list) continue;
		list.push({
			id: r.id,
			createdAt: iso(r.createdAt),
			updatedAt: iso(r.updatedAt),
			rev: r.rev,
			author: r.authorId === studentId ? 'self' : { id: r.authorId, displayName: authorName.get(r.authorId) ?? null },
			...(r.entity === 'evidence' ? { private: r.private } : {}),
			data: r.data ?? null
		});
	}

	return {
		format: 'koers-student-export',
		version: 1,
		exportedAt: now.toISOString(),
		user: {
			id: profile.id,
			username: profile.username,
			displayName: profile.displayName,
			role: profile.role,
			active: profile.active,
			archivedAt: profile.archivedAt ? iso(profile.archivedAt) : null,
			createdAt: iso(profile.createdAt),
			updatedAt: iso(profile.updatedAt),
			school: { id: profile.schoolId, name: profile.schoolName }
		},
		groups: mine.map((g) => ({ ...g, coaches: coaches.filter((c) => c.groupId === g.id).map((c) => c.displayName) })),
		records: grouped,
		counts: Object.fromEntries(entityNames.map((e) => [e, grouped[e].length])) as Record<EntityName, number>,
		accessLog: await accessLogOf(db, actor, studentId, 'oldest')
	};
}

/**
 * `koers-<username>-<yyyy-mm-dd>.json`, dated as in the Netherlands (a download at 00:30 carries that day).
 * Usernames hold only [a-z0-9._-]; anything else is replaced anyway, so the header cannot be broken.
 */
export function exportFileName(username: string, now = new Date()): string {
	const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
	return `koers-${username.replace(/[^a-z0-9._-]/gi, '_')}-${day}.json`;
}
