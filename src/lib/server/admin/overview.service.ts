import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { behindSql, withFreshFacts, type StoredFacts } from '../coach/facts.service';
import { behindFrom, isoWeek } from '$lib/domain/pace';
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
	students: number;
	active: number;
	behind: number;
	questions_waiting: number;
	items_done: number;
	/** Students whose stored facts are stale (or missing): counted in TypeScript after a refresh. */
	stale: { user_id: string; changes: number | null }[] | string;
}

/**
 * Every group of the school with counts over its active students' stored facts (see
 * coach/facts.service.ts), in ONE statement that returns a row per group, not per student. "Behind"
 * is stored for the week the facts were computed (or rolled) in; for another week it is worked out
 * from the folded pace (`behindSql`, the dashboard's rule). Students with stale facts are listed,
 * not counted: the caller computes and counts them.
 */
export function overviewQuery(schoolId: string, today: Date) {
	const week = isoWeek(today);
	const since = new Date(today.getTime() - activeDays * 86_400_000).toISOString();
	return sql`
		with st as (
			select m.group_id, m.user_id, f.changes, f.last_activity_at, f.waiting_questions, f.items_done,
				case when f.pace_week = ${week} then f.behind else ${behindSql(sql`f.pace->'s'`, week)} end as behind,
				coalesce(f.facts_changes = f.changes and f.items_done is not null and f.pace ? 's', false) as fresh
			from memberships m
			join users u on u.id = m.user_id and u.school_id = m.school_id
			left join student_facts f on f.group_id = m.group_id and f.user_id = m.user_id
			where m.school_id = ${schoolId} and m.role = 'student' and u.active
		),
		counted as (
			select st.group_id, st.user_id, st.last_activity_at, st.waiting_questions, st.items_done as done, st.behind
			from st where st.fresh
		)
		select g.id, g.name,
			count(c.user_id)::int as students,
			(count(*) filter (where c.last_activity_at >= ${since}::timestamptz))::int as active,
			(count(*) filter (where c.behind))::int as behind,
			coalesce(sum(c.waiting_questions), 0)::int as questions_waiting,
			coalesce(sum(c.done), 0)::int as items_done,
			(select coalesce(json_agg(json_build_object('user_id', x.user_id, 'changes', x.changes)), '[]')
				from st x where x.group_id = g.id and not x.fresh) as stale
		from groups g
		left join counted c on c.group_id = g.id
		where g.school_id = ${schoolId}
		group by g.id, g.name
		order by lower(g.name), g.id`;
}

/** The admin's overview of every group of their school; anyone else is refused. */
export async function schoolOverview(db: Db, actor: Actor, today: Date = new Date()): Promise<SchoolOverview> {
	if (!policy.manageSchool(actor, actor.schoolId)) throw new ApiError(403, 'forbidden');
	const rows = await queryRows<Row>(db, overviewQuery(actor.schoolId, today));
	const byGroup = new Map<string, OverviewGroup>();
	const stale: StoredFacts[] = [];
	for (const r of rows) {
		byGroup.set(r.id, {
			id: r.id,
			name: r.name,
			students: Number(r.students),
			active: Number(r.active),
			behind: Number(r.behind),
			questionsWaiting: Number(r.questions_waiting),
			itemsDone: Number(r.items_done)
		});
		const list = typeof r.stale === 'string' ? (JSON.parse(r.stale) as Exclude<Row['stale'], string>) : r.stale;
		for (const x of list) stale.push({ group_id: r.id, user_id: x.user_id, changes: x.changes, fresh: false, last_activity_at: null, waiting_questions: null, pace: null });
	}
	// Students who wrote since their facts were stored: computed now (and stored), then counted by the same rule.
	const since = today.getTime() - activeDays * 86_400_000;
	for (const [key, f] of await withFreshFacts(db, actor.schoolId, stale)) {
		const g = byGroup.get(key.slice(0, key.indexOf(':')))!;
		g.students++;
		if (f.lastActivityAt && Date.parse(f.lastActivityAt) >= since) g.active++;
		if (behindFrom(f.pace.s, today)) g.behind++;
		g.questionsWaiting += f.waitingQuestions;
		g.itemsDone += f.pace.s.done;
	}
	const groups = [...byGroup.values()];
	const sum = (k: keyof SchoolOverview['totals']) => groups.reduce((n, g) => n + g[k], 0);
	return {
		groups,
		totals: { students: sum('students'), active: sum('active'), behind: sum('behind'), questionsWaiting: sum('questionsWaiting'), itemsDone: sum('itemsDone') },
		at: today.toISOString()
	};
}
