import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { groups, memberships, users } from '../db/schema';
import { policy, type Actor } from '../policy';
import { membershipIn } from '../policy/relations';
import { ApiError } from '../http/api';
import { autonomyLevels, choiceStatuses, cyclePhases } from '$lib/domain/constants';
import { paceStatus, type PaceChoice } from '$lib/domain/pace';
import { attention, latestGap, rowStatus, type AutonomyLevel, type CyclePhase, type DashboardRow } from '$lib/domain/dashboard';

/** How many of the latest self-marks the trend shows. */
export const trendLength = 6;

/** One student as the aggregate query returns them (snake_case, as Postgres names them). */
export interface DashboardQueryRow {
	id: string;
	display_name: string;
	username: string;
	period_start: string | null;
	period_end: string | null;
	phases: string[] | null;
	choices: { plannedWeek?: string | null; status?: string | null; doneAt?: string | null }[] | null;
	awaiting_approval: number | null;
	waiting_questions: number | null;
	last_activity_at: Date | string | null;
	last_log_at: Date | string | null;
	performing: boolean | null;
	marks: number[] | null;
	gaps: (number | null)[] | null;
	need_tags: string[] | null;
	autonomy: string | null;
}

export interface Dashboard {
	group: { id: string; name: string };
	coaches: { id: string; displayName: string }[];
	period: { start: string | null; end: string | null };
	rows: DashboardRow[];
	/** When the rows were computed (the "today" of pace and quiet days). */
	at: string;
}

/** The group, if the actor coaches it (same school); anyone else gets "not found". */
async function coachedGroup(db: Db, actor: Actor, groupId: string) {
	const [group] = await db
		.select({ id: groups.id, name: groups.name, schoolId: groups.schoolId })
		.from(groups)
		.where(and(eq(groups.id, groupId), eq(groups.schoolId, actor.schoolId)));
	if (!group || actor.role !== 'coach' || !policy.readGroup(actor, group, await membershipIn(db, actor, groupId))) {
		throw new ApiError(404, 'not_found');
	}
	return { id: group.id, name: group.name };
}

/**
 * Every student of the group with the facts of the dashboard, in ONE statement (the number of
 * queries does not grow with the number of students):
 * - `roster`: the group's active students; `boards`: the group's boards and their period;
 * - `recs`: every non-deleted record about those students (via the owner index);
 * - per student: current cycle phases, choices in the group's boards (for pace), picks waiting for
 *   approval, last own activity, last log entry, self-marks and self/coach gaps of the latest
 *   cycles, learning questions without a (newer) coach answer, need tags and the latest autonomy level.
 */
export function dashboardQuery(schoolId: string, groupId: string, marks = trendLength) {
	return sql`
		with roster as (
			select u.id, u.display_name, u.username
			from memberships m
			join users u on u.id = m.user_id and u.school_id = m.school_id
			where m.group_id = ${groupId} and m.school_id = ${schoolId} and m.role = 'student' and u.active
		),
		boards as (
			select r.id, r.data->>'periodStart' as period_start, r.data->>'periodEnd' as period_end
			from records r
			where r.school_id = ${schoolId} and r.entity = 'board' and not r.deleted
			  and r.group_ids @> array[${groupId}]::uuid[]
		),
		period as (
			select min(period_start) as period_start, max(period_end) as period_end,
			       coalesce(array_agg(id::text), '{}') as board_ids
			from boards
		),
		recs as materialized (
			-- Narrow: only the facts the dashboard needs, extracted once, never the whole JSON.
			select r.id, r.entity, r.owner_id, r.author_id, r.created_at, r.updated_at,
				case when r.entity = 'cycle' then coalesce(r.data->>'phase', 'forethought') end as phase,
				case when r.entity = 'cycle' then (
					select max((e->>'at')::timestamptz) from jsonb_array_elements(coalesce(r.data->'performance', '[]'::jsonb)) e
				) end as last_log_at,
				case when r.entity = 'cycle' then
					coalesce((r.data->'reflection'->>'ratingAfter')::int, (r.data->'forethought'->>'ratingNow')::int) end as mark,
				case when r.entity = 'cycle' then (r.data->'reflection'->>'ratingAfter')::int - (r.data->>'coachRating')::int end as gap,
				case when r.entity = 'choice' then
					jsonb_build_object('plannedWeek', r.data->'plannedWeek', 'status', r.data->'status', 'doneAt', r.data->'doneAt') end as choice,
				case when r.entity = 'choice' then r.data->>'boardId' end as board_id,
				(r.entity = 'choice' and r.data->>'status' = 'planned'
					and coalesce((r.data->>'needsApproval')::boolean, false)) as awaiting,
				case when r.entity = 'feedback' and r.data->>'targetEntity' = 'question' then r.data->>'targetId' end as question_id,
				case when r.entity = 'feedback' then r.data->>'kind' end as kind,
				case when r.entity = 'autonomy' then r.data->>'level' end as level
			from records r
			where r.school_id = ${schoolId} and not r.deleted
			  and r.owner_id in (select id from roster)
		),
		per_student as (
			select r.owner_id as student_id,
				max(r.updated_at) filter (where r.author_id = r.owner_id) as last_activity_at,
				array_agg(r.phase order by r.created_at, r.id) filter (where r.entity = 'cycle' and r.phase <> 'done') as phases,
				bool_or(r.phase = 'performance') filter (where r.entity = 'cycle') as performing,
				jsonb_agg(r.choice order by r.created_at, r.id)
					filter (where r.entity = 'choice' and (r.board_id is null or r.board_id = any(p.board_ids))) as choices,
				(count(*) filter (where r.awaiting))::int as awaiting_approval,
				max(r.last_log_at) as last_log_at
			from recs r cross join period p
			group by r.owner_id
		),
		marked as (
			select c.owner_id, c.created_at, c.id, c.mark, c.gap,
				row_number() over (partition by c.owner_id order by c.created_at desc, c.id desc) as n
			from recs c
			where c.entity = 'cycle' and c.mark is not null
		),
		trend as (
			select owner_id as student_id,
				array_agg(mark order by created_at, id) as marks,
				array_agg(gap order by created_at, id) as gaps
			from marked where n <= ${marks}
			group by owner_id
		),
		answers as (
			select f.question_id as target_id,
				max(f.created_at) filter (where f.author_id <> f.owner_id and f.kind <> 'reply') as answered_at,
				max(f.created_at) filter (where f.author_id = f.owner_id) as replied_at
			from recs f
			where f.question_id is not null
			group by f.question_id
		),
		waiting as (
			select q.owner_id as student_id, count(*)::int as waiting_questions
			from recs q left join answers a on a.target_id = q.id::text
			where q.entity = 'question' and (a.answered_at is null or a.replied_at > a.answered_at)
			group by q.owner_id
		),
		tags as (
			select s.value as student_id, array_agg(distinct n.data->>'category' order by n.data->>'category') as need_tags
			from records n cross join lateral jsonb_array_elements_text(coalesce(n.data->'studentIds', '[]'::jsonb)) s(value)
			where n.school_id = ${schoolId} and n.entity = 'need' and not n.deleted
			  and n.group_ids @> array[${groupId}]::uuid[]
			group by s.value
		),
		autonomy as (
			select distinct on (a.owner_id) a.owner_id as student_id, a.level as autonomy
			from recs a where a.entity = 'autonomy'
			order by a.owner_id, a.updated_at desc, a.created_at desc, a.id
		)
		select s.id, s.display_name, s.username, p.period_start, p.period_end,
			ps.phases, ps.choices, ps.awaiting_approval, coalesce(w.waiting_questions, 0) as waiting_questions,
			ps.last_activity_at, ps.last_log_at, ps.performing, t.marks, t.gaps, g.need_tags, au.autonomy
		from roster s
		cross join period p
		left join per_student ps on ps.student_id = s.id
		left join trend t on t.student_id = s.id
		left join waiting w on w.student_id = s.id
		left join tags g on g.student_id = s.id::text
		left join autonomy au on au.student_id = s.id
		order by s.display_name, s.id`;
}

const iso = (v: Date | string | null | undefined): string | null => (v == null ? null : new Date(v).toISOString());
const isPhase = (v: string): v is CyclePhase => (cyclePhases as readonly string[]).includes(v);
const isLevel = (v: string | null): v is AutonomyLevel => v !== null && (autonomyLevels as readonly string[]).includes(v);
const isStatus = (v: unknown): v is PaceChoice['status'] => typeof v === 'string' && (choiceStatuses as readonly string[]).includes(v);

/** Turns one row of the aggregate query into a dashboard row: pace and attention in TypeScript. */
export function toDashboardRow(row: DashboardQueryRow, today: Date): DashboardRow {
	const choices: PaceChoice[] = (row.choices ?? []).map((c) => ({
		plannedWeek: c.plannedWeek ?? null,
		status: isStatus(c.status) ? c.status : 'planned',
		doneAt: c.doneAt ?? null
	}));
	const pace = paceStatus({ choices, today, periodStart: row.period_start, periodEnd: row.period_end });
	const lastActivityAt = iso(row.last_activity_at);
	const lastLogAt = iso(row.last_log_at);
	const waitingQuestions = Number(row.waiting_questions ?? 0);
	const awaitingApproval = Number(row.awaiting_approval ?? 0);
	const calibrationGap = latestGap((row.gaps ?? []).map((g) => (g == null ? null : Number(g))));
	const a = attention(
		{ waitingQuestions, awaitingApproval, pace: pace.status, lastActivityAt, lastLogAt, performing: !!row.performing, calibrationGap },
		today
	);
	return {
		id: row.id,
		name: row.display_name,
		username: row.username,
		phases: (row.phases ?? []).filter(isPhase),
		planned: pace.total,
		done: pace.done,
		pace: pace.status,
		lastActivityAt,
		lastLogAt,
		waitingQuestions,
		awaitingApproval,
		marks: (row.marks ?? []).map(Number),
		calibrationGap,
		needTags: row.need_tags ?? [],
		autonomy: isLevel(row.autonomy) ? row.autonomy : null,
		attention: a,
		status: rowStatus(a)
	};
}

/** The dashboard rows of one group: the access check, then exactly one `queryRows`. */
export async function loadDashboardRows(db: Db, actor: Actor, groupId: string, today: Date = new Date()) {
	const group = await coachedGroup(db, actor, groupId);
	const raw = await queryRows<DashboardQueryRow>(db, dashboardQuery(actor.schoolId, group.id));
	const first = raw[0];
	return {
		group,
		period: { start: first?.period_start ?? null, end: first?.period_end ?? null },
		rows: raw.map((r) => toDashboardRow(r, today))
	};
}

/** Everything the group page needs: the rows plus the group's coaches. */
export async function groupDashboard(db: Db, actor: Actor, groupId: string, today: Date = new Date()): Promise<Dashboard> {
	const { group, period, rows } = await loadDashboardRows(db, actor, groupId, today);
	const coaches = await db
		.select({ id: users.id, displayName: users.displayName })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.groupId, group.id), eq(memberships.schoolId, actor.schoolId), eq(memberships.role, 'coach'), eq(users.active, true)))
		.orderBy(asc(users.displayName));
	return { group, coaches, period, rows, at: today.toISOString() };
}
