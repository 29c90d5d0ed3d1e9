import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Op } from '$lib/domain/sync';
import { addWeeks, isoWeek } from '$lib/domain/pace';
import { makeUser, addToGroup } from '$test/db';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import type { Actor } from '../policy';
import { sync } from '../sync/sync';
import { ApiError } from '../http/api';
import { groupDashboard, loadDashboardRows, studentAttention } from './dashboard.service';
import { schoolDaysSince } from '$lib/domain/triage';
import { put } from '$test/ops';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db';
import { foldContacts, type PlanContacts } from '$lib/domain/week-plan';
import { factsColumns, refreshStaleFacts, withFreshFacts, type StoredFacts } from './facts.service';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

const today = new Date();
const ago = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString();
const date = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);


async function push(actor: Actor, ...ops: Op[]) {
	const res = await sync(t.db, actor, { cursor: null, ops });
	for (const r of res.results) expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
	return ops.map((o) => o.id);
}

/** A board with two items for school A's group, a need and autonomy levels; learning records for two students. */
async function seed() {
	const { coach, student, classmate, group } = w.a;
	const board = put('board', { title: 'Periode 2', periodStart: date(-21), periodEnd: date(60), groupIds: [group.id] });
	const item1 = put('item', { boardId: board.id, title: 'Vochtlijst', level: 'basis' });
	const item2 = put('item', { boardId: board.id, title: 'Dagbesteding', level: 'basis' });
	await push(coach, board, item1, item2);
	await push(
		coach,
		put('autonomy', { studentId: student.id, level: 'shared' }),
		put('need', { groupId: group.id, kind: 'didactic', category: 'Rekenen in de zorg', studentIds: [student.id] }),
		put('need', { groupId: group.id, kind: 'pedagogical', category: 'Meer zelfvertrouwen', studentIds: [student.id, classmate.id] })
	);
	// The latest autonomy record wins.
	await push(coach, put('autonomy', { studentId: student.id, level: 'guided', reason: 'Vaste afspraken' }));

	// The student: two questions (one answered), one choice done, one overdue, one waiting for approval; a cycle stuck in performance.
	const goal = put('goal', { title: 'Vochtlijst bijhouden', status: 'active' });
	const q1 = put('question', { goalId: goal.id, text: 'Hoe reken ik bekers om?' });
	const q2 = put('question', { goalId: goal.id, text: 'Waarom tellen we per dienst?' });
	const now = isoWeek(today);
	const done = put('choice', { itemId: item1.id, boardId: board.id, plannedWeek: addWeeks(now, -3), status: 'done', doneAt: ago(20) });
	const late = put('choice', { itemId: item2.id, boardId: board.id, plannedWeek: addWeeks(now, -2), status: 'inProgress' });
	await push(student, goal, q1, q2, done, late, put('intake', { confidence: 8 }));
	const pick = put('choice', { itemId: item2.id, boardId: board.id, plannedWeek: addWeeks(now, 1) });
	const stuck = put('cycle', {
		choiceId: late.id,
		phase: 'performance',
		forethought: { aim: 'Vochtlijst', ratingNow: 4, ratingTarget: 7, strategy: 'Kaartje' },
		performance: [
			{ id: randomUUID(), at: ago(15), minutes: 15, note: 'Lastig' },
			{ id: randomUUID(), at: ago(12), minutes: 10, note: 'Nog niet af' }
		]
	});
	const reflected = put('cycle', {
		choiceId: done.id,
		phase: 'done',
		forethought: { ratingNow: 5 },
		reflection: { howItWent: 'Goed', ratingAfter: 8, nextStep: 'Verder' }
	});
	await push(student, pick, reflected);
	await push(student, stuck);
	await push(coach, put('feedback', { targetEntity: 'question', targetId: q1.id, kind: 'feedforward', body: 'Reken eerst elke beker om.' }));
	await push(coach, { ...put('cycle', { coachRating: 5 }, reflected.id) });

	// The classmate: one planned item for next week, one question answered and then replied to.
	const cGoal = put('goal', { title: 'Rapporteren' });
	const cq = put('question', { goalId: cGoal.id, text: 'Wat is objectief?' });
	await push(classmate, cGoal, cq, put('choice', { itemId: item1.id, boardId: board.id, plannedWeek: addWeeks(now, 1) }));
	const answer = put('feedback', { targetEntity: 'question', targetId: cq.id, kind: 'feedback', body: 'Wat zag je?' });
	await push(coach, answer);
	await new Promise((r) => setTimeout(r, 5));
	await push(classmate, put('feedback', { targetEntity: 'question', targetId: cq.id, kind: 'reply', body: 'Dat ze rustig zat. Is dat objectief?', parentId: answer.id }));
	return { board };
}

describe('group dashboard', () => {
	it('answers one row per student with phases, pace, activity, questions, marks, needs and autonomy', async () => {
		await seed();
		const { group, rows, period } = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		expect(group).toEqual({ id: w.a.group.id, name: 'Groep 1' });
		expect(period).toEqual({ start: date(-21), end: date(60) });
		expect(rows).toHaveLength(2);
		const s = rows.find((r) => r.id === w.a.student.id)!;
		const c = rows.find((r) => r.id === w.a.classmate.id)!;

		expect(s).toMatchObject({
			name: w.a.student.displayName,
			phases: ['performance'],
			planned: 3,
			done: 1,
			pace: 'behind',
			waitingQuestions: 1,
			awaitingApproval: 1,
			marks: [8, 4],
			calibrationGap: 3,
			needTags: ['Meer zelfvertrouwen', 'Rekenen in de zorg'],
			autonomy: 'guided',
			status: 'now'
		});
		expect(Date.parse(s.lastLogAt!)).toBe(Date.parse(ago(12)));
		expect(Date.now() - Date.parse(s.lastActivityAt!)).toBeLessThan(60_000);
		// Quiet is counted in school days: 12 calendar days are 8 to 10 of them, by the weekday of today.
		const quiet = schoolDaysSince(ago(12), today)!;
		expect(s.attention.quietDays).toBe(quiet);
		expect(s.attention.urgency).toBe('now');
		expect(s.attention.reasons).toEqual(
			[
				{ kind: 'approval', count: 1, days: 0 },
				...(quiet >= 10 ? [{ kind: 'noLog', days: quiet, performing: true }] : []),
				// The intake said 8, the latest self-mark is 4.
				{ kind: 'confidenceDrop', from: 8, to: 4 },
				{ kind: 'question', count: 1, days: 0 },
				...(quiet < 10 ? [{ kind: 'quietWeek', days: quiet, performing: true }] : []),
				{ kind: 'behind' }
			]
		);
		// The classmate asked the coach something back: that waits on the coach.
		expect(c.attention.reasons.map((r) => r.kind)).toEqual(['approval', 'reply', 'question']);

		expect(c).toMatchObject({
			phases: [],
			planned: 1,
			done: 0,
			pace: 'notStarted',
			// Answered, but the student replied afterwards: waiting again.
			waitingQuestions: 1,
			// No autonomy level yet: the server treats the pick as guided.
			awaitingApproval: 1,
			marks: [],
			calibrationGap: null,
			needTags: ['Meer zelfvertrouwen'],
			autonomy: null,
			status: 'now'
		});
	});

	it('sends the week plan one row per student and coach (the three weeks’ count, the latest), this week’s check-ins, and folds as the device does', async () => {
		const { coach, student, classmate, group } = w.a;
		const goal = put('goal', { title: 'Rapporteren', status: 'active' });
		await push(student, goal);
		const fb = (body: string) => put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'feedback', body });
		const many = Array.from({ length: 12 }, (_, i) => fb(`Nummer ${i}`));
		const [older, old, edge, past] = [fb('Eerste'), fb('Tweede'), fb('Derde'), fb('Vierde')];
		await push(coach, older, old, edge, past, ...many);
		await push(student, put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'reply', body: 'Dank je', parentId: many[0]!.id }));
		const planned = put('checkIn', { studentId: classmate.id, date: date(0), notes: '', planned: true });
		const held = put('checkIn', { studentId: classmate.id, date: date(-10), notes: 'Gesprek', planned: false });
		await push(coach, planned, held);
		await t.db.execute(sql`update records set created_at = now() - interval '40 days' where id = ${older.id}`);
		await t.db.execute(sql`update records set created_at = now() - interval '30 days' where id = ${old.id}`);
		// The first day of the three weeks (20 days back) counts, the day before it does not.
		await t.db.execute(sql`update records set created_at = ${ago(20)} where id = ${edge.id}`);
		await t.db.execute(sql`update records set created_at = ${ago(21)} where id = ${past.id}`);
		// Spread over the three weeks, one of them a day ahead (a clock running fast): not a contact yet.
		for (const [k, f] of many.entries()) await t.db.execute(sql`update records set created_at = now() - ${`${k * 36 - 24} hours`}::interval where id = ${f.id}`);

		const { contacts } = await groupDashboard(t.db, coach, group.id, today);
		const mine = (id: string) => contacts.pairs.find((p) => p.studentId === id && p.coachId === coach.id);
		const createdOf = async (id: string) => new Date((await queryRows<{ at: Date | string }>(t.db, sql`select created_at as at from records where id = ${id}`))[0]!.at).toISOString();
		// 11 of the 12 are in the last 20 days and not ahead, and the one from 20 days back; the older ones are not.
		expect(mine(student.id)).toEqual({ studentId: student.id, coachId: coach.id, recent: 12, last: await createdOf(many[1]!.id) });
		// The check-in held ten days back counts; the planned one for today does not, yet it is this week's.
		expect(mine(classmate.id)).toEqual({ studentId: classmate.id, coachId: coach.id, recent: 1, last: date(-10) });
		expect(contacts.pairs).toHaveLength(2);
		expect(contacts.checkIns).toEqual([{ id: planned.id, authorId: coach.id, studentId: classmate.id, date: date(0), planned: true }]);

		// The device folds its copies of the same records the same way, so the plan does not move when it answers.
		const feedback = await queryRows<{ ownerId: string; authorId: string; createdAt: Date | string }>(
			t.db,
			sql`select owner_id as "ownerId", author_id as "authorId", created_at as "createdAt" from records where entity = 'feedback' and school_id = ${coach.schoolId}`
		);
		const checkIns = await queryRows<PlanContacts['checkIns'][number]>(
			t.db,
			sql`select id, author_id as "authorId", data->>'studentId' as "studentId", data->>'date' as date, coalesce((data->>'planned')::boolean, false) as planned from records where entity = 'checkIn' and school_id = ${coach.schoolId}`
		);
		const device = (on: Date) => foldContacts(feedback.map((f) => ({ ...f, createdAt: new Date(f.createdAt).toISOString() })), checkIns, on);
		const sorted = (c: PlanContacts) => ({ pairs: [...c.pairs].sort((a, b) => (a.studentId < b.studentId ? -1 : 1)), checkIns: c.checkIns });
		expect(sorted(contacts)).toEqual(sorted(device(today)));
		// Ten days on, with nothing written, the stored contacts give that day's three weeks; a day before
		// they start (a clock set back), the facts are computed again for it.
		for (const days of [10, 25, -30]) {
			const on = new Date(today.getTime() + days * 86_400_000);
			expect(sorted((await groupDashboard(t.db, coach, group.id, on)).contacts), `${days} days on`).toEqual(sorted(device(on)));
		}
		const spy = vi.spyOn(t.db, 'execute');
		try {
			await groupDashboard(t.db, coach, group.id, new Date(today.getTime() + 12 * 86_400_000));
			// The stored facts served that day too: no aggregate ran (the dashboard's read, its group check and its coaches).
			expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
		} finally {
			spy.mockRestore();
		}
	});

	it('reads stored facts in one statement; what changed since is computed in two more, however many students', async () => {
		await seed();
		const spy = vi.spyOn(t.db, 'execute');
		try {
			// First read: every student's facts are computed (one aggregate) and stored (one statement).
			const first = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
			expect(spy).toHaveBeenCalledTimes(3);
			spy.mockClear();
			// Nothing written since: one statement, the same rows.
			expect(await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today)).toEqual(first);
			expect(spy).toHaveBeenCalledTimes(1);
			for (let i = 0; i < 10; i++) await addToGroup(t.db, w.a.group, await makeUser(t.db, w.a.school.id, 'student'));
			spy.mockClear();
			const { rows } = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
			expect(rows).toHaveLength(12);
			expect(spy).toHaveBeenCalledTimes(3);
			// A student who never did anything is quiet.
			expect(rows.find((r) => r.id !== w.a.student.id && r.id !== w.a.classmate.id)!.attention).toMatchObject({ urgency: 'soon', reasons: [{ kind: 'notStarted' }] });
		} finally {
			spy.mockRestore();
		}
	});

	it('shows what a student did since the last look at once, and only recomputes that student', async () => {
		await seed();
		const before = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		const classmateBefore = before.rows.find((r) => r.id === w.a.classmate.id)!;
		const goal = put('goal', { title: 'Nieuw doel', status: 'active' });
		await push(w.a.student, goal, put('question', { goalId: goal.id, text: 'Wat vraag ik de bewoner eerst?' }));
		const stale = await t.db.execute(sql`select user_id from student_facts where facts_changes is distinct from changes`);
		expect((stale as unknown as { rows: { user_id: string }[] }).rows.map((r) => r.user_id)).toEqual([w.a.student.id]);
		const after = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		expect(after.rows.find((r) => r.id === w.a.student.id)!.waitingQuestions).toBe(before.rows.find((r) => r.id === w.a.student.id)!.waitingQuestions + 1);
		expect(after.rows.find((r) => r.id === w.a.classmate.id)).toEqual(classmateBefore);
	});

	it('a board that changes its period changes the pace of every student of the group', async () => {
		await seed();
		const before = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		expect(before.period.end).toBe(date(60));
		const [board] = (await t.db.execute(sql`select id from records where entity = 'board' and school_id = ${w.a.school.id}`) as unknown as { rows: { id: string }[] }).rows;
		await push(w.a.coach, { ...put('board', { title: 'Periode 2', periodStart: date(-21), periodEnd: date(90), groupIds: [w.a.group.id] }), id: board!.id });
		const after = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		expect(after.period.end).toBe(date(90));
	});

	it("a draft board's period does not count until the board is published (students do not have it yet)", async () => {
		await seed();
		const draft = put('board', { title: 'Periode 3', draft: true, periodStart: date(-21), periodEnd: date(120), groupIds: [w.a.group.id] });
		await push(w.a.coach, draft);
		expect((await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today)).period.end).toBe(date(60));
		await push(w.a.coach, { ...put('board', { title: 'Periode 3', draft: false, periodStart: date(-21), periodEnd: date(120), groupIds: [w.a.group.id] }), id: draft.id });
		expect((await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today)).period.end).toBe(date(120));
	});

	it('never stores facts computed before a write that came in meanwhile', async () => {
		await seed();
		await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		// A reader reads the student's row as stale, then the student writes before the reader stores.
		const goal = put('goal', { title: 'Eerst', status: 'active' });
		await push(w.a.student, goal);
		const read = await queryRows<StoredFacts>(t.db, sql`select m.group_id, m.user_id, ${factsColumns} from memberships m
			left join student_facts f on f.group_id = m.group_id and f.user_id = m.user_id where m.user_id = ${w.a.student.id}`);
		expect(read[0]!.fresh).toBe(false);
		await push(w.a.student, put('question', { goalId: goal.id, text: 'Tussendoor geschreven?' }));
		await withFreshFacts(t.db, w.a.school.id, read);
		const stored = await queryRows<{ fresh: boolean }>(t.db, sql`select facts_changes = changes as fresh from student_facts where user_id = ${w.a.student.id}`);
		expect(stored[0]!.fresh).toBe(false);
		// The next look computes them anew, with the question.
		const { rows } = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		expect(rows.find((r) => r.id === w.a.student.id)!.waitingQuestions).toBe(2);
	});

	it('the background refresher brings what students wrote up to date before the coach looks', async () => {
		await seed();
		await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		await push(w.a.classmate, put('goal', { title: 'Iets nieuws', status: 'active' }));
		expect(await refreshStaleFacts(t.db)).toBe(1);
		expect(await refreshStaleFacts(t.db)).toBe(0);
		const spy = vi.spyOn(t.db, 'execute');
		try {
			await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
			expect(spy).toHaveBeenCalledTimes(1);
		} finally {
			spy.mockRestore();
		}
	});

	it('forgets a student’s facts in a group they leave', async () => {
		await seed();
		await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		await t.db.execute(sql`delete from memberships where group_id = ${w.a.group.id} and user_id = ${w.a.classmate.id}`);
		const left = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from student_facts where user_id = ${w.a.classmate.id}`);
		expect(left[0]!.n).toBe(0);
	});

	it('gives the page the coaches and the group, and puts who needs the coach first', async () => {
		await seed();
		const dashboard = await groupDashboard(t.db, w.a.coach, w.a.group.id, today);
		expect(dashboard.coaches).toEqual([{ id: w.a.coach.id, displayName: w.a.coach.displayName }]);
		expect(dashboard.rows.map((r) => r.status)).toContain('now');
	});

	it('tells the coach on a student’s own page what waits on them, with how long a learning question waits', async () => {
		await seed();
		// The unanswered question was asked nine days ago.
		await t.db.execute(sql`update records set created_at = ${ago(9)}::timestamptz where entity = 'question' and data->>'text' = 'Waarom tellen we per dienst?'`);
		await t.db.execute(sql`update student_facts set changes = coalesce(changes, 0) + 1`);
		const waiting = await studentAttention(t.db, w.a.coach, w.a.student.id, today);
		expect(waiting?.attention.reasons).toContainEqual({ kind: 'question', count: 1, days: schoolDaysSince(ago(9), today) });
		expect(waiting?.attention.reasons[0]).toMatchObject({ kind: 'approval', count: 1 });
		const classmate = await studentAttention(t.db, w.a.coach, w.a.classmate.id, today);
		expect(classmate?.attention.reasons).toContainEqual({ kind: 'reply', count: 1, days: 0 });
		// Only through a group the coach coaches.
		expect(await studentAttention(t.db, w.a.otherCoach, w.a.student.id, today)).toBeNull();
		expect(await studentAttention(t.db, w.b.coach, w.a.student.id, today)).toBeNull();
	});

	it('is "not found" for a coach of another group, another school, a student and an admin', async () => {
		await seed();
		const refused = async (actor: Actor, groupId = w.a.group.id) => {
			const e = await loadDashboardRows(t.db, actor, groupId).catch((x: unknown) => x);
			expect(e).toBeInstanceOf(ApiError);
			expect((e as ApiError).status).toBe(404);
		};
		await refused(w.a.otherCoach);
		await refused(w.b.coach);
		await refused(w.a.student);
		await refused(w.a.admin);
		await refused(w.a.coach, w.b.group.id);
		await refused(w.a.coach, randomUUID());
	});
});
