import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { addToGroup } from '$test/db';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { memberships } from '../db/schema';
import type { Actor } from '../policy';
import { sync } from './sync';
import { changesSince } from './changes-since';
import { decodeCursor, loadScope } from './scope';
import { put } from '$test/ops';

/**
 * A poll without ops takes a shorter road (scope and "anything newer?" in one statement). Whatever road it
 * takes, the answer must be the one the full read gives: same changes, same cursor, same reset.
 */
let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

/** Polls until up to date, as a device does; returns the cursor. */
async function upToDate(actor: Actor, cursor: string | null = null) {
	for (;;) {
		const res = await sync(t.db, actor, { cursor, ops: [] });
		cursor = res.cursor;
		if (!res.more) return cursor;
	}
}

/** One poll, checked against the full read of the same scope from the same cursor. */
async function poll(actor: Actor, cursor: string) {
	const res = await sync(t.db, actor, { cursor, ops: [] });
	const scope = await loadScope(t.db, actor);
	const { rev, reset } = decodeCursor(cursor, scope);
	const full = await changesSince(t.db, scope, rev);
	expect(res.changes).toEqual(full.changes);
	expect(res.more).toBe(full.more);
	expect(res.reset).toBe(reset);
	return res;
}

async function addQualification(schoolId: string, authorId: string) {
	const id = randomUUID();
	await t.db.execute(
		sql`insert into records (id, school_id, entity, author_id, rev, data) values (${id}, ${schoolId}, 'qualification', ${authorId}, nextval('rev_seq'), ${JSON.stringify({ title: 'Kwalificatie' })}::jsonb)`
	);
	return id;
}

describe('polling with a current cursor', () => {
	it('answers nothing new (the cursor moving up to the school’s newest write), and each write in scope arrives on the next poll while writes elsewhere do not', async () => {
		const studentCursor = await upToDate(w.a.student);
		const coachCursor = await upToDate(w.a.coach);

		const quiet = await poll(w.a.student, studentCursor);
		expect(quiet).toMatchObject({ changes: [], more: false, reset: false, cursor: studentCursor, results: [] });
		expect(await poll(w.a.coach, coachCursor)).toMatchObject({ changes: [], cursor: coachCursor, reset: false });

		// Outside both scopes: another school's work, a board of a group neither is in, the classmate's own goal
		// (outside the student's scope, inside the coach's).
		await sync(t.db, w.b.student, { cursor: null, ops: [put('goal', { title: 'Andere school' })] });
		await sync(t.db, w.b.coach, { cursor: null, ops: [put('board', { title: 'Bord B', groupIds: [w.b.group.id] })] });
		const classmateGoal = put('goal', { title: 'Van een klasgenoot' });
		await sync(t.db, w.a.classmate, { cursor: null, ops: [classmateGoal] });
		// Nothing for the student, but they now have everything in scope up to the classmate's write: the cursor
		// moves up to it (same scope), so that their next poll can be answered without reading the database.
		const moved = await poll(w.a.student, studentCursor);
		expect(moved).toMatchObject({ changes: [], more: false, reset: false });
		const [, oldRev, oldKey] = studentCursor.split('.');
		const [, newRev, newKey] = moved.cursor.split('.');
		expect(Number(newRev)).toBeGreaterThan(Number(oldRev));
		expect(newKey).toBe(oldKey);
		expect(await poll(w.a.student, moved.cursor)).toMatchObject({ changes: [], cursor: moved.cursor });
		const coachSeen = await poll(w.a.coach, coachCursor);
		expect(coachSeen.changes.map((c) => c.id)).toEqual([classmateGoal.id]);
		expect(coachSeen.cursor).not.toBe(coachCursor);

		// In the student's scope: their own goal (written from another device), the group's board, a qualification.
		const own = put('goal', { title: 'Eigen doel' });
		await sync(t.db, w.a.student, { cursor: null, ops: [own] });
		const board = put('board', { title: 'Bord', groupIds: [w.a.group.id] });
		await sync(t.db, w.a.coach, { cursor: null, ops: [board] });
		const qualification = await addQualification(w.a.school.id, w.a.admin.id);
		const seen = await poll(w.a.student, moved.cursor);
		expect(seen.changes.map((c) => c.id)).toEqual([own.id, board.id, qualification]);
		expect(seen.reset).toBe(false);
		expect(await poll(w.a.student, seen.cursor)).toMatchObject({ changes: [], cursor: seen.cursor });
	});

	it('starts over when the user’s groups change or the cursor is not theirs (a malformed one included)', async () => {
		const board = put('board', { title: 'Bord', groupIds: [w.a.group.id] });
		await sync(t.db, w.a.coach, { cursor: null, ops: [board] });
		const cursor = await upToDate(w.a.student);
		// Another user's cursor, or garbage: a full answer from zero.
		const foreign = await upToDate(w.a.classmate);
		expect((await poll(w.a.student, foreign)).reset).toBe(true);
		for (const bad of ['v1.abc.x', 'v2.1.x', 'v1.-5.x', 'nonsense', `v1.${Number.MAX_SAFE_INTEGER + 10}.x`]) {
			const res = await poll(w.a.student, bad);
			expect(res.reset).toBe(true);
		}
		// Taken out of the group: the board is no longer theirs, the device starts over without it.
		await t.db.delete(memberships).where(and(eq(memberships.groupId, w.a.group.id), eq(memberships.userId, w.a.student.id)));
		const moved = await poll(w.a.student, cursor);
		expect(moved.reset).toBe(true);
		expect(moved.changes.map((c) => c.id)).not.toContain(board.id);
		// A coach given a second group starts over with its students.
		const coachCursor = await upToDate(w.a.coach);
		await addToGroup(t.db, w.a.otherGroup, w.a.coach);
		const theirs = put('goal', { title: 'Nieuwe leerling' });
		await sync(t.db, w.a.otherStudent, { cursor: null, ops: [theirs] });
		const grown = await poll(w.a.coach, coachCursor);
		expect(grown.reset).toBe(true);
		expect(grown.changes.map((c) => c.id)).toContain(theirs.id);
	});
});
