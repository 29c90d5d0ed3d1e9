import { and, eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { EntityName } from '$lib/domain/constants';
import type { Op, OpResult } from '$lib/domain/sync';
import { uuidArray, type Db } from '../db';
import { appliedOps } from '../db/schema';
import type { Actor } from '../policy';
import { applyOps } from '../sync/apply-ops';
import { loadScope, type Scope } from '../sync/scope';
import { addWeeks, isoWeek, weekDays } from '$lib/domain/weeks';
import { demoData, type Demo, type When } from './demo-files';

/**
 * The demo school's learning content (the demo folder, demo-files.ts) written through the sync engine,
 * exactly as the coaches and students would write it from their devices: every record passes the
 * entity's schema and the rules, with the right author and owner. Nothing is inserted around the engine.
 * Every write has its moment on one clock and they are applied in that order, so no record is older
 * than what it refers to; the records then carry those moments as their created and updated times.
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
// One clock: every moment of the demo, relative to the day of seeding

const dayMs = 86_400_000;

function clock(now: Date) {
	const thisWeek = isoWeek(now);
	const periodStart = weekDays(addWeeks(thisWeek, -3)).start;
	return {
		/** A moment `daysAgo` days back at a Dutch wall-clock time (CET, UTC+1: the period is in winter), never after now. */
		at({ daysAgo, time }: When): number {
			const [h, m] = time.split(':').map(Number) as [number, number];
			const d = new Date(now.getTime() - daysAgo * dayMs);
			d.setUTCHours(h - 1, m, 0, 0);
			return Math.min(d.getTime(), now.getTime() - 60_000);
		},
		date: (days: number) => new Date(now.getTime() + days * dayMs).toISOString().slice(0, 10),
		week: (offset: number) => addWeeks(thisWeek, offset),
		// The period started on the Monday three weeks before this week and runs thirteen weeks, to a Friday.
		periodStart,
		periodEnd: new Date(Date.parse(`${periodStart}T00:00:00Z`) + (12 * 7 + 4) * dayMs).toISOString().slice(0, 10)
	};
}

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// The plan: every write with its moment, applied in time order

type Data = Record<string, unknown>;
interface Write {
	at: number;
	actor: string;
	op: Op;
}

class Plan {
	readonly writes: Write[] = [];
	private readonly puts = new Map<string, number>();
	readonly records = new Map<string, EntityName>();
	/** Per record, every moment something happened to it: the first is when it was made, the last when it changed. */
	readonly moments = new Map<string, number[]>();

	constructor(private readonly schoolId: string) {}

	id(entity: EntityName, key: string) {
		return demoRecordId(this.schoolId, entity, key);
	}

	/** A put by `actor` (a username) of the record `entity:key` at moment `at`; returns the record's id. */
	put(actor: string, at: number, entity: EntityName, key: string, data: Data): string {
		const id = this.id(entity, key);
		const n = (this.puts.get(id) ?? 0) + 1;
		this.puts.set(id, n);
		this.records.set(id, entity);
		this.touch(id, at);
		const op: Op = { opId: demoUuid(this.schoolId, `op:${entity}:${key}:${n}`), entity, id, action: 'put', data: withoutUndefined(data), at: iso(at) };
		this.writes.push({ at, actor, op });
		return id;
	}

	/** Something the record's data tells happened at `at` (a log entry, a pick done). */
	touch(id: string, at: number) {
		this.moments.set(id, [...(this.moments.get(id) ?? []), at]);
	}

	/** The writes in time order (a stable sort: at the same moment, in the order they were planned). */
	ordered(): Write[] {
		const sorted = [...this.writes].sort((a, b) => a.at - b.at);
		// The very last op marks the seed as complete.
		const last = sorted.at(-1);
		if (last) last.op = { ...last.op, opId: demoUuid(this.schoolId, lastOpName) };
		return sorted;
	}
}

function withoutUndefined(data: Data): Data {
	return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}

/** The qualification's record key (only its id comes from it). */
const qualificationKey = 'hzw2';

function buildPlan(demo: Demo, ids: DemoSchoolIds, now: Date): Plan {
	const { schoolId, groupId } = ids;
	const t = clock(now);
	const plan = new Plan(schoolId);
	const user = (username: string) => {
		const id = ids.userIds[username];
		if (!id) throw new Error(`demo seed: no user ${username}`);
		return id;
	};
	const itemBoard = new Map(demo.boards.flatMap((b) => b.itemKeys.map((k) => [k, b.key] as const)));

	// School-wide reference data, and what the coaches prepare.
	plan.put(demo.qualification.by, t.at(demo.qualification.at), 'qualification', qualificationKey, { ...demo.qualification.data });
	for (const b of demo.boards) {
		const at = t.at(b.at);
		const boardId = plan.put(b.by, at, 'board', b.key, { ...b.file.board, periodStart: t.periodStart, periodEnd: t.periodEnd, groupIds: [groupId] });
		b.file.items.forEach((item, i) => plan.put(b.by, at, 'item', b.itemKeys[i]!, { ...item, boardId }));
	}
	for (const { student, by, earlier, daysAgo, time, ...setting } of demo.autonomy) {
		const base = { studentId: user(student) };
		if (earlier) {
			const { daysAgo: d, time: tm, ...before } = earlier;
			plan.put(by, t.at({ daysAgo: d, time: tm }), 'autonomy', student, { ...base, ...before });
		}
		plan.put(by, t.at({ daysAgo, time }), 'autonomy', student, { ...base, ...setting });
	}
	for (const { key, by, students, evaluateInDays, daysAgo, time, ...need } of demo.needs) {
		plan.put(by, t.at({ daysAgo, time }), 'need', key, { ...need, groupId, studentIds: students.map(user), evaluateOn: t.date(evaluateInDays) });
	}

	// Each student's own records, and what the coaches write on them.
	const own = (username: string, key: string) => `${username}/${key}`;
	for (const { username: me, story: s } of demo.stories) {
		const ref = (entity: EntityName, key: string | undefined) => (key ? plan.id(entity, own(me, key)) : undefined);
		if (s.intake) {
			const { daysAgo, time, ...intake } = s.intake;
			const completed = t.at({ daysAgo, time });
			// Filled in at one sitting: started half an hour before it was completed.
			const id = plan.put(me, completed - 30 * 60_000, 'intake', me, { ...intake, completedAt: iso(completed) });
			plan.touch(id, completed);
		}
		for (const { key, questions, targetInDays, daysAgo, time, ...goal } of s.goals) {
			const goalId = plan.put(me, t.at({ daysAgo, time }), 'goal', own(me, key), {
				...goal,
				targetDate: targetInDays == null ? undefined : t.date(targetInDays)
			});
			for (const q of questions) plan.put(me, t.at(q), 'question', own(me, q.key), { goalId, text: q.text });
		}
		for (const c of s.choices) {
			const done = c.done ? t.at(c.done) : undefined;
			const id = plan.put(me, t.at(c), 'choice', own(me, c.key), {
				itemId: plan.id('item', c.item),
				boardId: plan.id('board', itemBoard.get(c.item)!),
				plannedWeek: t.week(c.week),
				status: c.status,
				needsApproval: c.needsApproval,
				goalId: ref('goal', c.goal),
				doneAt: done === undefined ? undefined : iso(done)
			});
			if (done !== undefined) plan.touch(id, done);
			if (c.approved) plan.put(c.approved.by, t.at(c.approved), 'choice', own(me, c.key), { status: 'approved' });
		}
		for (const c of s.cycles) {
			const id = plan.id('cycle', own(me, c.key));
			const reflection = c.reflection && (({ daysAgo, time, ...r }) => ({ at: t.at({ daysAgo, time }), r }))(c.reflection);
			plan.put(me, t.at(c), 'cycle', own(me, c.key), {
				choiceId: ref('choice', c.choice),
				goalId: ref('goal', c.goal),
				previousCycleId: ref('cycle', c.previous),
				phase: c.phase,
				forethought: c.forethought,
				performance: c.performance.length
					? c.performance.map(({ daysAgo, time, ...e }, i) => {
							const at = t.at({ daysAgo, time });
							plan.touch(id, at);
							return { id: plan.id('cycle', own(me, `${c.key}/log${i + 1}`)), at: iso(at), ...e, helpAsked: e.helpAsked ?? false };
						})
					: undefined,
				reflection: reflection?.r
			});
			if (reflection) plan.touch(id, reflection.at);
			if (c.coachRating) plan.put(c.coachRating.by, t.at(c.coachRating), 'cycle', own(me, c.key), { coachRating: c.coachRating.mark });
		}
		for (const { key, goals, items, daysAgo, time, ...e } of s.evidence) {
			plan.put(me, t.at({ daysAgo, time }), 'evidence', own(me, key), {
				...e,
				goalIds: goals.length ? goals.map((g) => ref('goal', g)!) : undefined,
				itemIds: items.length ? items.map((k) => plan.id('item', k)) : undefined
			});
		}
		for (const { item, daysAgo, time, ...r } of s.ratings) {
			plan.put(me, t.at({ daysAgo, time }), 'rating', own(me, `rating/${item}`), { ...r, itemId: plan.id('item', item) });
		}
	}

	// Feedback threads, with the students' replies; check-ins on their day.
	for (const f of demo.feedback) {
		const target = { targetEntity: f.target.entity, targetId: plan.id(f.target.entity, own(f.student, f.target.key)) };
		const parentId = plan.put(f.by, t.at(f), 'feedback', f.key, { ...target, kind: f.kind, focus: f.focus, body: f.body, parentId: null });
		for (const r of f.replies) plan.put(f.student, t.at(r), 'feedback', r.key, { ...target, kind: 'reply', body: r.body, parentId });
	}
	for (const { key, by, student, daysAgo, time, ...c } of demo.checkIns) {
		const at = t.at({ daysAgo, time });
		plan.put(by, at, 'checkIn', key, { ...c, studentId: user(student), date: iso(at).slice(0, 10) });
	}
	return plan;
}

/**
 * Writes the demo school's learning content through the sync engine in the order it happened: the
 * qualification, boards and items, autonomy and needs, each student's intake, goals, questions,
 * picks, cycles, evidence and ratings, the coaches' approvals, marks, feedback and check-ins and the
 * students' replies. Moments are relative to `now`. Throws, naming every refused op, when anything
 * is not applied. Safe to run again for the same school: replayed ops answer "duplicate".
 */
export async function seedDemoLearning(db: Db, ids: DemoSchoolIds, now: Date = new Date(), demo: Demo = demoData()): Promise<DemoLearningSummary> {
	const plan = buildPlan(demo, ids, now);
	const roles = new Map(demo.accounts.map((a) => [a.username, a.role]));
	const scopes = new Map<string, Scope>();
	const scopeOf = async (username: string) => {
		let scope = scopes.get(username);
		if (!scope) {
			const role: Actor['role'] = roles.get(username) ?? 'student';
			scope = await loadScope(db, { id: ids.userIds[username]!, schoolId: ids.schoolId, role });
			scopes.set(username, scope);
		}
		return scope;
	};

	// Consecutive writes of one person go in one batch, as from one device.
	const batches: { actor: string; ops: Op[] }[] = [];
	for (const w of plan.ordered()) {
		const last = batches.at(-1);
		if (last?.actor === w.actor) last.ops.push(w.op);
		else batches.push({ actor: w.actor, ops: [w.op] });
	}
	let ops = 0;
	for (const { actor, ops: batch } of batches) {
		const results = await applyOps(db, await scopeOf(actor), batch);
		ops += batch.length;
		const refused = results
			.map((r: OpResult, i) => ({ r, op: batch[i]! }))
			.filter(({ r }) => r.status !== 'applied' && r.status !== 'duplicate');
		if (refused.length) {
			const why = refused.map(({ r, op }) => `${op.entity} ${op.id}: ${r.code ?? r.status} ${r.error ?? ''}`.trim()).join('; ');
			throw new Error(`demo seed: ${actor} could not write ${refused.length} of ${batch.length} records: ${why}`);
		}
	}

	await stampMoments(db, ids.schoolId, plan);
	const records: DemoLearningSummary['records'] = {};
	for (const entity of plan.records.values()) records[entity] = (records[entity] ?? 0) + 1;
	return { records, ops, batches: batches.length };
}

/**
 * The sync engine stamps records with the moment they arrive, so a fresh seed would look as if everyone
 * did everything just now. Each record gets its moments from the plan instead (only the timestamps, not
 * revs): made at its first, changed at its last; a replaced version was replaced when its op was written.
 */
async function stampMoments(db: Db, schoolId: string, plan: Plan): Promise<void> {
	const ids = [...plan.moments.keys()];
	const list = (values: number[]) => sql`${`{${values.map(iso).join(',')}}`}::timestamptz[]`;
	const first = ids.map((id) => Math.min(...plan.moments.get(id)!));
	const last = ids.map((id) => Math.max(...plan.moments.get(id)!));
	await db.execute(sql`
		update records r set created_at = v.created_at, updated_at = v.updated_at
		from unnest(${uuidArray(ids)}, ${list(first)}, ${list(last)}) as v(id, created_at, updated_at)
		where r.school_id = ${schoolId} and r.id = v.id`);
	const writes = plan.writes;
	await db.execute(sql`
		update record_history h set replaced_at = v.at
		from unnest(${uuidArray(writes.map((w) => w.op.opId))}, ${list(writes.map((w) => w.at))}) as v(op_id, at)
		where h.school_id = ${schoolId} and h.replaced_by_op = v.op_id`);
}
