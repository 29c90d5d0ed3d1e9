import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, uuidArray, type Db } from '../db';
import { groups, memberships, users } from '../db/schema';
import { policy, type Actor } from '../policy';
import { membershipIn } from '../policy/relations';
import { ApiError } from '../http/api';
import { autonomyLevels, cyclePhases } from '$lib/domain/constants';
import { contactsOf, factsColumns, paceOf, withFreshFacts, type StoredFacts, type StudentFacts } from './facts.service';
import { latestGap, type AutonomyLevel, type CyclePhase, type DashboardRow } from '$lib/domain/dashboard';
import { triage } from '$lib/domain/triage';
import { isoWeek, weekDays } from '$lib/domain/pace';
import type { PlanContacts } from '$lib/domain/week-plan';

export interface Dashboard {
	group: { id: string; name: string };
	coaches: { id: string; displayName: string }[];
	period: { start: string | null; end: string | null };
	rows: DashboardRow[];
	/** When the rows were computed (the "today" of pace and quiet days). */
	at: string;
	/** The coach who reads it: whose week plan the page shows. */
	me: string;
	/** Who talked with whom lately, for the week plan (`PlanContacts`). */
	contacts: PlanContacts;
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

/** One student of the group as the dashboard reads them: name, stored facts, need tags. */
interface DashboardReadRow extends StoredFacts {
	display_name: string;
	username: string;
	need_tags: string[] | null;
}

/**
 * The group's active students with their stored facts (see facts.service.ts) and need tags, in ONE
 * statement; when facts are stale (a write since they were computed), one aggregate over just those
 * students and one store follow. The number of statements does not grow with the group.
 */
export function dashboardQuery(schoolId: string, groupId: string) {
	return sql`
		with tags as (
			select s.value as student_id, array_agg(distinct n.data->>'category' order by n.data->>'category') as need_tags
			from records n cross join lateral jsonb_array_elements_text(coalesce(n.data->'studentIds', '[]'::jsonb)) s(value)
			where n.school_id = ${schoolId} and n.entity = 'need' and not n.deleted
			  and n.group_ids @> array[${groupId}]::uuid[]
			group by s.value
		)
		select m.group_id, m.user_id, u.display_name, u.username, ${factsColumns}, g.need_tags
		from memberships m
		join users u on u.id = m.user_id and u.school_id = m.school_id
		left join student_facts f on f.group_id = m.group_id and f.user_id = m.user_id
		left join tags g on g.student_id = m.user_id::text
		where m.group_id = ${groupId} and m.school_id = ${schoolId} and m.role = 'student' and u.active
		order by u.display_name, u.id`;
}

const isPhase = (v: string): v is CyclePhase => (cyclePhases as readonly string[]).includes(v);
const isLevel = (v: string | null): v is AutonomyLevel => v !== null && (autonomyLevels as readonly string[]).includes(v);

/** A dashboard row from a student's facts: pace and triage for `today`, in TypeScript. */
export function toDashboardRow(student: { id: string; name: string; username: string; needTags: string[] }, facts: StudentFacts, today: Date): DashboardRow {
	const pace = paceOf(facts.pace, today);
	const { card, lastActivityAt, waitingQuestions } = facts;
	const calibrationGap = latestGap(card.gaps);
	const monday = weekDays(isoWeek(today)).start;
	const a = triage(
		{
			awaitingApproval: card.awaitingApproval,
			approvalSince: card.approvalSince ?? null,
			waitingQuestions,
			questionSince: card.questionSince ?? null,
			repliesWaiting: card.repliesWaiting ?? 0,
			replySince: card.replySince ?? null,
			helpAskedAt: card.helpAskedAt ?? null,
			reflection: card.reflection ?? null,
			lastActivityAt,
			lastLogAt: card.lastLogAt,
			performing: card.performing,
			confidence: card.confidence ?? null,
			latestMark: card.marks.length ? card.marks[card.marks.length - 1]! : null,
			goalsOverdue: (card.goalDates ?? []).filter((d) => d < monday).length,
			pace: pace.status,
			unansweredFeedbackAt: card.unansweredFeedbackAt ?? null
		},
		today
	);
	return {
		id: student.id,
		name: student.name,
		username: student.username,
		phases: card.phases.filter(isPhase),
		planned: pace.total,
		done: pace.done,
		pace: pace.status,
		lastActivityAt,
		lastLogAt: card.lastLogAt,
		waitingQuestions,
		awaitingApproval: card.awaitingApproval,
		marks: card.marks,
		calibrationGap,
		needTags: student.needTags,
		autonomy: isLevel(card.autonomy) ? card.autonomy : null,
		attention: a,
		status: a.urgency
	};
}

/** The dashboard rows of one group: the access check, then one read (plus a refresh of stale facts). */
export async function loadDashboardRows(db: Db, actor: Actor, groupId: string, today: Date = new Date()) {
	const group = await coachedGroup(db, actor, groupId);
	const raw = await queryRows<DashboardReadRow>(db, dashboardQuery(actor.schoolId, group.id));
	const facts = await withFreshFacts(db, actor.schoolId, raw, today);
	const contacts: PlanContacts = { pairs: [], checkIns: [] };
	const rows = raw.map((r) => {
		const f = facts.get(`${r.group_id}:${r.user_id}`)!;
		const mine = contactsOf(r.user_id, f.card.contacts, today);
		contacts.pairs.push(...mine.pairs);
		contacts.checkIns.push(...mine.checkIns);
		return toDashboardRow({ id: r.user_id, name: r.display_name, username: r.username, needTags: r.need_tags ?? [] }, f, today);
	});
	const first = raw[0] ? facts.get(`${raw[0].group_id}:${raw[0].user_id}`) : undefined;
	return { group, period: { start: first?.pace.start ?? null, end: first?.pace.end ?? null }, rows, contacts };
}

/**
 * What waits on the coach for one student (the dashboard's triage, same facts and rule), from the first
 * group by name that the actor coaches and the student is in; null when they share none.
 */
export async function studentAttention(db: Db, actor: Actor, studentId: string, today: Date = new Date()) {
	const [shared] = await queryRows<{ group_id: string }>(
		db,
		sql`select c.group_id from memberships c
			join memberships s on s.group_id = c.group_id and s.school_id = c.school_id and s.user_id = ${studentId} and s.role = 'student'
			join groups g on g.id = c.group_id
			where c.user_id = ${actor.id} and c.role = 'coach' and c.school_id = ${actor.schoolId}
			order by g.name, g.id limit 1`
	);
	if (!shared) return null;
	const { rows } = await loadDashboardRows(db, actor, shared.group_id, today);
	const row = rows.find((r) => r.id === studentId);
	return row ? { attention: row.attention, at: today.toISOString() } : null;
}

/** Everything the group page needs: the rows plus the group's coaches. */
export async function groupDashboard(db: Db, actor: Actor, groupId: string, today: Date = new Date()): Promise<Dashboard> {
	const { group, period, rows, contacts } = await loadDashboardRows(db, actor, groupId, today);
	const coaches = await db
		.select({ id: users.id, displayName: users.displayName })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.groupId, group.id), eq(memberships.schoolId, actor.schoolId), eq(memberships.role, 'coach'), eq(users.active, true)))
		.orderBy(asc(users.displayName));
	return { group, coaches, period, rows, at: today.toISOString(), me: actor.id, contacts };
}
