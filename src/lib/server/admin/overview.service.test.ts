import { describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Op } from '$lib/domain/sync';
import fc from 'fast-check';
import { addWeeks, behindFrom, isoWeek, type PaceSummary } from '$lib/domain/pace';
import { queryRows } from '../db';
import { rollPaceWeek } from '../coach/facts.service';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import type { Actor } from '../policy';
import { sync } from '../sync/sync';
import { ApiError } from '../http/api';
import { loadDashboardRows } from '../coach/dashboard.service';
import { put } from '$test/ops';
import { overviewQuery, schoolOverview } from './overview.service';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

const today = new Date();
const ago = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString();
const date = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
const now = isoWeek(today);

async function push(actor: Actor, ...ops: Op[]) {
	const res = await sync(t.db, actor, { cursor: null, ops });
	for (const r of res.results) expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
}

/**
 * School A, group 1: the student is behind (an item overdue) with one unanswered question and one
 * item done; the classmate is on track with an answered question. School B has the same kind of
 * work, which must never show up in school A's overview.
 */
async function seed(school: typeof w.a) {
	const { coach, student, classmate, group } = school;
	const board = put('board', { title: 'Periode 2', periodStart: date(-28), periodEnd: date(60), groupIds: [group.id] });
	const item1 = put('item', { boardId: board.id, title: 'Vochtlijst', level: 'basis' });
	const item2 = put('item', { boardId: board.id, title: 'Dagbesteding', level: 'basis' });
	await push(coach, board, item1, item2, put('autonomy', { studentId: student.id, level: 'selfDirected' }), put('autonomy', { studentId: classmate.id, level: 'selfDirected' }));

	const goal = put('goal', { title: 'Vochtlijst bijhouden', status: 'active' });
	const open = put('question', { goalId: goal.id, text: 'Hoe reken ik bekers om?' });
	await push(
		student,
		goal,
		open,
		put('choice', { itemId: item1.id, boardId: board.id, plannedWeek: addWeeks(now, -3), status: 'done', doneAt: ago(20) }),
		put('choice', { itemId: item2.id, boardId: board.id, plannedWeek: addWeeks(now, -2), status: 'inProgress' })
	);

	const cGoal = put('goal', { title: 'Rapporteren' });
	const answered = put('question', { goalId: cGoal.id, text: 'Wat is objectief?' });
	await push(classmate, cGoal, answered, put('choice', { itemId: item1.id, boardId: board.id, plannedWeek: addWeeks(now, 1) }));
	await push(coach, put('feedback', { targetEntity: 'question', targetId: answered.id, kind: 'feedback', body: 'Wat zag je?' }));
}

describe('school overview', () => {
	it('counts per group: students, active, behind, questions waiting and items done', async () => {
		await seed(w.a);
		await seed(w.b);
		const overview = await schoolOverview(t.db, w.a.admin, today);
		expect(overview.groups.map((g) => g.name)).toEqual(['Groep 1', 'Groep 2']);
		const [g1, g2] = overview.groups;
		expect(g1).toEqual({ id: w.a.group.id, name: 'Groep 1', students: 2, active: 2, behind: 1, questionsWaiting: 1, itemsDone: 1 });
		expect(g2).toEqual({ id: w.a.otherGroup.id, name: 'Groep 2', students: 1, active: 0, behind: 0, questionsWaiting: 0, itemsDone: 0 });
		expect(overview.totals).toEqual({ students: 3, active: 2, behind: 1, questionsWaiting: 1, itemsDone: 1 });
	});

	it('says "behind" for the same students as the group dashboard', async () => {
		await seed(w.a);
		const overview = await schoolOverview(t.db, w.a.admin, today);
		const { rows } = await loadDashboardRows(t.db, w.a.coach, w.a.group.id, today);
		expect(rows.filter((r) => r.pace === 'behind').length).toBe(overview.groups[0]!.behind);
	});

	it('does not count work older than two weeks as active, nor students who left', async () => {
		await seed(w.a);
		await t.db.execute(sql`update records set updated_at = ${ago(15)}::timestamptz where owner_id = ${w.a.classmate.id}`);
		await t.db.execute(sql`update users set active = false where id = ${w.a.otherStudent.id}`);
		const overview = await schoolOverview(t.db, w.a.admin, today);
		expect(overview.groups[0]).toMatchObject({ students: 2, active: 1 });
		expect(overview.groups[1]).toMatchObject({ students: 0 });
	});

	it('is refused to coaches and students, and is one statement once the facts are stored', async () => {
		await seed(w.a);
		for (const actor of [w.a.coach, w.a.student]) {
			await expect(schoolOverview(t.db, actor, today)).rejects.toSatisfy((e) => e instanceof ApiError && e.status === 403);
		}
		const spy = vi.spyOn(t.db, 'execute');
		try {
			// The first look computes every student's facts in one aggregate and stores them.
			const first = await schoolOverview(t.db, w.a.admin, today);
			expect(spy).toHaveBeenCalledTimes(3);
			spy.mockClear();
			expect(await schoolOverview(t.db, w.a.admin, today)).toEqual(first);
			expect(spy).toHaveBeenCalledTimes(1);
		} finally {
			spy.mockRestore();
		}
	});
});

describe('the overview’s "behind" in SQL', () => {
	it('agrees with behindFrom (the dashboard’s rule) for any folded pace, in another week and after the week rolls', async () => {
		const week = fc.integer({ min: -12, max: 12 }).map((n) => addWeeks(now, n));
		const counts = fc.dictionary(week, fc.integer({ min: 1, max: 4 }), { maxKeys: 8 });
		const summary = fc.record({ due: counts, doneIn: counts, doneUnknown: fc.integer({ min: 0, max: 3 }) });
		await fc.assert(
			fc.asyncProperty(summary, async ({ due, doneIn, doneUnknown }) => {
				const s: PaceSummary = { due, doneIn, doneUnknown, done: doneUnknown + Object.values(doneIn).reduce((a, b) => a + b, 0) };
				// Stored in another week: the overview works it out from the folded pace…
				await t.db.execute(sql`
					insert into student_facts (group_id, user_id, school_id, changes, facts_changes, waiting_questions, pace, card, items_done, pace_week, behind)
					values (${w.a.group.id}, ${w.a.student.id}, ${w.a.school.id}, 0, 0, 0, ${JSON.stringify({ start: null, end: null, c: [], s })}::jsonb, '{}'::jsonb,
						${s.done}, '2001-W01', null)
					on conflict (group_id, user_id) do update set pace = excluded.pace, changes = 0, facts_changes = 0,
						items_done = excluded.items_done, pace_week = excluded.pace_week, behind = null`);
				const [row] = await queryRows<{ behind: number; items_done: number }>(t.db, overviewQuery(w.a.school.id, today));
				expect(row!.behind === 1).toBe(behindFrom(s, today));
				expect(row!.items_done).toBe(s.done);
				// …and the background refresher stores it for this week.
				expect(await rollPaceWeek(t.db, today)).toBe(1);
				const [stored] = await queryRows<{ behind: boolean }>(t.db, sql`select behind from student_facts where user_id = ${w.a.student.id}`);
				expect(stored!.behind).toBe(behindFrom(s, today));
			}),
			{ numRuns: 150 }
		);
	});
});
