import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Op } from '$lib/domain/sync';
import { queryRows } from '../db';
import { accessLog, erasures, loginAttempts, memberships, recordHistory, records, sessions, users, appliedOps } from '../db/schema';
import { makeUser, testPassword } from '$test/db';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { put } from '$test/ops';
import { sync } from '../sync/sync';
import { login } from '../auth/login';
import { createSession, validateSession } from '../auth/session';
import { ApiError } from '../http/api';
import type { Actor } from '../policy';
import { exportStudentForAdmin } from '../student/export.service';
import { revealPrivateNote } from './access-log.service';
import { archiveStudent, eraseStudent, restoreStudent } from './erase.service';
import { purgeExpired, setRetention, startRetentionSchedule, stopRetentionSchedule, privacySettings } from './retention';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

async function push(actor: Actor, ...ops: Op[]) {
	const res = await sync(t.db, actor, { cursor: null, ops });
	expect(res.results.map((r) => r.status), JSON.stringify(res.results)).toEqual(ops.map(() => 'applied'));
	return res;
}

async function rejects(promise: Promise<unknown>, status: number) {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ApiError);
	expect((error as ApiError).status).toBe(status);
}

const secretNote = 'Thuis gaat het niet goed, mijn vader is ziek';
const secretGoal = 'Rustig blijven bij de ochtendzorg';

/** A student with everything Koers can hold about them: records, history, a need, sessions, a failed sign-in, an access log entry. */
async function fullStudent() {
	const { a } = w;
	const intake = put('intake', { interests: 'Koken voor mijn oma', privateNote: secretNote, completedAt: '2026-09-01T10:00:00.000Z' });
	const goal = put('goal', { title: secretGoal, status: 'active' });
	await push(a.student, intake, goal);
	await push(a.student, put('goal', { title: secretGoal + ' en op tijd komen', status: 'active' }, goal.id)); // a replaced version in history
	await push(a.coach, put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'feedforward', body: 'Wat helpt jou om rustig te blijven?' }));
	await push(a.coach, put('checkIn', { studentId: a.student.id, date: '2026-11-20', notes: 'Praat over thuis' }));
	const need = put('need', { groupId: a.group.id, kind: 'pedagogical', category: 'Zelfvertrouwen', studentIds: [a.student.id, a.classmate.id] });
	await push(a.coach, need);
	await push(a.coach, put('need', { approach: 'Elke week een kort gesprek' }, need.id)); // history with the student's id in it
	await push(a.classmate, put('goal', { title: 'Van de klasgenoot' }));
	await createSession(t.db, a.student);
	await createSession(t.db, a.student);
	await login(t.db, { username: a.student.username, password: 'fout wachtwoord' }, '10.0.0.1');
	await revealPrivateNote(t.db, a.coach, a.student.id, intake.id);
	return { intake, goal, need };
}

/** Every row of every table as text: nothing of an erased student may be found in it. */
async function everything(): Promise<string> {
	const tables = ['schools', 'users', 'groups', 'memberships', 'sessions', 'login_attempts', 'records', 'record_history', 'applied_ops', 'access_log', 'erasures'];
	const out: string[] = [];
	for (const table of tables) {
		const rows = await queryRows<{ row: string }>(t.db, sql`select row_to_json(x)::text as row from ${sql.identifier(table)} x`);
		out.push(...rows.map((r) => r.row));
	}
	return out.join('\n');
}

describe('eraseStudent', () => {
	it('leaves no personal data, tombstones every record with a new rev, and records the erasure without the name', async () => {
		const { a } = w;
		const { need } = await fullStudent();
		const coachBefore = await sync(t.db, a.coach, { cursor: null, ops: [] });
		expect(coachBefore.changes.some((c) => c.ownerId === a.student.id)).toBe(true);
		const revBefore = Number((await queryRows<{ max: number }>(t.db, sql`select max(rev)::int as max from records`))[0]?.max);
		const owned = await t.db.select({ id: records.id }).from(records).where(eq(records.ownerId, a.student.id));
		expect(owned.length).toBe(4); // intake, goal, feedback, check-in

		const counts = await eraseStudent(t.db, a.admin, a.student.id, ` ${a.student.username.toUpperCase()} `, new Date('2026-11-23T09:00:00Z'));
		expect(counts).toMatchObject({ records: 4, sessions: 2, memberships: 1, loginAttempts: 1, accessLog: 1, needs: 1 });
		expect(counts.history).toBeGreaterThanOrEqual(1);
		expect(counts.appliedOps).toBeGreaterThanOrEqual(4);

		// The records are tombstones: deleted, no data, each with a rev after everything before.
		const tombstones = await t.db.select().from(records).where(eq(records.ownerId, a.student.id));
		expect(tombstones).toHaveLength(4);
		for (const r of tombstones) {
			expect(r.deleted).toBe(true);
			expect(r.data).toBeNull();
			expect(r.rev).toBeGreaterThan(revBefore);
		}
		// Nothing else left about them.
		expect(await t.db.select().from(users).where(eq(users.id, a.student.id))).toHaveLength(0);
		expect(await t.db.select().from(sessions).where(eq(sessions.userId, a.student.id))).toHaveLength(0);
		expect(await t.db.select().from(memberships).where(eq(memberships.userId, a.student.id))).toHaveLength(0);
		expect(await t.db.select().from(accessLog).where(eq(accessLog.studentId, a.student.id))).toHaveLength(0);
		expect(await t.db.select().from(appliedOps).where(eq(appliedOps.userId, a.student.id))).toHaveLength(0);
		expect(await t.db.select().from(loginAttempts).where(eq(loginAttempts.key, `account:${a.student.username}`))).toHaveLength(0);
		const history = await t.db.select().from(recordHistory);
		expect(history.some((h) => tombstones.some((r) => r.id === h.recordId))).toBe(false);
		// The shared need keeps the classmate, without the erased student (earlier versions too).
		const [needRow] = await t.db.select().from(records).where(eq(records.id, need.id));
		expect((needRow!.data as { studentIds: string[] }).studentIds).toEqual([a.classmate.id]);
		const dump = await everything();
		for (const trace of [a.student.id, a.student.username, a.student.displayName, secretNote, secretGoal, 'Koken voor mijn oma', 'Praat over thuis']) {
			if (trace === a.student.id) {
				// The id stays only as owner/author of the tombstones (it names no one once the account is gone).
				const rest = dump.replaceAll(`"owner_id":"${a.student.id}"`, '').replaceAll(`"author_id":"${a.student.id}"`, '');
				expect(rest.split('\n').filter((line) => line.includes(trace)), 'student id outside tombstones').toEqual([]);
			} else {
				expect(dump.includes(trace), trace).toBe(false);
			}
		}
		// The classmate's data is untouched.
		expect(dump).toContain('Van de klasgenoot');

		// The erasure: when, by whom, how much.
		const [erasure] = await t.db.select().from(erasures);
		expect(erasure).toMatchObject({ schoolId: a.school.id, erasedBy: a.admin.id, reason: 'admin', role: 'student' });
		expect(erasure!.erasedAt.toISOString()).toBe('2026-11-23T09:00:00.000Z');
		expect(erasure!.counts.records).toBe(4);

		// The coach's device: its scope changed, so it starts over and the student's records are not listed (the device drops them).
		const coachAfter = await sync(t.db, a.coach, { cursor: coachBefore.cursor, ops: [] });
		expect(coachAfter.reset).toBe(true);
		expect(coachAfter.changes.filter((c) => c.ownerId === a.student.id && !c.deleted)).toEqual([]);
		expect(JSON.stringify(coachAfter.changes)).not.toContain(secretGoal);
		// The username is free again, and the old password signs in nobody.
		expect(await login(t.db, { username: a.student.username, password: testPassword }, '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('erases nothing when the typed username does not match', async () => {
		const { a } = w;
		await fullStudent();
		await rejects(eraseStudent(t.db, a.admin, a.student.id, a.classmate.username), 400);
		await rejects(eraseStudent(t.db, a.admin, a.student.id, ''), 400);
		expect(await t.db.select().from(users).where(eq(users.id, a.student.id))).toHaveLength(1);
		expect((await t.db.select().from(records).where(and(eq(records.ownerId, a.student.id), eq(records.deleted, false)))).length).toBe(4);
		expect(await t.db.select().from(erasures)).toHaveLength(0);
	});

	it('is for admins of the student’s own school only; other schools, coaches and non-students get 404', async () => {
		const { a, b } = w;
		await fullStudent();
		await rejects(eraseStudent(t.db, b.admin, a.student.id, a.student.username), 404);
		await rejects(eraseStudent(t.db, a.coach, a.student.id, a.student.username), 404);
		await rejects(eraseStudent(t.db, a.student, a.student.id, a.student.username), 404);
		await rejects(eraseStudent(t.db, a.admin, a.coach.id, a.coach.username), 404);
		await rejects(archiveStudent(t.db, b.admin, a.student.id), 404);
		expect(await t.db.select().from(users).where(eq(users.id, a.student.id))).toHaveLength(1);
		expect(await t.db.select().from(memberships).where(eq(memberships.userId, a.student.id))).toHaveLength(1);
	});
});

describe('archiveStudent', () => {
	it('takes the student out of every group and signs them out for good, keeping their data', async () => {
		const { a } = w;
		await fullStudent();
		const session = await createSession(t.db, a.student);
		const coachBefore = await sync(t.db, a.coach, { cursor: null, ops: [] });
		await archiveStudent(t.db, a.admin, a.student.id, new Date('2026-11-01T12:00:00Z'));

		expect(await validateSession(t.db, session.token)).toBeNull();
		expect((await login(t.db, { username: a.student.username, password: testPassword }, '10.0.0.3')).ok).toBe(false);
		expect(await t.db.select().from(memberships).where(eq(memberships.userId, a.student.id))).toHaveLength(0);
		const [row] = await t.db.select().from(users).where(eq(users.id, a.student.id));
		expect(row!.archivedAt?.toISOString()).toBe('2026-11-01T12:00:00.000Z');
		// Kept: the admin can still download everything.
		const data = await exportStudentForAdmin(t.db, a.admin, a.student.id);
		expect(data.records.goal.map((g) => g.data?.title)).toEqual([secretGoal + ' en op tijd komen']);
		expect(data.user.archivedAt).toBe('2026-11-01T12:00:00.000Z');
		// The coach no longer coaches them: the device starts over without their records.
		const coachAfter = await sync(t.db, a.coach, { cursor: coachBefore.cursor, ops: [] });
		expect(coachAfter.reset).toBe(true);
		expect(coachAfter.changes.some((c) => c.ownerId === a.student.id)).toBe(false);

		await restoreStudent(t.db, a.admin, a.student.id);
		expect((await login(t.db, { username: a.student.username, password: testPassword }, '10.0.0.4')).ok).toBe(true);
	});
});

describe('retention', () => {
	const day = 86_400_000;
	const archivedAt = new Date('2026-10-01T08:00:00Z');

	it('erases archived students once the school’s retention period has passed, and nobody else', async () => {
		const { a, b } = w;
		await setRetention(t.db, a.admin, 30);
		await archiveStudent(t.db, a.admin, a.student.id, archivedAt);
		await archiveStudent(t.db, b.admin, b.student.id, archivedAt); // school B keeps data until an admin erases it
		const keptClassmate = a.classmate.id; // not archived

		expect(await purgeExpired(t.db, new Date(archivedAt.getTime() + 30 * day - 1000))).toBe(0);
		expect(await t.db.select().from(users).where(eq(users.id, a.student.id))).toHaveLength(1);

		expect(await purgeExpired(t.db, new Date(archivedAt.getTime() + 30 * day))).toBe(1);
		expect(await t.db.select().from(users).where(eq(users.id, a.student.id))).toHaveLength(0);
		expect(await t.db.select().from(users).where(eq(users.id, b.student.id))).toHaveLength(1);
		expect(await t.db.select().from(users).where(eq(users.id, keptClassmate))).toHaveLength(1);
		const [erasure] = await t.db.select().from(erasures);
		expect(erasure).toMatchObject({ schoolId: a.school.id, erasedBy: null, reason: 'retention' });
		// Nothing left to do a day later.
		expect(await purgeExpired(t.db, new Date(archivedAt.getTime() + 31 * day))).toBe(0);

		const settings = await privacySettings(t.db, a.admin);
		expect(settings.retentionDays).toBe(30);
		expect(settings.erasures).toHaveLength(1);
		expect(settings.erasures[0]).toMatchObject({ reason: 'retention', erasedBy: null });
	});

	it('runs at start through the schedule, and only admins set a valid period', async () => {
		const { a } = w;
		await setRetention(t.db, a.admin, 0);
		await archiveStudent(t.db, a.admin, a.student.id, new Date(Date.now() - 1000));
		try {
			expect(await startRetentionSchedule(() => t.db)).toBe(1);
			expect(await startRetentionSchedule(() => t.db)).toBe(0); // already running
		} finally {
			stopRetentionSchedule();
		}
		expect(await t.db.select().from(users).where(eq(users.id, a.student.id))).toHaveLength(0);

		await rejects(setRetention(t.db, a.admin, -1), 400);
		await rejects(setRetention(t.db, a.admin, 1.5), 400);
		await rejects(setRetention(t.db, a.coach, 30), 403);
		await setRetention(t.db, a.admin, null);
		expect((await privacySettings(t.db, a.admin)).retentionDays).toBeNull();
	});

	it('never erases an archived coach or an unarchived student, whatever the period', async () => {
		const { a } = w;
		await setRetention(t.db, a.admin, 0);
		const extra = await makeUser(t.db, a.school.id, 'student');
		await purgeExpired(t.db, new Date('2030-01-01T00:00:00Z'));
		expect(await t.db.select().from(users).where(eq(users.id, extra.id))).toHaveLength(1);
		expect(await t.db.select().from(erasures)).toHaveLength(0);
	});
});
