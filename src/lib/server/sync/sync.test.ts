import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Op } from '$lib/domain/sync';
import { addToGroup } from '$test/db';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { appliedOps, recordHistory, records } from '../db/schema';
import { queryRows } from '../db';
import type { Actor } from '../policy';
import { sync } from './sync';
import { changesSince } from './changes-since';
import { loadScope } from './scope';
import { put, del } from '$test/ops';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));


async function push(actor: Actor, ...ops: Op[]) {
	return sync(t.db, actor, { cursor: null, ops });
}
async function snapshot() {
	const rows = await t.db.select().from(records);
	const history = await t.db.select().from(recordHistory);
	const ops = await t.db.select().from(appliedOps);
	return JSON.stringify({ rows, history: history.length, ops: ops.length });
}
async function visible(actor: Actor) {
	const { changes } = await changesSince(t.db, await loadScope(t.db, actor), 0);
	return changes;
}

describe('applying ops', () => {
	it('applies a put, answers everything in scope, and replays as duplicate without changing anything', async () => {
		const goal = put('goal', { title: 'Medicatie veilig aanreiken' });
		const first = await push(w.a.student, goal);
		expect(first.results).toEqual([{ opId: goal.opId, status: 'applied', rev: expect.any(Number) }]);
		expect(first.changes).toEqual([
			expect.objectContaining({ entity: 'goal', id: goal.id, deleted: false, data: { title: 'Medicatie veilig aanreiken', status: 'draft' }, ownerId: w.a.student.id })
		]);
		const before = await snapshot();
		const again = await push(w.a.student, goal, goal);
		expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
		expect(await snapshot()).toBe(before);
	});

	it('takes the owner from the session: an owner field in the data is refused', async () => {
		const forged = put('goal', { title: 'x', ownerId: w.a.classmate.id });
		const res = await push(w.a.student, forged);
		expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'sync_invalid' });
		expect(await t.db.select().from(records)).toHaveLength(0);
	});

	it('rejects bad data with a reason in Dutch and changes nothing', async () => {
		const before = await snapshot();
		const res = await push(w.a.student, put('goal', { title: '' }), put('goal', { title: 42 }), put('rating', { itemId: randomUUID(), stars: 9 }));
		expect(res.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(res.results[0]!.error).toMatch(/Niet alle velden kloppen \(title\)/);
		expect(await snapshot()).toBe(before);
	});

	it('a student cannot write into a classmate’s record; another school’s record does not exist for them', async () => {
		const goal = put('goal', { title: 'Van Daan' });
		await push(w.a.student, goal);
		const before = await snapshot();
		const res = await push(w.a.classmate, put('goal', { title: 'Gekaapt' }, goal.id), del('goal', goal.id));
		expect(res.results.map((r) => r.code)).toEqual(['sync_forbidden', 'sync_forbidden']);
		const foreign = await push(w.b.student, put('goal', { title: 'School B' }, goal.id));
		expect(foreign.results[0]!.code).toBe('sync_not_found');
		expect(await snapshot()).toBe(before);
	});

	it('a student cannot point a question at a classmate’s goal', async () => {
		const goal = put('goal', { title: 'Van Daan' });
		await push(w.a.student, goal);
		const res = await push(w.a.classmate, put('question', { goalId: goal.id, text: 'Hoe werkt dit?' }));
		expect(res.results[0]!.code).toBe('sync_ref_missing');
		const own = await push(w.a.student, put('question', { goalId: goal.id, text: 'Hoe werkt dit?' }));
		expect(own.results[0]!.status).toBe('applied');
	});

	it('merges concurrent edits field by field in arrival order and keeps every overwritten version', async () => {
		const goal = put('goal', { title: 'Rapporteren', why: 'v1' });
		await push(w.a.student, goal);
		await push(w.a.student, { ...put('goal', { why: 'van de telefoon' }, goal.id), baseRev: 1 });
		await push(w.a.student, { ...put('goal', { successCriteria: 'van de laptop', why: 'laptop wint' }, goal.id), baseRev: 1 });
		const [row] = await t.db.select().from(records).where(eq(records.id, goal.id));
		expect(row!.data).toEqual({ title: 'Rapporteren', why: 'laptop wint', successCriteria: 'van de laptop', status: 'draft' });
		const history = await t.db.select().from(recordHistory).where(eq(recordHistory.recordId, goal.id));
		expect(history.map((h) => h.data?.why)).toEqual(['v1', 'van de telefoon']);
	});

	it('merges performance-log entries from two devices instead of losing one', async () => {
		const goal = put('goal', { title: 'Vochtbalans' });
		const cycle = put('cycle', { goalId: goal.id, phase: 'performance' });
		await push(w.a.student, goal, cycle);
		const entry = (note: string) => ({ id: randomUUID(), at: new Date().toISOString(), note, minutes: 30 });
		await push(w.a.student, put('cycle', { performance: [entry('telefoon')] }, cycle.id));
		await push(w.a.student, put('cycle', { performance: [entry('laptop')] }, cycle.id));
		const [row] = await t.db.select().from(records).where(eq(records.id, cycle.id));
		expect((row!.data!.performance as { note: string }[]).map((e) => e.note)).toEqual(['telefoon', 'laptop']);
	});

	it('deletes are tombstones that reach other devices', async () => {
		const goal = put('goal', { title: 'Weg ermee' });
		const first = await push(w.a.student, goal);
		const res = await sync(t.db, w.a.student, { cursor: first.cursor, ops: [del('goal', goal.id)] });
		expect(res.changes).toEqual([expect.objectContaining({ id: goal.id, deleted: true, data: null })]);
		const later = await push(w.a.student, put('goal', { title: 'terug?' }, goal.id));
		expect(later.results[0]!.code).toBe('sync_deleted');
		expect(await t.db.select().from(recordHistory)).toHaveLength(1);
	});

	it('coaches may approve a pick and give a mark, but not rewrite a student’s text', async () => {
		const board = put('board', { title: 'Bord', groupIds: [w.a.group.id] });
		const item = put('item', { boardId: board.id, title: 'Opdracht', level: 'basis' });
		await push(w.a.coach, board, item);
		const goal = put('goal', { title: 'Doel' });
		const choice = put('choice', { itemId: item.id, status: 'planned' });
		await push(w.a.student, goal, choice);
		const ok = await push(w.a.coach, put('choice', { status: 'approved' }, choice.id));
		expect(ok.results[0]!.status).toBe('applied');
		const no = await push(w.a.coach, put('goal', { title: 'Beter doel' }, goal.id));
		expect(no.results[0]!.code).toBe('sync_forbidden');
		const otherCoach = await push(w.a.otherCoach, put('choice', { status: 'dropped' }, choice.id));
		expect(otherCoach.results[0]!.code).toBe('sync_forbidden');
		const foreignCoach = await push(w.b.coach, put('choice', { status: 'dropped' }, choice.id));
		expect(foreignCoach.results[0]!.code).toBe('sync_not_found');
	});

	it('feedback is append-only: coaches of the student write it, the student replies, nobody edits', async () => {
		const goal = put('goal', { title: 'Doel' });
		await push(w.a.student, goal);
		const fb = put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'feedforward', body: 'Maak het concreet: wat doe je morgen?' });
		expect((await push(w.a.coach, fb)).results[0]!.status).toBe('applied');
		const reply = put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'reply', body: 'Ik oefen met een collega.', parentId: fb.id });
		expect((await push(w.a.student, reply)).results[0]!.status).toBe('applied');
		expect((await push(w.a.student, put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'feedback', body: 'zelf' }))).results[0]!.code).toBe('sync_forbidden');
		expect((await push(w.a.coach, put('feedback', { body: 'aangepast' }, fb.id))).results[0]!.code).toBe('sync_append_only');
		expect((await push(w.a.coach, del('feedback', fb.id))).results[0]!.code).toBe('sync_append_only');
		expect((await push(w.a.otherCoach, put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'feedback', body: 'x' }))).results[0]!.code).toBe('sync_forbidden');
		const seen = await visible(w.a.student);
		expect(seen.filter((c) => c.entity === 'feedback').map((c) => c.data?.kind)).toEqual(['feedforward', 'reply']);
	});
});

describe('picks and approvals', () => {
	async function boardWithItem() {
		const board = put('board', { title: 'Bord', groupIds: [w.a.group.id], levels: [{ key: 'support', label: 'Ondersteuning' }, { key: 'basis', label: 'Basis' }, { key: 'deepening', label: 'Verdieping' }] });
		const item = put('item', { boardId: board.id, title: 'Verdiepen', level: 'deepening' });
		await push(w.a.coach, board, item);
		return item;
	}
	const stored = async (id: string) => (await t.db.select().from(records).where(eq(records.id, id)))[0]!.data as Record<string, unknown>;

	it('a student without an autonomy level is guided: the pick waits for the coach, whatever the device said', async () => {
		const item = await boardWithItem();
		const pick = put('choice', { itemId: item.id, status: 'planned', needsApproval: false });
		expect((await push(w.a.student, pick)).results[0]!.status).toBe('applied');
		expect(await stored(pick.id)).toMatchObject({ needsApproval: true, status: 'planned' });
		expect((await push(w.a.student, put('choice', { status: 'approved' }, pick.id))).results[0]!.code).toBe('sync_needs_approval');
		expect((await push(w.a.student, put('choice', { status: 'inProgress' }, pick.id))).results[0]!.code).toBe('sync_needs_approval');
		expect((await push(w.a.student, put('choice', { needsApproval: false }, pick.id))).results[0]!.code).toBe('sync_needs_approval');
		expect((await push(w.a.coach, put('choice', { status: 'approved' }, pick.id))).results[0]!.status).toBe('applied');
		expect((await push(w.a.student, put('choice', { status: 'inProgress' }, pick.id))).results[0]!.status).toBe('applied');
	});

	it('a shared student picks freely within their level ±1; a self-directed student picks anything', async () => {
		const item = await boardWithItem();
		await push(w.a.coach, put('autonomy', { studentId: w.a.student.id, level: 'shared', workLevel: 'basis' }));
		const near = put('choice', { itemId: item.id, status: 'planned' });
		await push(w.a.student, near);
		expect((await stored(near.id)).needsApproval).toBeUndefined();
		await push(w.a.coach, put('autonomy', { studentId: w.a.student.id, level: 'shared', workLevel: 'support' }));
		const far = put('choice', { itemId: item.id, status: 'planned' });
		await push(w.a.student, far);
		expect((await stored(far.id)).needsApproval).toBe(true);
		await push(w.a.coach, put('autonomy', { studentId: w.a.student.id, level: 'selfDirected' }));
		const free = put('choice', { itemId: item.id, status: 'planned' });
		await push(w.a.student, free);
		expect((await stored(free.id)).needsApproval).toBeUndefined();
	});
});

describe('scope of changes', () => {
	it('a student sees their own records and their group’s boards; a coach sees their students; nobody sees another school', async () => {
		const board = put('board', { title: 'Bord 2A', groupIds: [w.a.group.id] });
		const item = put('item', { boardId: board.id, title: 'Bloeddruk meten', level: 'basis' });
		const otherBoard = put('board', { title: 'Bord groep 2', groupIds: [w.a.otherGroup.id] });
		await push(w.a.coach, board, item);
		await push(w.a.otherCoach, otherBoard);
		const mine = put('goal', { title: 'Van Daan' });
		const theirs = put('goal', { title: 'Van klasgenoot' });
		const outsider = put('goal', { title: 'Andere groep' });
		await push(w.a.student, mine);
		await push(w.a.classmate, theirs);
		await push(w.a.otherStudent, outsider);
		await push(w.b.student, put('goal', { title: 'School B' }));

		const ids = async (a: Actor) => (await visible(a)).map((c) => c.id).sort();
		expect(await ids(w.a.student)).toEqual([board.id, item.id, mine.id].sort());
		expect(await ids(w.a.coach)).toEqual([board.id, item.id, mine.id, theirs.id].sort());
		expect(await ids(w.a.otherCoach)).toEqual([otherBoard.id, outsider.id].sort());
		expect((await visible(w.b.coach)).map((c) => c.data?.title)).toEqual(['School B']);
		expect(await visible(w.b.admin)).toEqual([]);
	});

	it('a student’s private evidence never reaches a coach, and becomes a tombstone when made private later', async () => {
		const ev = put('evidence', { title: 'Stageverslag', visibility: 'coach' });
		await push(w.a.student, ev);
		expect((await visible(w.a.coach)).find((c) => c.id === ev.id)?.data?.title).toBe('Stageverslag');
		await push(w.a.student, put('evidence', { visibility: 'private' }, ev.id));
		const seen = (await visible(w.a.coach)).find((c) => c.id === ev.id);
		expect(seen).toMatchObject({ deleted: true, data: null });
		expect((await visible(w.a.student)).find((c) => c.id === ev.id)?.data?.visibility).toBe('private');
		const fb = await push(w.a.coach, put('feedback', { targetEntity: 'evidence', targetId: ev.id, kind: 'feedback', body: 'x' }));
		expect(fb.results[0]!.code).toBe('sync_forbidden');
	});

	it('items follow their board: a board given to another group brings its items along', async () => {
		const board = put('board', { title: 'Bord', groupIds: [] });
		const item = put('item', { boardId: board.id, title: 'Opdracht', level: 'basis' });
		await push(w.a.coach, board, item);
		expect(await visible(w.a.student)).toEqual([]);
		await push(w.a.coach, put('board', { groupIds: [w.a.group.id] }, board.id));
		expect((await visible(w.a.student)).map((c) => c.entity).sort()).toEqual(['board', 'item']);
		await push(w.a.coach, del('board', board.id));
		expect((await visible(w.a.student)).every((c) => c.deleted)).toBe(true);
	});

	it('a board not published yet reaches the coaches only; publishing brings it and its items to students, and it stays published', async () => {
		const board = put('board', { title: 'Geïmporteerd bord', groupIds: [w.a.group.id], draft: true });
		const item = put('item', { boardId: board.id, title: 'Opdracht', level: 'basis' });
		await push(w.a.coach, board, item);
		expect((await visible(w.a.coach)).map((c) => c.id).sort()).toEqual([board.id, item.id].sort());
		expect((await visible(w.a.otherCoach)).map((c) => c.id)).toEqual([]);
		expect(await visible(w.a.student)).toEqual([]);
		// Nor can a student pick or rate what they cannot see, nor a coach suggest it.
		const refused = await push(w.a.student, put('choice', { itemId: item.id, status: 'planned' }), put('rating', { itemId: item.id, stars: 4 }));
		expect(refused.results.map((r) => r.code)).toEqual(['sync_ref_missing', 'sync_ref_missing']);
		const goal = put('goal', { title: 'Van Daan' });
		await push(w.a.student, goal);
		const suggestion = put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'feedforward', body: 'Probeer deze', suggestedItemId: item.id });
		expect((await push(w.a.coach, suggestion)).results[0]!.code).toBe('sync_ref_missing');

		const scope = await loadScope(t.db, w.a.student);
		const { lastRev } = await changesSince(t.db, scope, 0);
		await push(w.a.coach, put('board', { draft: false }, board.id));
		const after = await changesSince(t.db, scope, lastRev);
		expect(after.changes.map((c) => c.entity).sort()).toEqual(['board', 'item']);
		expect((await push(w.a.student, put('choice', { itemId: item.id, status: 'planned' }))).results[0]!.status).toBe('applied');
		const back = await push(w.a.coach, put('board', { draft: true }, board.id));
		expect(back.results[0]).toMatchObject({ status: 'rejected', code: 'sync_board_published' });
		expect(back.results[0]!.error).toMatch(/gepubliceerd/);
	});

	it('a coach cannot put a board in a group they do not coach', async () => {
		const res = await push(w.a.coach, put('board', { title: 'Bord', groupIds: [w.a.otherGroup.id] }));
		expect(res.results[0]!.code).toBe('sync_forbidden');
		expect((await push(w.a.student, put('board', { title: 'Bord', groupIds: [w.a.group.id] }))).results[0]!.code).toBe('sync_forbidden');
	});

	it('pages large answers and starts over when the user’s groups change', async () => {
		const ops = Array.from({ length: 25 }, (_, i) => put('goal', { title: `Doel ${i}` }));
		await push(w.a.student, ...ops);
		const scope = await loadScope(t.db, w.a.student);
		const page1 = await changesSince(t.db, scope, 0, 10);
		expect(page1.changes).toHaveLength(10);
		expect(page1.more).toBe(true);
		const page2 = await changesSince(t.db, scope, page1.lastRev, 10);
		expect(page2.changes[0]!.rev).toBeGreaterThan(page1.lastRev);

		const first = await push(w.a.student);
		expect(first.reset).toBe(true);
		const second = await sync(t.db, w.a.student, { cursor: first.cursor, ops: [] });
		expect(second.reset).toBe(false);
		expect(second.changes).toEqual([]);
		await addToGroup(t.db, w.a.otherGroup, w.a.student);
		const third = await sync(t.db, w.a.student, { cursor: second.cursor, ops: [] });
		expect(third.reset).toBe(true);
		expect(third.changes.length).toBeGreaterThan(0);
	});

	it('revs come from one sequence and only grow', async () => {
		await push(w.a.student, put('goal', { title: 'a' }), put('goal', { title: 'b' }));
		await push(w.b.student, put('goal', { title: 'c' }));
		const revs = (await t.db.select({ rev: records.rev }).from(records).orderBy(records.rev)).map((r) => r.rev);
		expect(new Set(revs).size).toBe(3);
		const [row] = await queryRows<{ last: string }>(t.db, sql`select last_value as last from rev_seq`);
		expect(Number(row!.last)).toBe(Math.max(...revs));
	});
});
