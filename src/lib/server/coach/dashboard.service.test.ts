import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Op } from '$lib/domain/sync';
import { addWeeks, isoWeek } from '$lib/domain/pace';
import { openTestDatabase, makeTwoSchools, makeUser, addToGroup } from '../testing/db';
import type { Actor } from '../policy';
import { sync } from '../sync/sync';
import { ApiError } from '../http/api';
import { groupDashboard, loadDashboardRows } from './dashboard.service';
import { put } from '../testing/ops';

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let w: Awaited<ReturnType<typeof makeTwoSchools>>;
beforeAll(async () => {
	t = await openTestDatabase();
});
afterAll(async () => t.close());
beforeEach(async () => {
	await t.reset();
	w = await makeTwoSchools(t.db);
});

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
	await push(student, goal, q1, q2, done, late);
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
	await push(classmate, put('feedback', { targetEntity: 'question', targetId: cq.id, kind: 'reply', body: 'Dat ze rustig zat.', parentId: answer.id }));
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
		expect(s.attention.reasons).toEqual(['waitingQuestions', 'awaitingApproval', 'behind', 'notLogging', 'calibrationGap']);
		expect(s.attention.quietDays).toBe(12);

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

	it('is served by one query, however many students the group has', async () => {
		await seed();
		const spy = vi.spyOn(t.db, 'execute');
		try {
			await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
			expect(spy).toHaveBeenCalledTimes(1);
			for (let i = 0; i < 10; i++) await addToGroup(t.db, w.a.group, await makeUser(t.db, w.a.school.id, 'student'));
			spy.mockClear();
			const { rows } = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
			expect(rows).toHaveLength(12);
			expect(spy).toHaveBeenCalledTimes(1);
			// A student who never did anything is quiet.
			expect(rows.find((r) => r.id !== w.a.student.id && r.id !== w.a.classmate.id)!.attention.reasons).toEqual(['inactive']);
		} finally {
			spy.mockRestore();
		}
	});

	it('gives the page the coaches and the group, and puts who needs the coach first', async () => {
		await seed();
		const dashboard = await groupDashboard(t.db, w.a.coach, w.a.group.id, today);
		expect(dashboard.coaches).toEqual([{ id: w.a.coach.id, displayName: w.a.coach.displayName }]);
		expect(dashboard.rows.map((r) => r.status)).toContain('now');
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
