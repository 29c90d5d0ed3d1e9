import { sql, type SQL } from 'drizzle-orm';
import { queryRows, uuidArray, type Db } from '../db';
import { errorCode, log } from '../log';
import { choiceStatuses } from '$lib/domain/constants';
import { planWindow, type ContactPair, type PlanContacts } from '$lib/domain/week-plan';
import { behindFrom, isoWeek, isoWeekOrNull, paceStatus, paceSummary, weekDays, type PaceChoice, type PaceSummary } from '$lib/domain/pace';

/**
 * A student's facts in one group: what the coach's dashboard and the admin's school overview show,
 * kept in `student_facts` (schema.ts) instead of aggregated from every record on every read.
 *
 * Freshness: triggers on `records` bump `changes` for the students a write concerns (migration 0004).
 * A reader reads the stored facts together with whether they are fresh, computes the stale ones
 * and stores them only if no write came in meanwhile. What a reader shows is never older than the records.
 */
export interface StudentFacts {
	lastActivityAt: string | null;
	waitingQuestions: number;
	pace: PaceFacts;
	card: CardFacts;
}

/** Pace inputs, week-independent: the group's period and the choices in its boards, folded. */
export interface PaceFacts {
	start: string | null;
	end: string | null;
	/** [plannedWeek, status, Monday of the week it was done, how many]: the dashboard's full pace. */
	c: [string | null, PaceChoice['status'], string | null, number][];
	/** The same folded by week: all the school overview reads (it selects the pace without `c`). */
	s: PaceSummary;
}

export interface CardFacts {
	/** The shape of the card: stored cards of another version are computed again. */
	v: typeof cardVersion;
	phases: string[];
	performing: boolean;
	awaitingApproval: number;
	lastLogAt: string | null;
	marks: number[];
	gaps: (number | null)[];
	autonomy: string | null;
	/** Since when the oldest pick waits for approval. */
	approvalSince: string | null;
	/** The oldest help request in a log that no coach feedback to the student or check-in followed. */
	helpAskedAt: string | null;
	/** The latest reflection's mark and own target, when no coach responded to that cycle yet. */
	reflection: { mark: number; target: number } | null;
	/** The confidence given in the intake. */
	confidence: number | null;
	/** Planned dates of the open (draft or active) goals. */
	goalDates: string[];
	/** The oldest feedforward of a coach with no reply and no change to what it was about since. */
	unansweredFeedbackAt: string | null;
	/** Threads where the student's reply asks something (a question mark) and no coach message came since. */
	repliesWaiting: number;
	/** Since when the oldest of those replies, and the oldest learning question without a coach answer, wait. */
	replySince: string | null;
	questionSince: string | null;
	/** Who talked with the student, for the week plan (`contactsOf`). */
	contacts: StoredContacts;
}

/**
 * A student's contacts with coaches (feedback by anyone but the student, check-ins held), folded by
 * author and day from `from` on, in the server's time zone `tz`; before `from` only each author's
 * latest. What the week plan needs of any three weeks that start on or after `from`, so the
 * dashboard reads it with the facts instead of every feedback record of the group.
 */
export interface StoredContacts {
	from: string;
	tz: string;
	/** [author, day, how many, the latest that day as written]. */
	days: [string, string, number, string][];
	/** [author, the latest before `from`]. */
	before: [string, string][];
	/** Check-ins dated from `from` on, held or planned: [id, author, date, planned]. */
	checkIns: [string, string, string, boolean][];
}

/** Bumped when CardFacts gains a field (triage's facts came with 2, how long questions wait with 3, contacts with 4). */
export const cardVersion = 4 as const;

/** The time zone days are counted in: the server's own, as the pages it renders count them. */
export const factsTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Where stored contacts start when computed on `today`: the first day of its three weeks. Every later
 * day's three weeks start later, so they serve every later read without being computed again: what
 * changes them is a write, which makes the facts stale anyway.
 */
export function contactsFrom(today: Date): string {
	return planWindow(today).from;
}

/** Whether stored contacts serve the plan of `today` (`planWindow`): not for a day before they start, nor in another time zone. */
function contactsServe(c: StoredContacts | undefined, today: Date): boolean {
	return !!c && c.tz === factsTimeZone && c.from <= planWindow(today).from;
}

/**
 * The week plan's contacts of one student on `today` from what is stored: the same as `foldContacts`
 * over the records themselves (the dashboard's tests hold the two together).
 */
export function contactsOf(studentId: string, c: StoredContacts, today: Date): PlanContacts {
	const { from, to } = planWindow(today);
	const { start, end } = weekDays(isoWeek(today));
	const pairs = new Map<string, ContactPair & { day: string }>();
	const pair = (coachId: string) => {
		let p = pairs.get(coachId);
		if (!p) pairs.set(coachId, (p = { studentId, coachId, recent: 0, last: null, day: '' }));
		return p;
	};
	// Any day from `from` on is later than what came before it.
	for (const [coachId, at] of c.before) Object.assign(pair(coachId), { last: at, day: '' });
	for (const [coachId, day, n, at] of c.days) {
		if (day > to) continue;
		const p = pair(coachId);
		if (day >= from) p.recent += n;
		if (day > p.day || (day === p.day && p.last !== null && at > p.last)) Object.assign(p, { last: at, day });
	}
	return {
		pairs: [...pairs.values()].filter((p) => p.last !== null).map(({ studentId, coachId, recent, last }) => ({ studentId, coachId, recent, last })),
		checkIns: c.checkIns.filter(([, , date]) => date.slice(0, 10) >= start && date.slice(0, 10) <= end).map(([id, authorId, date, planned]) => ({ id, authorId, studentId, date, planned }))
	};
}

const noCard: CardFacts = {
	v: cardVersion,
	phases: [],
	performing: false,
	awaitingApproval: 0,
	lastLogAt: null,
	marks: [],
	gaps: [],
	autonomy: null,
	approvalSince: null,
	helpAskedAt: null,
	reflection: null,
	confidence: null,
	goalDates: [],
	unansweredFeedbackAt: null,
	repliesWaiting: 0,
	replySince: null,
	contacts: { from: '0000-01-01', tz: factsTimeZone, days: [], before: [], checkIns: [] },
	questionSince: null
};

/** How many of the latest self-marks the trend shows. */
export const trendLength = 6;

/** Pairs per aggregate: bounds the memory of one statement when a whole school is stale. */
const refreshChunk = 250;

interface Pair {
	groupId: string;
	userId: string;
	/** `changes` as read together with the pair: the refresh lands only if it is still this. */
	changes: number;
}

interface InputRow {
	group_id: string;
	user_id: string;
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
	autonomy: string | null;
	approval_since: Date | string | null;
	help_asked_at: Date | string | null;
	reflection_mark: number | null;
	reflection_target: number | null;
	confidence: number | null;
	goal_dates: string[] | null;
	unanswered_feedback_at: Date | string | null;
	replies_waiting: number | null;
	reply_since: Date | string | null;
	question_since: Date | string | null;
	contact_days: StoredContacts['days'] | null;
	contact_before: StoredContacts['before'] | null;
	contact_check_ins: StoredContacts['checkIns'] | null;
}

/**
 * The facts of the given (group, student) pairs, in ONE statement:
 * - `period`: per group, its boards and their period;
 * - `recs`: every non-deleted record about those students (via the owner index), narrowed to the
 *   fields used, never the whole JSON;
 * - per pair: current cycle phases, choices in the group's boards (for pace), picks waiting for
 *   approval, last own activity, last log entry; per student: self-marks and self/coach gaps of the
 *   latest cycles, learning questions without a (newer) coach answer and the latest autonomy level.
 */
export function factsQuery(schoolId: string, pairs: Pair[], contacts: { from: string; tz: string }, marks = trendLength) {
	const groupIds = [...new Set(pairs.map((p) => p.groupId))];
	return sql`
		with pairs as (
			select p.group_id, p.user_id
			from unnest(${uuidArray(pairs.map((p) => p.groupId))}, ${uuidArray(pairs.map((p) => p.userId))}) as p(group_id, user_id)
		),
		period as (
			select g.group_id, min(r.data->>'periodStart') as period_start, max(r.data->>'periodEnd') as period_end,
				array_agg(r.id::text) as board_ids
			from records r cross join lateral unnest(r.group_ids) as g(group_id)
			where r.school_id = ${schoolId} and r.entity = 'board' and not r.deleted and not r.draft
			  and r.group_ids && ${uuidArray(groupIds)} and g.group_id = any(${uuidArray(groupIds)})
			group by g.group_id
		),
		recs as materialized (
			select r.id, r.entity, r.owner_id, r.author_id, r.created_at, r.updated_at,
				case when r.entity = 'cycle' then coalesce(r.data->>'phase', 'forethought') end as phase,
				log.last_log_at,
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
				case when r.entity = 'autonomy' then r.data->>'level' end as level,
				case when r.entity = 'cycle' then (r.data->'forethought'->>'ratingTarget')::int end as rating_target,
				case when r.entity = 'cycle' then (r.data->'reflection'->>'ratingAfter')::int end as rating_after,
				case when r.entity = 'cycle' then (r.data->>'coachRating')::int end as coach_rating,
				log.help_at,
				case when r.entity = 'feedback' then r.data->>'targetId' end as fb_target,
				case when r.entity = 'feedback' then r.data->>'parentId' end as fb_parent,
				(r.entity = 'feedback' and strpos(coalesce(r.data->>'body', ''), '?') > 0) as fb_asks,
				case when r.entity = 'checkIn' and not coalesce((r.data->>'planned')::boolean, false) then (r.data->>'date')::date end as checkin_date,
				case when r.entity = 'checkIn' then r.data->>'date' end as checkin_on,
				(r.entity = 'checkIn' and coalesce((r.data->>'planned')::boolean, false)) as checkin_planned,
				case when r.entity = 'intake' then (r.data->>'confidence')::int end as confidence,
				case when r.entity = 'goal' and coalesce(r.data->>'status', 'draft') in ('draft', 'active') then r.data->>'targetDate' end as goal_date
			from records r
			-- A cycle's log, read once: its latest entry, and its latest "ik heb om hulp gevraagd".
			left join lateral (
				select max((e->>'at')::timestamptz) as last_log_at,
					max((e->>'at')::timestamptz) filter (where coalesce((e->>'helpAsked')::boolean, false)) as help_at
				from jsonb_array_elements(coalesce(r.data->'performance', '[]'::jsonb)) e
				where r.entity = 'cycle'
			) log on true
			where r.school_id = ${schoolId} and not r.deleted
			  and r.owner_id in (select user_id from pairs)
		),
		per_pair as (
			select p.group_id, p.user_id,
				max(r.updated_at) filter (where r.author_id = r.owner_id) as last_activity_at,
				array_agg(r.phase order by r.created_at, r.id) filter (where r.entity = 'cycle' and r.phase <> 'done') as phases,
				bool_or(r.phase = 'performance') filter (where r.entity = 'cycle') as performing,
				jsonb_agg(r.choice order by r.created_at, r.id)
					filter (where r.entity = 'choice' and (r.board_id is null or r.board_id = any(coalesce(pe.board_ids, '{}')))) as choices,
				(count(*) filter (where r.awaiting))::int as awaiting_approval,
				min(r.created_at) filter (where r.awaiting) as approval_since,
				max(r.last_log_at) as last_log_at
			from pairs p
			join recs r on r.owner_id = p.user_id
			left join period pe on pe.group_id = p.group_id
			group by p.group_id, p.user_id
		),
		marked as (
			select c.owner_id, c.created_at, c.id, c.mark, c.gap,
				row_number() over (partition by c.owner_id order by c.created_at desc, c.id desc) as n
			from recs c
			where c.entity = 'cycle' and c.mark is not null
		),
		trend as (
			select owner_id as user_id,
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
			select q.owner_id as user_id, count(*)::int as waiting_questions,
				min(greatest(q.created_at, a.replied_at)) as question_since
			from recs q left join answers a on a.target_id = q.id::text
			where q.entity = 'question' and (a.answered_at is null or a.replied_at > a.answered_at)
			group by q.owner_id
		),
		autonomy as (
			select distinct on (a.owner_id) a.owner_id as user_id, a.level as autonomy
			from recs a where a.entity = 'autonomy'
			order by a.owner_id, a.updated_at desc, a.created_at desc, a.id
		),
		coach_fb as (
			select f.fb_target, max(f.created_at) as at
			from recs f where f.entity = 'feedback' and f.author_id <> f.owner_id and f.kind <> 'reply'
			group by f.fb_target
		),
		checked as (
			select k.owner_id as user_id, max(k.checkin_date) as last_date
			from recs k where k.checkin_date is not null group by k.owner_id
		),
		coach_contact as (
			select f.owner_id as user_id, max(f.created_at) as at
			from recs f where f.entity = 'feedback' and f.author_id <> f.owner_id
			group by f.owner_id
		),
		help as (
			select c.owner_id as user_id, min(c.help_at) as help_asked_at
			from recs c
			left join coach_contact cc on cc.user_id = c.owner_id
			left join checked ck on ck.user_id = c.owner_id
			where c.help_at is not null
			  and (cc.at is null or cc.at < c.help_at)
			  and (ck.last_date is null or ck.last_date < c.help_at::date)
			group by c.owner_id
		),
		replies_waiting as (
			select s.owner_id as user_id, count(*)::int as n, min(s.at) as since
			from (
				select f.owner_id, f.fb_target, max(f.created_at) as at
				from recs f where f.entity = 'feedback' and f.author_id = f.owner_id and f.kind = 'reply' and f.fb_asks
				group by f.owner_id, f.fb_target
			) s
			left join coach_fb cf on cf.fb_target = s.fb_target
			where cf.at is null or cf.at < s.at
			group by s.owner_id
		),
		reflected as (
			select distinct on (c.owner_id) c.owner_id as user_id, c.rating_after, c.rating_target,
				(c.coach_rating is not null or cf.at is not null) as responded
			from recs c left join coach_fb cf on cf.fb_target = c.id::text
			where c.entity = 'cycle' and c.rating_after is not null
			order by c.owner_id, c.updated_at desc, c.id
		),
		replies as (
			select distinct f.fb_parent from recs f
			where f.entity = 'feedback' and f.author_id = f.owner_id and f.fb_parent is not null
		),
		unanswered as (
			select f.owner_id as user_id, min(f.created_at) as at
			from recs f
			left join replies rp on rp.fb_parent = f.id::text
			left join recs tg on tg.id::text = f.fb_target and tg.updated_at > f.created_at
			where f.entity = 'feedback' and f.kind = 'feedforward' and f.author_id <> f.owner_id
			  and rp.fb_parent is null and tg.id is null
			group by f.owner_id
		),
		-- The week plan's contacts (StoredContacts): coaches' feedback and check-ins held, by author and day.
		contact_rows as (
			select f.owner_id, f.author_id, to_char(f.created_at at time zone ${contacts.tz}, 'YYYY-MM-DD') as day,
				to_char(f.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
			from recs f where f.entity = 'feedback' and f.author_id is not null and f.author_id <> f.owner_id
			union all
			select k.owner_id, k.author_id, left(k.checkin_on, 10), k.checkin_on
			from recs k where k.checkin_date is not null and k.author_id is not null
		),
		contact_days as (
			select d.owner_id as user_id, jsonb_agg(jsonb_build_array(d.author_id, d.day, d.n, d.at) order by d.author_id, d.day) as days
			from (
				select owner_id, author_id, day, count(*)::int as n, max(at collate "C") as at
				from contact_rows where day >= ${contacts.from} group by owner_id, author_id, day
			) d
			group by d.owner_id
		),
		contact_before as (
			select b.owner_id as user_id, jsonb_agg(jsonb_build_array(b.author_id, b.at) order by b.author_id) as before
			from (
				select owner_id, author_id, (array_agg(at order by day desc, at collate "C" desc))[1] as at
				from contact_rows where day < ${contacts.from} group by owner_id, author_id
			) b
			group by b.owner_id
		),
		contact_check_ins as (
			select k.owner_id as user_id, jsonb_agg(jsonb_build_array(k.id, k.author_id, k.checkin_on, k.checkin_planned) order by k.checkin_on, k.id) as check_ins
			from recs k where k.entity = 'checkIn' and k.author_id is not null and left(k.checkin_on, 10) >= ${contacts.from}
			group by k.owner_id
		),
		student_extra as (
			select r.owner_id as user_id,
				(array_agg(r.confidence order by r.updated_at desc) filter (where r.confidence is not null))[1] as confidence,
				array_agg(r.goal_date order by r.goal_date) filter (where r.goal_date is not null) as goal_dates
			from recs r where r.entity in ('intake', 'goal')
			group by r.owner_id
		)
		select p.group_id, p.user_id, pe.period_start, pe.period_end,
			pp.phases, pp.choices, pp.awaiting_approval, coalesce(w.waiting_questions, 0) as waiting_questions,
			pp.last_activity_at, pp.last_log_at, pp.performing, t.marks, t.gaps, au.autonomy,
			pp.approval_since, h.help_asked_at,
			case when not rf.responded then rf.rating_after end as reflection_mark,
			case when not rf.responded then rf.rating_target end as reflection_target,
			se.confidence, se.goal_dates, ua.at as unanswered_feedback_at, coalesce(rw.n, 0) as replies_waiting,
			rw.since as reply_since, w.question_since,
			cd.days as contact_days, cb.before as contact_before, ck.check_ins as contact_check_ins
		from pairs p
		left join period pe on pe.group_id = p.group_id
		left join per_pair pp on pp.group_id = p.group_id and pp.user_id = p.user_id
		left join trend t on t.user_id = p.user_id
		left join waiting w on w.user_id = p.user_id
		left join autonomy au on au.user_id = p.user_id
		left join help h on h.user_id = p.user_id
		left join reflected rf on rf.user_id = p.user_id
		left join unanswered ua on ua.user_id = p.user_id
		left join student_extra se on se.user_id = p.user_id
		left join replies_waiting rw on rw.user_id = p.user_id
		left join contact_days cd on cd.user_id = p.user_id
		left join contact_before cb on cb.user_id = p.user_id
		left join contact_check_ins ck on ck.user_id = p.user_id`;
}

const iso = (v: Date | string | null | undefined): string | null => (v == null ? null : new Date(v).toISOString());
const isStatus = (v: unknown): v is PaceChoice['status'] => typeof v === 'string' && (choiceStatuses as readonly string[]).includes(v);

/** One row of the aggregate as facts. The week an item was done is taken here, as `paceStatus` would. */
export function toFacts(row: InputRow, contacts: { from: string; tz: string }): StudentFacts {
	const folded = new Map<string, PaceFacts['c'][number]>();
	const choices: PaceChoice[] = (row.choices ?? []).map((c) => ({ plannedWeek: c.plannedWeek ?? null, status: isStatus(c.status) ? c.status : 'planned', doneAt: c.doneAt ?? null }));
	for (const c of choices) {
		const doneWeek = isoWeekOrNull(c.doneAt ?? null);
		const tuple: PaceFacts['c'][number] = [c.plannedWeek ?? null, c.status, doneWeek ? weekDays(doneWeek).start : null, 0];
		const key = `${tuple[0]}|${tuple[1]}|${tuple[2]}`;
		const seen = folded.get(key) ?? tuple;
		seen[3] += 1;
		folded.set(key, seen);
	}
	return {
		lastActivityAt: iso(row.last_activity_at),
		waitingQuestions: Number(row.waiting_questions ?? 0),
		pace: { start: row.period_start, end: row.period_end, c: [...folded.values()], s: paceSummary(choices, row.period_start, row.period_end) },
		card: {
			phases: row.phases ?? [],
			performing: !!row.performing,
			awaitingApproval: Number(row.awaiting_approval ?? 0),
			lastLogAt: iso(row.last_log_at),
			marks: (row.marks ?? []).map(Number),
			gaps: (row.gaps ?? []).map((g) => (g == null ? null : Number(g))),
			autonomy: row.autonomy,
			v: cardVersion,
			approvalSince: iso(row.approval_since),
			helpAskedAt: iso(row.help_asked_at),
			reflection:
				row.reflection_mark != null && row.reflection_target != null ? { mark: Number(row.reflection_mark), target: Number(row.reflection_target) } : null,
			confidence: row.confidence == null ? null : Number(row.confidence),
			goalDates: row.goal_dates ?? [],
			unansweredFeedbackAt: iso(row.unanswered_feedback_at),
			repliesWaiting: Number(row.replies_waiting ?? 0),
			replySince: iso(row.reply_since),
			questionSince: iso(row.question_since),
			contacts: { ...contacts, days: row.contact_days ?? [], before: row.contact_before ?? [], checkIns: row.contact_check_ins ?? [] }
		}
	};
}

/** The dashboard's pace rule on stored facts (one rule for the dashboard and the overview). */
export function paceOf(pace: PaceFacts, today: Date) {
	const choices: PaceChoice[] = [];
	for (const [plannedWeek, status, doneAt, n] of pace.c) for (let i = 0; i < n; i++) choices.push({ plannedWeek, status, doneAt });
	return paceStatus({ choices, today, periodStart: pace.start, periodEnd: pace.end });
}

/** A stored row read together with whether it is fresh (`factsColumns`). */
export interface StoredFacts {
	group_id: string;
	user_id: string;
	changes: number | null;
	fresh: boolean;
	last_activity_at: Date | string | null;
	waiting_questions: number | null;
	pace: PaceFacts | null;
	/** Not read by the overview, which shows no cards. */
	card?: CardFacts | null;
}

/** Columns every facts reader selects (`f` is student_facts, `m` the membership): the facts and whether they are fresh. */
export const factsColumns = sql`f.changes, coalesce(f.facts_changes = f.changes, false) as fresh,
	f.last_activity_at, f.waiting_questions, f.pace, f.card`;

/**
 * Computes the facts of the stale pairs among `rows` and stores each one whose `changes` is still
 * what was read (a write that came in meanwhile leaves it stale for the next reader). Returns every
 * row's facts, fresh or just computed, by `group:user`.
 */
export async function withFreshFacts(db: Db, schoolId: string, rows: StoredFacts[], today: Date = new Date()): Promise<Map<string, StudentFacts>> {
	const out = new Map<string, StudentFacts>();
	const stale: Pair[] = [];
	const contacts = { from: contactsFrom(today), tz: factsTimeZone };
	for (const r of rows) {
		// The overview selects no card (`card` undefined); a card of an older shape, or with contacts
		// that do not reach back to `today`'s three weeks, is computed again.
		if (r.fresh && r.pace?.s && (r.card === undefined || (r.card?.v === cardVersion && contactsServe(r.card.contacts, today)))) {
			out.set(`${r.group_id}:${r.user_id}`, {
				lastActivityAt: iso(r.last_activity_at),
				waitingQuestions: Number(r.waiting_questions ?? 0),
				pace: r.pace,
				card: r.card ?? noCard
			});
		} else stale.push({ groupId: r.group_id, userId: r.user_id, changes: Number(r.changes ?? 0) });
	}
	for (let i = 0; i < stale.length; i += refreshChunk) {
		const part = stale.slice(i, i + refreshChunk);
		const computed = await queryRows<InputRow>(db, factsQuery(schoolId, part, contacts));
		const byKey = new Map(computed.map((row) => [`${row.group_id}:${row.user_id}`, toFacts(row, contacts)]));
		const at = new Date();
		const now = at.toISOString();
		const week = isoWeek(at);
		const values = part.map((p) => {
			const facts = byKey.get(`${p.groupId}:${p.userId}`)!;
			out.set(`${p.groupId}:${p.userId}`, facts);
			return {
				group_id: p.groupId,
				user_id: p.userId,
				school_id: schoolId,
				changes: p.changes,
				computed_at: now,
				last_activity_at: facts.lastActivityAt,
				waiting_questions: facts.waitingQuestions,
				pace: facts.pace,
				card: facts.card,
				items_done: facts.pace.s.done,
				pace_week: week,
				behind: behindFrom(facts.pace.s, at)
			};
		});
		await db.execute(sql`
			insert into student_facts (group_id, user_id, school_id, changes, facts_changes, computed_at, last_activity_at, waiting_questions, pace, card,
				items_done, pace_week, behind)
			select x.group_id, x.user_id, x.school_id, x.changes, x.changes, x.computed_at, x.last_activity_at, x.waiting_questions, x.pace, x.card,
				x.items_done, x.pace_week, x.behind
			from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as x(group_id uuid, user_id uuid, school_id uuid, changes int,
				computed_at timestamptz, last_activity_at timestamptz, waiting_questions int, pace jsonb, card jsonb,
				items_done int, pace_week text, behind boolean)
			on conflict (group_id, user_id) do update set
				facts_changes = excluded.facts_changes, computed_at = excluded.computed_at, last_activity_at = excluded.last_activity_at,
				waiting_questions = excluded.waiting_questions, pace = excluded.pace, card = excluded.card,
				items_done = excluded.items_done, pace_week = excluded.pace_week, behind = excluded.behind
			where student_facts.changes = excluded.facts_changes`);
	}
	return out;
}

/**
 * Stale rows of any school, a few at a time: what the background refresher works through. Rows of
 * students who left (no membership) or are no longer active are skipped; readers never show them.
 */
async function staleRows(db: Db, limit: number) {
	// Only what a refresh needs: a stale row's stored facts are about to be replaced, not read.
	return queryRows<StoredFacts & { school_id: string }>(
		db,
		sql`select f.school_id, f.group_id, f.user_id, f.changes, false as fresh, null as last_activity_at, null as waiting_questions, null as pace
			from student_facts f
			join memberships m on m.group_id = f.group_id and m.user_id = f.user_id and m.role = 'student'
			join users u on u.id = f.user_id and u.active
			where f.facts_changes is distinct from f.changes
			limit ${limit}`
	);
}

/**
 * Recomputes stale facts in small parts until none are left or `budgetMs` has passed, so that the
 * next dashboard or overview finds them fresh. Small parts: on PGlite one statement holds the only
 * connection, and requests wait behind it. Returns how many rows were computed.
 */
export async function refreshStaleFacts(db: Db, { part = 50, budgetMs = 2_000 } = {}): Promise<number> {
	const until = Date.now() + budgetMs;
	let done = 0;
	while (Date.now() < until) {
		const rows = await staleRows(db, part);
		if (!rows.length) break;
		for (const schoolId of new Set(rows.map((r) => r.school_id))) {
			await withFreshFacts(db, schoolId, rows.filter((r) => r.school_id === schoolId));
		}
		done += rows.length;
		// A row whose refresh lost to a write stays stale; it is picked up again on the next run.
		if (rows.length < part) break;
	}
	return done;
}

/**
 * `behind` in SQL on a stored folded pace (see `behindFrom` in domain/pace.ts; a property test holds
 * the two together): fewer done by the end of `week` (in a week up to it, or without a known week)
 * than fell due before it. `s` is the SQL of the summary (`pace->'s'`).
 */
export function behindSql(s: SQL, week: string): SQL {
	return sql`((${s}->>'doneUnknown')::int
		+ coalesce((select sum(d.value::int) from jsonb_each_text(${s}->'doneIn') d where d.key collate "C" <= ${week}), 0)
		< coalesce((select sum(d.value::int) from jsonb_each_text(${s}->'due') d where d.key collate "C" < ${week}), 0))`;
}

/**
 * A new week makes other students behind without anything written: the stored `behind` is worked
 * out again for `today`'s week from the stored pace, in one statement (readers of another week fall
 * back to the same rule on the fly). Returns how many rows changed week.
 */
export async function rollPaceWeek(db: Db, today: Date = new Date()): Promise<number> {
	const week = isoWeek(today);
	const rows = await queryRows<{ n: number }>(
		db,
		sql`with rolled as (
				update student_facts set behind = ${behindSql(sql`pace->'s'`, week)}, pace_week = ${week}
				where pace_week is distinct from ${week} and pace ? 's'
				returning 1
			) select count(*)::int as n from rolled`
	);
	return Number(rows[0]?.n ?? 0);
}

let refresher: ReturnType<typeof setInterval> | undefined;

/**
 * Keeps facts fresh in the background: every `intervalMs`, the stale rows written since. Called once
 * from `init` in hooks.server.ts; never keeps the process alive; failures are logged by code only.
 */
export function startFactsRefresher(db: () => Db, intervalMs = 5_000): void {
	if (refresher) return;
	let running = false;
	let rolledWeek: string | null = null;
	refresher = setInterval(() => {
		if (running) return;
		running = true;
		const week = isoWeek(new Date());
		(rolledWeek === week ? Promise.resolve(0) : rollPaceWeek(db()).then((n) => ((rolledWeek = week), n)))
			.then(() => refreshStaleFacts(db()))
			.then((n) => n >= 500 && log.info('facts refreshed', { rows: n }))
			.catch((e) => log.warn('facts refresh failed', { error: errorCode(e) }))
			.finally(() => (running = false));
	}, intervalMs);
	refresher.unref();
}

export function stopFactsRefresher(): void {
	if (refresher) clearInterval(refresher);
	refresher = undefined;
}
