import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { EntityName } from '$lib/domain/constants';
import type { Op, OpResult } from '$lib/domain/sync';
import type { Db } from '../db';
import { appliedOps } from '../db/schema';
import type { Actor } from '../policy';
import { applyOps } from '../sync/apply-ops';
import { loadScope, type Scope } from '../sync/scope';
import {
	demoAutonomy,
	demoBoards,
	demoCheckIns,
	demoFeedback,
	demoLevels,
	demoNeeds,
	demoQualification,
	demoStudentStories,
	type LogEntry
} from './demo-content';

/**
 * The demo school's learning content (demo-content.ts) written through the sync engine, exactly as
 * the coaches and students would write it from their devices: every record passes the entity's
 * schema and the rules, with the right author and owner. Nothing is inserted around the engine.
 */

/** Who is who in the demo school. */
export interface DemoSchoolIds {
	schoolId: string;
	groupId: string;
	/** Username (`student1`, `coach1`, `admin`) → user id. */
	userIds: Record<string, string>;
}

/** What the seed wrote: records per entity, ops and applyOps batches. */
export interface DemoLearningSummary {
	records: Partial<Record<EntityName, number>>;
	ops: number;
	batches: number;
}

/**
 * A stable UUID for a name within one school (SHA-1 based, formatted as an RFC 4122 version-5 UUID),
 * so reseeding gives the same ids and opIds and a replayed seed answers "duplicate".
 */
export function demoUuid(schoolId: string, name: string): string {
	const h = createHash('sha1').update(`koers-demo:${schoolId}:${name}`).digest();
	h[6] = (h[6]! & 0x0f) | 0x50;
	h[8] = (h[8]! & 0x3f) | 0x80;
	const x = h.subarray(0, 16).toString('hex');
	return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** The id of a demo record: entity plus its key (a student's keys are prefixed with their username). */
export function demoRecordId(schoolId: string, entity: EntityName, key: string): string {
	return demoUuid(schoolId, `${entity}:${key}`);
}

/** The last op of the seed: when it has been applied, the seed is complete. */
const lastOpName = 'op:done';

/** Has the demo learning content been written completely for this school? */
export async function demoLearningSeeded(db: Db, schoolId: string): Promise<boolean> {
	const rows = await db
		.select({ opId: appliedOps.opId })
		.from(appliedOps)
		.where(and(eq(appliedOps.opId, demoUuid(schoolId, lastOpName)), eq(appliedOps.schoolId, schoolId)))
		.limit(1);
	return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Time, relative to the day of seeding

const dayMs = 86_400_000;

/** ISO 8601 week of a date, as `2026-W48`. */
export function isoWeek(d: Date): string {
	const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
	const weekday = t.getUTCDay() || 7;
	t.setUTCDate(t.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
	const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
	const week = Math.ceil(((t.getTime() - yearStart) / dayMs + 1) / 7);
	return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function clock(now: Date) {
	const shift = (days: number) => new Date(now.getTime() + days * dayMs);
	const date = (days: number) => shift(days).toISOString().slice(0, 10);
	/** A moment `daysAgo` days back at a Dutch wall-clock time (CET, UTC+1: the period is in winter). */
	const at = (daysAgo: number, time = '12:00') => {
		const [h, m] = time.split(':').map(Number) as [number, number];
		const d = shift(-daysAgo);
		d.setUTCHours(h - 1, m, 0, 0);
		return (d.getTime() > now.getTime() ? new Date(now.getTime() - 60_000) : d).toISOString();
	};
	const week = (offset: number) => isoWeek(shift(offset * 7));
	// The period started on the Monday three weeks before this week and runs thirteen weeks.
	const monday = shift(-((now.getUTCDay() + 6) % 7));
	const periodStart = new Date(monday.getTime() - 21 * dayMs);
	return {
		date,
		at,
		week,
		periodStart: periodStart.toISOString().slice(0, 10),
		periodEnd: new Date(periodStart.getTime() + (12 * 7 + 4) * dayMs).toISOString().slice(0, 10)
	};
}

// ---------------------------------------------------------------------------------------------
// The plan: ops in phases; within a phase, one batch per actor

type Data = Record<string, unknown>;

class Plan {
	readonly phases: Map<string, Op[]>[] = [];
	private readonly puts = new Map<string, number>();
	readonly records = new Map<string, EntityName>();

	constructor(
		private readonly schoolId: string,
		private readonly nowIso: string
	) {}

	phase() {
		this.phases.push(new Map());
	}

	id(entity: EntityName, key: string) {
		return demoRecordId(this.schoolId, entity, key);
	}

	/** A put by `actor` (a username) of the record `entity:key`; returns the record's id. */
	put(actor: string, entity: EntityName, key: string, data: Data, opName?: string): string {
		const id = this.id(entity, key);
		const n = (this.puts.get(id) ?? 0) + 1;
		this.puts.set(id, n);
		this.records.set(id, entity);
		const op: Op = {
			opId: demoUuid(this.schoolId, opName ?? `op:${entity}:${key}:${n}`),
			entity,
			id,
			action: 'put',
			data: withoutUndefined(data),
			at: this.nowIso
		};
		const phase = this.phases[this.phases.length - 1]!;
		phase.set(actor, [...(phase.get(actor) ?? []), op]);
		return id;
	}
}

function withoutUndefined(data: Data): Data {
	return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}

function buildPlan(ids: DemoSchoolIds, now: Date): Plan {
	const { schoolId, groupId } = ids;
	const t = clock(now);
	const plan = new Plan(schoolId, now.toISOString());
	const user = (username: string) => {
		const id = ids.userIds[username];
		if (!id) throw new Error(`demo seed: no user ${username}`);
		return id;
	};

	// Items by key, with their board.
	const itemBoard = new Map<string, string>();
	for (const board of demoBoards) for (const item of board.items) itemBoard.set(item.key, board.key);
	const itemId = (key: string) => {
		if (!itemBoard.has(key)) throw new Error(`demo seed: no item ${key}`);
		return plan.id('item', key);
	};

	// 1. School-wide reference data, by the team leader.
	plan.phase();
	plan.put('admin', 'qualification', 'hzw2', { ...demoQualification });

	// 2. What the coaches prepare: boards, items, autonomy, needs.
	plan.phase();
	for (const board of demoBoards) {
		const boardId = plan.put('coach1', 'board', board.key, {
			title: board.title,
			description: board.description,
			periodStart: t.periodStart,
			periodEnd: t.periodEnd,
			levels: demoLevels,
			mode: board.mode,
			groupIds: [groupId]
		});
		for (const { key, ...item } of board.items) {
			plan.put('coach1', 'item', key, { ...item, boardId, required: item.required ?? false });
		}
	}
	for (const a of demoAutonomy) {
		const base = { studentId: user(a.student) };
		if (a.earlier) plan.put(a.by, 'autonomy', a.student, { ...base, ...a.earlier });
		plan.put(a.by, 'autonomy', a.student, { ...base, level: a.level, workLevel: a.workLevel, reason: a.reason });
	}
	for (const need of demoNeeds) {
		plan.put(need.by, 'need', need.key, {
			groupId,
			kind: need.kind,
			category: need.category,
			studentIds: need.students.map(user),
			reasons: need.reasons,
			approach: need.approach,
			evaluateOn: t.date(need.evaluateInDays),
			phase: need.phase
		});
	}

	// 3. Each student's own records, in the order they would make them.
	plan.phase();
	const own = (username: string, key: string) => `${username}/${key}`;
	for (const s of demoStudentStories) {
		const me = s.username;
		const ref = (entity: EntityName, key: string | undefined) => (key ? plan.id(entity, own(me, key)) : undefined);
		if (s.intake) {
			const { completedDaysAgo, ...intake } = s.intake;
			plan.put(me, 'intake', me, { ...intake, completedAt: t.at(completedDaysAgo, '15:30') });
		}
		for (const g of s.goals) {
			plan.put(me, 'goal', own(me, g.key), {
				title: g.title,
				why: g.why,
				successCriteria: g.successCriteria,
				targetDate: g.targetInDays == null ? undefined : t.date(g.targetInDays),
				status: g.status,
				workProcessIds: g.workProcessIds
			});
			for (const q of g.questions ?? []) plan.put(me, 'question', own(me, q.key), { goalId: ref('goal', g.key), text: q.text });
		}
		for (const c of s.choices) {
			plan.put(me, 'choice', own(me, c.key), {
				itemId: itemId(c.item),
				boardId: plan.id('board', itemBoard.get(c.item)!),
				plannedWeek: t.week(c.week),
				status: c.status,
				needsApproval: c.needsApproval,
				goalId: ref('goal', c.goal),
				doneAt: c.doneDaysAgo == null ? undefined : t.at(c.doneDaysAgo, '16:00')
			});
		}
		for (const c of s.cycles) {
			plan.put(me, 'cycle', own(me, c.key), {
				choiceId: ref('choice', c.choice),
				goalId: ref('goal', c.goal),
				previousCycleId: ref('cycle', c.previous),
				phase: c.phase,
				forethought: c.forethought,
				performance: c.performance?.map((e, i) => logEntry(plan, own(me, `${c.key}/log${i + 1}`), e, t.at)),
				reflection: c.reflection
			});
		}
		for (const e of s.evidence) {
			plan.put(me, 'evidence', own(me, e.key), {
				title: e.title,
				body: e.body,
				links: e.links,
				goalIds: e.goals?.map((g) => ref('goal', g)!),
				itemIds: e.items?.map(itemId),
				workProcessIds: e.workProcessIds,
				visibility: e.visibility
			});
		}
		for (const r of s.ratings) {
			plan.put(me, 'rating', own(me, `rating/${r.item}`), { itemId: itemId(r.item), stars: r.stars, comment: r.comment });
		}
	}

	// 4. What the coaches write back: approvals, marks, feedback, check-ins.
	plan.phase();
	for (const s of demoStudentStories) {
		for (const c of s.choices) {
			if (c.approvedBy) plan.put(c.approvedBy, 'choice', own(s.username, c.key), { status: 'approved' });
		}
		for (const c of s.cycles) {
			if (c.coachRating) plan.put(c.coachRating.by, 'cycle', own(s.username, c.key), { coachRating: c.coachRating.mark });
		}
	}
	for (const f of demoFeedback) {
		plan.put(f.by, 'feedback', f.key, {
			targetEntity: f.target.entity,
			targetId: plan.id(f.target.entity, own(f.student, f.target.key)),
			kind: f.kind,
			focus: f.focus,
			body: f.body,
			parentId: null
		});
	}
	for (const c of demoCheckIns) {
		plan.put(c.by, 'checkIn', c.key, { studentId: user(c.student), date: t.date(-c.daysAgo), notes: c.notes, agreedActions: c.agreedActions });
	}

	// 5. The students' replies in the threads; the very last op marks the seed as complete.
	plan.phase();
	const replies = demoFeedback.flatMap((f) => (f.replies ?? []).map((r) => ({ f, r })));
	replies.forEach(({ f, r }, i) => {
		plan.put(
			f.student,
			'feedback',
			r.key,
			{
				targetEntity: f.target.entity,
				targetId: plan.id(f.target.entity, own(f.student, f.target.key)),
				kind: 'reply',
				body: r.body,
				parentId: plan.id('feedback', f.key)
			},
			i === replies.length - 1 ? lastOpName : undefined
		);
	});
	return plan;
}

function logEntry(plan: Plan, key: string, e: LogEntry, at: (daysAgo: number, time?: string) => string) {
	return { id: plan.id('cycle', key), at: at(e.daysAgo, e.time), minutes: e.minutes, note: e.note, helpAsked: e.helpAsked ?? false };
}

/**
 * Writes the demo school's learning content through the sync engine: the qualification (admin),
 * boards, items, autonomy and needs (coaches), each student's intake, goals, questions, choices,
 * cycles, evidence and ratings, then coach approvals, marks, feedback and check-ins, then the
 * students' replies. Dates are relative to `now`. Throws, naming every refused op, when anything
 * is not applied. Safe to run again for the same school: replayed ops answer "duplicate".
 */
export async function seedDemoLearning(db: Db, ids: DemoSchoolIds, now: Date = new Date()): Promise<DemoLearningSummary> {
	const plan = buildPlan(ids, now);
	const scopes = new Map<string, Scope>();
	const scopeOf = async (username: string) => {
		let scope = scopes.get(username);
		if (!scope) {
			const role: Actor['role'] = username.startsWith('student') ? 'student' : username === 'admin' ? 'admin' : 'coach';
			scope = await loadScope(db, { id: ids.userIds[username]!, schoolId: ids.schoolId, role });
			scopes.set(username, scope);
		}
		return scope;
	};

	let ops = 0;
	let batches = 0;
	for (const phase of plan.phases) {
		for (const [username, batch] of phase) {
			const results = await applyOps(db, await scopeOf(username), batch);
			batches++;
			ops += batch.length;
			const refused = results
				.map((r: OpResult, i) => ({ r, op: batch[i]! }))
				.filter(({ r }) => r.status !== 'applied' && r.status !== 'duplicate');
			if (refused.length) {
				const why = refused.map(({ r, op }) => `${op.entity} ${op.id}: ${r.code ?? r.status} ${r.error ?? ''}`.trim()).join('; ');
				throw new Error(`demo seed: ${username} could not write ${refused.length} of ${batch.length} records: ${why}`);
			}
		}
	}

	await spreadOverTime(db, ids, now);
	const records: DemoLearningSummary['records'] = {};
	for (const entity of plan.records.values()) records[entity] = (records[entity] ?? 0) + 1;
	return { records, ops, batches };
}

/**
 * The sync engine stamps records with the moment they arrive, so a fresh seed looks as if everyone
 * did everything just now. Spread the demo over the past days instead (only the timestamps, not revs):
 * check-ins on their date, Noah (student5) quiet for 12 days, everyone else active in the last week.
 */
async function spreadOverTime(db: Db, ids: DemoSchoolIds, now: Date): Promise<void> {
	const noah = ids.userIds['student5'];
	const at = now.toISOString();
	await db.execute(sql`
		update records set
			created_at = case
				when entity = 'checkIn' and data ? 'date' then (data->>'date')::date + time '10:00'
				when owner_id = ${noah ?? null}::uuid and author_id = owner_id then ${at}::timestamptz - interval '12 days'
				else ${at}::timestamptz - interval '1 day' * (1 + abs(hashtext(id::text)) % 7)
			end
		where school_id = ${ids.schoolId}`);
	// A reply comes after what it answers: two hours after its parent, never in the future.
	await db.execute(sql`
		update records r set created_at = least(p.created_at + interval '2 hours', ${at}::timestamptz)
		from records p
		where r.school_id = ${ids.schoolId} and r.entity = 'feedback' and r.data->>'kind' = 'reply'
		  and p.school_id = r.school_id and p.id::text = r.data->>'parentId'`);
	await db.execute(sql`update records set updated_at = created_at where school_id = ${ids.schoolId}`);
}
