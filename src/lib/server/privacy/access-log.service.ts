import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { accessLog, users } from '../db/schema';
import { ApiError } from '../http/api';
import { policy, type Actor } from '../policy';
import { relationTo } from '../policy/relations';

/** What the access log records, as codes. */
export const accessKinds = {
	privateNote: 'intake.privateNote',
	adminExport: 'export'
} as const;
export type AccessKind = (typeof accessKinds)[keyof typeof accessKinds];

export interface AccessEntry {
	at: string;
	what: AccessKind;
	/** The reader's name, or null when their account no longer exists. */
	readerName: string | null;
	readerRole: 'student' | 'coach' | 'admin' | null;
}

async function subjectOf(db: Db, actor: Actor, studentId: string) {
	const [subject] = await db
		.select({ id: users.id, schoolId: users.schoolId, role: users.role })
		.from(users)
		.where(and(eq(users.id, studentId), eq(users.schoolId, actor.schoolId)));
	return subject ?? null;
}

export async function recordAccess(db: Db, entry: { schoolId: string; studentId: string; readerId: string; what: AccessKind; at?: Date }): Promise<void> {
	await db.insert(accessLog).values({ schoolId: entry.schoolId, studentId: entry.studentId, readerId: entry.readerId, what: entry.what, at: entry.at ?? new Date() });
}

/** The intakes of a student (current and earlier) that hold a private note; only their ids, never the text. */
export async function intakesWithPrivateNote(db: Db, actor: Actor, studentId: string): Promise<string[]> {
	const subject = await subjectOf(db, actor, studentId);
	if (!subject || !policy.readPrivateNote(actor, subject, await relationTo(db, actor, studentId))) return [];
	const rows = await queryRows<{ id: string }>(
		db,
		sql`select id from records
			where school_id = ${actor.schoolId} and owner_id = ${studentId} and entity = 'intake' and not deleted
			  and coalesce(btrim(data->>'privateNote'), '') <> ''
			order by created_at, id`
	);
	return rows.map((r) => r.id);
}

/**
 * A coach deliberately opens a student's private note: allowed only for the student's own coaches
 * (anyone else: 404), and logged (student, reader, when) before the text is handed out, in one transaction.
 */
export async function revealPrivateNote(db: Db, actor: Actor, studentId: string, intakeId: string, now = new Date()): Promise<{ intakeId: string; note: string }> {
	const subject = await subjectOf(db, actor, studentId);
	if (!subject || actor.id === studentId || !policy.readPrivateNote(actor, subject, await relationTo(db, actor, studentId))) {
		throw new ApiError(404, 'not_found');
	}
	return db.transaction(async (tx) => {
		const [row] = await queryRows<{ note: string | null }>(
			tx as unknown as Db,
			sql`select data->>'privateNote' as note from records
				where id = ${intakeId} and school_id = ${actor.schoolId} and owner_id = ${studentId} and entity = 'intake' and not deleted`
		);
		const note = row?.note?.trim();
		if (!note) throw new ApiError(404, 'not_found');
		await recordAccess(tx as unknown as Db, { schoolId: actor.schoolId, studentId, readerId: actor.id, what: accessKinds.privateNote, at: now });
		return { intakeId, note: row!.note! };
	});
}

/** Who read a student's protected data, newest first: for the student themselves (and their school's admins). */
export async function accessLogOf(db: Db, actor: Actor, studentId: string, order: 'newest' | 'oldest' = 'newest'): Promise<AccessEntry[]> {
	const subject = await subjectOf(db, actor, studentId);
	if (!subject || !policy.readAccessLog(actor, subject)) throw new ApiError(404, 'not_found');
	const rows = await db
		.select({ at: accessLog.at, what: accessLog.what, readerName: users.displayName, readerRole: users.role })
		.from(accessLog)
		.leftJoin(users, and(eq(users.id, accessLog.readerId), eq(users.schoolId, accessLog.schoolId)))
		.where(and(eq(accessLog.studentId, studentId), eq(accessLog.schoolId, actor.schoolId)))
		.orderBy(order === 'newest' ? desc(accessLog.at) : asc(accessLog.at), order === 'newest' ? desc(accessLog.id) : asc(accessLog.id))
		.limit(500);
	return rows.map((r) => ({ at: r.at.toISOString(), what: r.what as AccessKind, readerName: r.readerName ?? null, readerRole: r.readerRole ?? null }));
}
