import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { erasures, schools, users } from '../db/schema';
import { ApiError } from '../http/api';
import { errorCode, log } from '../log';
import { policy, type Actor } from '../policy';
import { eraseExpiredStudent } from './erase.service';

/** The longest retention an admin can set: ten years. */
export const maxRetentionDays = 3650;

export interface PrivacySettings {
	retentionDays: number | null;
	archivedStudents: number;
	/** Recent erasures of the school: when, by whom (an admin's name, or the retention period) and how much. */
	erasures: { id: string; erasedAt: string; reason: 'admin' | 'retention'; erasedBy: string | null; role: string; counts: Record<string, number> }[];
}

function assertAdmin(actor: Actor) {
	if (!policy.manageSchool(actor, actor.schoolId)) throw new ApiError(403, 'forbidden');
}

export async function privacySettings(db: Db, actor: Actor): Promise<PrivacySettings> {
	assertAdmin(actor);
	const [school] = await db.select({ retentionDays: schools.retentionDays }).from(schools).where(eq(schools.id, actor.schoolId));
	const [archived] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(users)
		.where(and(eq(users.schoolId, actor.schoolId), eq(users.role, 'student'), isNotNull(users.archivedAt)));
	const rows = await db
		.select({ id: erasures.id, erasedAt: erasures.erasedAt, reason: erasures.reason, erasedById: erasures.erasedBy, role: erasures.role, counts: erasures.counts, byName: users.displayName })
		.from(erasures)
		.leftJoin(users, and(eq(users.id, erasures.erasedBy), eq(users.schoolId, erasures.schoolId)))
		.where(eq(erasures.schoolId, actor.schoolId))
		.orderBy(desc(erasures.erasedAt))
		.limit(50);
	return {
		retentionDays: school?.retentionDays ?? null,
		archivedStudents: Number(archived?.n ?? 0),
		erasures: rows.map((r) => ({
			id: r.id,
			erasedAt: r.erasedAt.toISOString(),
			reason: r.reason,
			erasedBy: r.byName ?? null,
			role: r.role,
			counts: r.counts
		}))
	};
}

/** Sets how long archived students are kept (whole days, 0 … `maxRetentionDays`), or null: until an admin erases them. */
export async function setRetention(db: Db, actor: Actor, days: number | null): Promise<void> {
	assertAdmin(actor);
	if (days !== null && (!Number.isInteger(days) || days < 0 || days > maxRetentionDays)) throw new ApiError(400, 'invalid_input');
	await db.update(schools).set({ retentionDays: days }).where(eq(schools.id, actor.schoolId));
}

/**
 * Erases every archived student whose school's retention period has passed at `now`, each in its
 * own transaction (one failure does not keep the others). Returns how many were erased.
 */
export async function purgeExpired(db: Db, now = new Date()): Promise<number> {
	// Candidates by a cheap query; `eraseExpiredStudent` checks each again (with the policy) inside its transaction.
	const due = await queryRows<{ id: string; school_id: string }>(
		db,
		sql`select u.id, u.school_id from users u join schools s on s.id = u.school_id
			where u.role = 'student' and u.archived_at is not null and s.retention_days is not null
			  and u.archived_at + make_interval(days => s.retention_days) <= ${now.toISOString()}::timestamptz
			order by u.archived_at`
	);
	let erased = 0;
	for (const row of due) {
		try {
			if (await eraseExpiredStudent(db, row.school_id, row.id, now)) erased++;
		} catch (e) {
			log.error('retention purge failed', { schoolId: row.school_id, userId: row.id, error: errorCode(e) });
		}
	}
	if (erased) log.info('retention purge', { erased });
	return erased;
}

export const purgeIntervalMs = 24 * 60 * 60 * 1000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Runs the retention purge now and then once a day, without keeping the process alive.
 * Called once from `init` in hooks.server.ts (`startRetentionSchedule(() => database().db)`);
 * a second call does nothing. Resolves with the first run's count (never rejects).
 */
export function startRetentionSchedule(db: () => Db, intervalMs = purgeIntervalMs): Promise<number> {
	if (timer) return Promise.resolve(0);
	const run = () =>
		purgeExpired(db()).catch((e) => {
			log.error('retention purge failed', { error: errorCode(e) });
			return 0;
		});
	timer = setInterval(run, intervalMs);
	timer.unref();
	return run();
}

export function stopRetentionSchedule(): void {
	if (timer) clearInterval(timer);
	timer = undefined;
}
