import { and, eq, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { queryRows, type Db } from '../db';
import { accessLog, erasures, loginAttempts, memberships, sessions, users } from '../db/schema';
import { ApiError } from '../http/api';
import { policy, type Actor } from '../policy';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What an erasure removed or blanked, per kind. Stored in `erasures` instead of who it was. */
export interface ErasureCounts {
	/** The student's records, now tombstones: deleted, no data, a new rev so devices drop them. */
	records: number;
	/** Earlier versions of those records. */
	history: number;
	appliedOps: number;
	sessions: number;
	memberships: number;
	loginAttempts: number;
	accessLog: number;
	/** Shared need records the student was listed in (the student is taken off the list). */
	needs: number;
}

/** The student account as the erasure needs it; 404 for anything an admin of this school may not manage. */
async function managedStudent(db: Db | Tx, actor: Actor, userId: string) {
	const [subject] = await db
		.select({ id: users.id, schoolId: users.schoolId, role: users.role, username: users.username, archivedAt: users.archivedAt })
		.from(users)
		.where(and(eq(users.id, userId), eq(users.schoolId, actor.schoolId)));
	if (!subject || !policy.manageStudentData(actor, subject)) throw new ApiError(404, 'not_found');
	return subject;
}

const count = async (tx: Tx, query: ReturnType<typeof sql>) =>
	Number((await queryRows<{ n: number | string }>(tx as unknown as Db, query))[0]?.n ?? 0);

/**
 * Erases a student in one transaction, leaving nothing that names them:
 * - their records (learning data, and what coaches wrote about them) become tombstones with no data
 *   and a new rev, so every device that still holds them drops them on its next sync;
 * - earlier versions, applied ops, sessions, memberships, failed sign-ins and the access log go;
 * - shared needs drop them from their list of students (earlier versions too);
 * - the account row goes (the username is free again);
 * - an `erasures` row keeps when, by whom (or the retention period) and how much — not who.
 */
async function eraseInTx(tx: Tx, subject: { id: string; schoolId: string; username: string; role: 'student' | 'coach' | 'admin' }, by: { erasedBy: string | null; reason: 'admin' | 'retention'; now: Date }): Promise<ErasureCounts> {
	const { id, schoolId } = subject;
	// The same lock as the sync engine's writes: revs stay in commit order for every reader's cursor.
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${schoolId}))`);
	const now = by.now.toISOString();
	const owned = sql`select r.id from records r where r.school_id = ${schoolId} and r.owner_id = ${id}`;

	const history = await count(
		tx,
		sql`with gone as (delete from record_history where school_id = ${schoolId} and record_id in (${owned}) returning 1) select count(*)::int as n from gone`
	);
	const appliedOpsCount = await count(
		tx,
		sql`with gone as (delete from applied_ops where school_id = ${schoolId} and (user_id = ${id} or record_id in (${owned})) returning 1) select count(*)::int as n from gone`
	);
	const recordsCount = await count(
		tx,
		sql`with done as (
			update records set deleted = true, data = null, private = false, rev = nextval('rev_seq'), updated_at = ${now}::timestamptz
			where school_id = ${schoolId} and owner_id = ${id}
			returning 1) select count(*)::int as n from done`
	);
	const listed = sql`${JSON.stringify([id])}::jsonb`;
	const without = (column: ReturnType<typeof sql>) =>
		sql`jsonb_set(${column}, '{studentIds}', coalesce((select jsonb_agg(v) from jsonb_array_elements(${column}->'studentIds') v where v <> to_jsonb(${id}::text)), '[]'::jsonb))`;
	const needs = await count(
		tx,
		sql`with done as (
			update records set data = ${without(sql`data`)}, rev = nextval('rev_seq'), updated_at = ${now}::timestamptz
			where school_id = ${schoolId} and entity = 'need' and data is not null and data->'studentIds' @> ${listed}
			returning 1) select count(*)::int as n from done`
	);
	await tx.execute(sql`
		update record_history set data = ${without(sql`data`)}
		where school_id = ${schoolId} and entity = 'need' and data is not null and data->'studentIds' @> ${listed}`);

	const sessionsCount = (await tx.delete(sessions).where(and(eq(sessions.userId, id), eq(sessions.schoolId, schoolId))).returning({ k: sessions.tokenHash })).length;
	const membershipsCount = (await tx.delete(memberships).where(and(eq(memberships.userId, id), eq(memberships.schoolId, schoolId))).returning({ k: memberships.groupId })).length;
	const attempts = (await tx.delete(loginAttempts).where(eq(loginAttempts.key, `account:${subject.username}`)).returning({ k: loginAttempts.key })).length;
	const log = (await tx.delete(accessLog).where(and(eq(accessLog.studentId, id), eq(accessLog.schoolId, schoolId))).returning({ k: accessLog.id })).length;
	await tx.delete(users).where(and(eq(users.id, id), eq(users.schoolId, schoolId)));

	const counts: ErasureCounts = {
		records: recordsCount,
		history,
		appliedOps: appliedOpsCount,
		sessions: sessionsCount,
		memberships: membershipsCount,
		loginAttempts: attempts,
		accessLog: log,
		needs
	};
	await tx.insert(erasures).values({ schoolId, erasedAt: by.now, erasedBy: by.erasedBy, reason: by.reason, role: subject.role, counts: { ...counts } });
	return counts;
}

/**
 * An admin erases a student of their own school. `confirmUsername` must be the student's username
 * (typed by the admin), so a slip of the mouse erases nothing.
 */
export async function eraseStudent(db: Db, actor: Actor, userId: string, confirmUsername: string, now = new Date()): Promise<ErasureCounts> {
	return db.transaction(async (tx) => {
		const subject = await managedStudent(tx, actor, userId);
		if (confirmUsername.trim().toLowerCase() !== subject.username) throw new ApiError(400, 'privacy_confirm_mismatch', m.privacy_erase_confirm_mismatch());
		return eraseInTx(tx, subject, { erasedBy: actor.id, reason: 'admin', now });
	});
}

/** Erases a student whose school's retention period ran out (no admin involved). Checked again inside the transaction. */
export async function eraseExpiredStudent(db: Db, schoolId: string, userId: string, now = new Date()): Promise<ErasureCounts | null> {
	return db.transaction(async (tx) => {
		const [row] = await queryRows<{ id: string; school_id: string; username: string; role: 'student'; archived_at: string | Date | null; retention_days: number | null }>(
			tx as unknown as Db,
			sql`select u.id, u.school_id, u.username, u.role, u.archived_at, s.retention_days
				from users u join schools s on s.id = u.school_id
				where u.id = ${userId} and u.school_id = ${schoolId}
				for update of u`
		);
		if (!row) return null;
		const archivedAt = row.archived_at ? new Date(row.archived_at) : null;
		if (!policy.retentionExpired({ role: row.role, archivedAt }, row.retention_days, now)) return null;
		return eraseInTx(tx, { id: row.id, schoolId: row.school_id, username: row.username, role: row.role }, { erasedBy: null, reason: 'retention', now });
	});
}

/**
 * A student leaves: out of every group, signed out everywhere, no more sign-in. Their data stays
 * (for the school's retention period, then it is erased) and can still be exported.
 */
export async function archiveStudent(db: Db, actor: Actor, userId: string, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		const subject = await managedStudent(tx, actor, userId);
		if (subject.archivedAt) return;
		await tx.update(users).set({ archivedAt: now, active: false, updatedAt: now }).where(and(eq(users.id, userId), eq(users.schoolId, actor.schoolId)));
		await tx.delete(memberships).where(and(eq(memberships.userId, userId), eq(memberships.schoolId, actor.schoolId)));
		await tx.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.schoolId, actor.schoolId)));
	});
}

/** Undoes an archive (a student came back): they can sign in again; an admin adds them to groups. */
export async function restoreStudent(db: Db, actor: Actor, userId: string, now = new Date()): Promise<void> {
	const subject = await managedStudent(db, actor, userId);
	if (!subject.archivedAt) return;
	await db.update(users).set({ archivedAt: null, active: true, updatedAt: now }).where(and(eq(users.id, userId), eq(users.schoolId, actor.schoolId)));
}
