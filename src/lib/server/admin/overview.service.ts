import { sql } from 'drizzle-orm';
import { addWeeks, isoWeek, weekDays } from '$lib/domain/pace';
import { queryRows, type Db } from '../db';
import { policy, type Actor } from '../policy';
import { ApiError } from '../http/api';

/** How recent a student's own work must be to count as "active". */
export const activeDays = 14;

/** One group in the admin's school overview. */
export interface OverviewGroup {
	id: string;
	name: string;
	/** Active students in the group. */
	students: number;
	/** Students who changed something of their own in the last `activeDays` days. */
	active: number;
	/** Students who finished less than they had planned before this week (the dashboard's "behind"). */
	behind: number;
	/** Learning questions without a (newer) answer of a coach. */
	questionsWaiting: number;
	/** Assignments done (in the group's boards). */
	itemsDone: number;
}

export interface SchoolOverview {
	groups: OverviewGroup[];
	totals: Omit<OverviewGroup, 'id' | 'name'>;
	/** When it was computed. */
	at: string;
}

interface Row {
	id: string;
	name: string;
	students: number | string;
	active: number | string;
	behind: number | string;
	questions_waiting: number | string;
	items_done: number | string;
}

/**
 * Every group of the school with a few counts, in ONE aggregate statement. It reads each kind of
 * record once, through an index, and keeps only narrow per-student sums:
 * - choices are summed per student and board first (a few rows per student), then per group over
 *   the group's boards;
 * - "active" reads the recent own work through the partial own-work index;
 * - waiting questions use the partial index on feedback about questions.
 *
 * "Behind" is the dashboard's pace rule in SQL: a choice (not dropped, in one of the group's boards
 * or without a board) is due in its planned week, or else in the last week of the group's boards'
 * period; a student is behind when fewer are done (by the end of this week, local time) than were
 * due before it.
 */
export function overviewQuery(schoolId: string, today: Date) {
	const week = isoWeek(today);
	// `plannedWeek` is "YYYY-Www" or absent and `doneAt` an ISO time in UTC (the entity schemas say so),
	// so both compare as text: cheaper than a pattern or a timestamp per choice.
	const [y, mo, d] = weekDays(addWeeks(week, 1)).start.split('-').map(Number);
	const weekEnd = new Date(y!, mo! - 1, d!).toISOString();
	const since = new Date(today.getTime() - activeDays * 86_400_000);
	return sql`
		with roster as materialized (
			select m.group_id, m.user_id
			from memberships m
			join users u on u.id = m.user_id and u.school_id = m.school_id
			where m.school_id = ${schoolId} and m.role = 'student' and u.active
		),
		periods as materialized (
			select g.group_id, array_agg(r.id::text) as board_ids,
				to_char(max(r.data->>'periodEnd')::date, 'IYYY-"W"IW') as end_week
			from records r cross join lateral unnest(r.group_ids) as g(group_id)
			where r.school_id = ${schoolId} and r.entity = 'board' and not r.deleted
			group by g.group_id
		),
		picks as materialized (
			select c.owner_id, c.board_id,
				count(*) filter (where c.status = 'done') as done,
				count(*) filter (where c.status = 'done' and (c.done_at is null or c.done_at < ${weekEnd})) as done_to_date,
				count(*) filter (where c.status <> 'dropped' and c.planned_week < ${week}) as due_planned,
				count(*) filter (where c.status <> 'dropped' and c.planned_week is null) as unplanned
			from (
				-- The four fields first (offset 0 keeps this apart), so the grouping never carries the whole JSON.
				select r.owner_id, r.data->>'boardId' as board_id, r.data->>'status' as status,
					r.data->>'plannedWeek' as planned_week, r.data->>'doneAt' as done_at
				from records r
				where r.school_id = ${schoolId} and r.entity = 'choice' and not r.deleted
				offset 0
			) c
			group by c.owner_id, c.board_id
		),
		pace as (
			select ro.group_id, ro.user_id, sum(c.done) as done, sum(c.done_to_date) as done_to_date,
				sum(c.due_planned) + case when max(p.end_week) < ${week} then sum(c.unplanned) else 0 end as due_before
			from roster ro
			join picks c on c.owner_id = ro.user_id
			left join periods p on p.group_id = ro.group_id
			where c.board_id is null or c.board_id = any(p.board_ids)
			group by ro.group_id, ro.user_id
		),
		answers as (
			select f.target_id,
				max(f.created_at) filter (where f.author_id <> f.owner_id and f.kind <> 'reply') as answered_at,
				max(f.created_at) filter (where f.author_id = f.owner_id) as replied_at
			from (
				select r.data->>'targetId' as target_id, r.data->>'kind' as kind, r.created_at, r.author_id, r.owner_id
				from records r
				where r.school_id = ${schoolId} and r.entity = 'feedback' and (r.data->>'targetEntity') = 'question' and not r.deleted
				offset 0
			) f
			group by f.target_id
		),
		waiting as materialized (
			select q.owner_id, count(*) as n
			from records q left join answers a on a.target_id = q.id::text
			where q.school_id = ${schoolId} and q.entity = 'question' and not q.deleted
			  and (a.answered_at is null or a.replied_at > a.answered_at)
			group by q.owner_id
		),
		active as materialized (
			select distinct r.owner_id
			from records r
			where r.author_id = r.owner_id and r.updated_at >= ${since.toISOString()}::timestamptz and r.school_id = ${schoolId}
		),
		students as (
			select ro.group_id, ro.user_id, a.owner_id is not null as active
			from roster ro left join active a on a.owner_id = ro.user_id
		)
		select g.id, g.name,
			count(st.user_id) as students,
			count(*) filter (where st.active) as active,
			count(*) filter (where pc.done_to_date < pc.due_before) as behind,
			coalesce(sum(w.n), 0) as questions_waiting,
			coalesce(sum(pc.done), 0) as items_done
		from groups g
		left join students st on st.group_id = g.id
		left join pace pc on pc.group_id = st.group_id and pc.user_id = st.user_id
		left join waiting w on w.owner_id = st.user_id
		where g.school_id = ${schoolId}
		group by g.id, g.name
		order by lower(g.name), g.id`;
}

/** The admin's overview of every group of their school; anyone else is refused. */
export async function schoolOverview(db: Db, actor: Actor, today: Date = new Date()): Promise<SchoolOverview> {
	if (!policy.manageSchool(actor, actor.schoolId)) throw new ApiError(403, 'forbidden');
	const rows = await queryRows<Row>(db, overviewQuery(actor.schoolId, today));
	const groups = rows.map((r) => ({
		id: r.id,
		name: r.name,
		students: Number(r.students),
		active: Number(r.active),
		behind: Number(r.behind),
		questionsWaiting: Number(r.questions_waiting),
		itemsDone: Number(r.items_done)
	}));
	const sum = (k: keyof SchoolOverview['totals']) => groups.reduce((n, g) => n + g[k], 0);
	return {
		groups,
		totals: { students: sum('students'), active: sum('active'), behind: sum('behind'), questionsWaiting: sum('questionsWaiting'), itemsDone: sum('itemsDone') },
		at: today.toISOString()
	};
}
