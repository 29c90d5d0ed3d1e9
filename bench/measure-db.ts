/** Server-side figures, measured in this process against the benchmark database. */
import { sql } from 'drizzle-orm';
import { uuidArray, type Db } from '$lib/server/db';
import { records } from '$lib/server/db/schema';
import type { Actor } from '$lib/server/policy';
import type { Op } from '$lib/domain/sync';
import { addWeeks, isoWeek } from '$lib/domain/pace';
import { applyOps } from '$lib/server/sync/apply-ops';
import { loadScope } from '$lib/server/sync/scope';
import { sync } from '$lib/server/sync/sync';
import { groupDashboard } from '$lib/server/coach/dashboard.service';
import { schoolOverview } from '$lib/server/admin/overview.service';
import { refreshStaleFacts } from '$lib/server/coach/facts.service';
import { randomUUID } from 'node:crypto';
import { seedSchool, type BenchSchool } from './school';

export const percentile = (values: number[], p: number) => {
	const s = [...values].sort((a, b) => a - b);
	if (!s.length) return NaN;
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

const student = (school: BenchSchool, id: string): Actor => ({ id, schoolId: school.schoolId, role: 'student' });

/** 200 ops of a student's realistic offline session: goals, questions, picks, cycles, evidence. */
export function pushBatch(school: BenchSchool, studentId: string, seed: number): Op[] {
	// Fresh ids (never from the seeded stream: a mulberry32 stream with another seed is the same
	// sequence shifted, so its ids could repeat the school's).
	void seed;
	const r = { uuid: randomUUID };
	const group = school.groups.find((g) => g.studentIds.includes(studentId))!;
	const at = new Date().toISOString();
	const op = (entity: Op['entity'], data: Record<string, unknown>): Op => ({ opId: r.uuid(), entity, id: r.uuid(), action: 'put', data, at });
	const week = isoWeek(new Date());
	const goals = Array.from({ length: 20 }, (_, i) => op('goal', { title: `Doel ${i + 1}: beter rapporteren`, why: 'Omdat het in de stage nodig is om goed over te dragen.', status: 'active', workProcessIds: ['B1-K1-W2'] }));
	const questions = Array.from({ length: 40 }, (_, i) => op('question', { goalId: goals[i % goals.length]!.id, text: `Hoe schrijf ik een objectieve rapportage over cliënt ${i}?` }));
	// Picks from the group's free boards (the first two), so the autonomy rules run without step-plan order.
	const items = group.itemIds.slice(0, 24);
	const choices = Array.from({ length: 60 }, (_, i) => {
		const itemId = items[i % items.length]!;
		return op('choice', { itemId, boardId: group.boardIds[Math.floor(items.indexOf(itemId) / 12)]!, plannedWeek: addWeeks(week, i % 3), status: 'planned', goalId: goals[i % goals.length]!.id });
	});
	const cycles = Array.from({ length: 50 }, (_, i) =>
		op('cycle', {
			choiceId: choices[i]!.id,
			phase: 'forethought',
			forethought: { aim: 'De vochtlijst foutloos invullen', ratingNow: 5, ratingTarget: 8, strategy: 'Eerst oefenen met een kaartje', timeEstimate: 90, needFromCoach: 'Even meekijken' }
		})
	);
	const evidence = Array.from({ length: 30 }, (_, i) =>
		op('evidence', { title: `Bewijs ${i + 1}`, body: 'Verslag van mijn dienst: wat ik deed, wat goed ging en wat ik de volgende keer anders doe. '.repeat(3), goalIds: [goals[i % goals.length]!.id], visibility: 'coach' })
	);
	return [...goals, ...questions, ...choices, ...cycles, ...evidence];
}

export interface PushFigure {
	ops: number;
	pushOpsPerSec: number;
	rawRowsPerSec: number;
	ratio: number;
	rejected: number;
}

/**
 * Sync push: `batches` students each send one batch of 200 ops through `applyOps` (validated,
 * policy-checked, one transaction). Beside each batch, the same rows go into `records` with one raw
 * multi-row INSERT (new ids) in the same database, alternating so that noise hits both alike.
 */
export async function measurePush(db: Db, school: BenchSchool, batches: number): Promise<PushFigure> {
	let pushMs = 0;
	let rawMs = 0;
	let ops = 0;
	let rejected = 0;
	// Students from many groups, not the heavy one.
	const who = Array.from({ length: batches }, (_, i) => school.studentIds[(i * 37) % Math.max(1, school.studentIds.length - 1)]!);
	for (const [i, id] of who.entries()) {
		const actor = student(school, id);
		const batch = pushBatch(school, id, 9000 + i);
		const scope = await loadScope(db, actor);
		let t = performance.now();
		const results = await applyOps(db, scope, batch);
		pushMs += performance.now() - t;
		rejected += results.filter((x) => x.status !== 'applied').length;
		ops += batch.length;

		const rows = batch.map((o) => ({
			id: randomUUID(),
			schoolId: school.schoolId,
			entity: o.entity,
			ownerId: id,
			authorId: id,
			rev: sql`nextval('rev_seq')`,
			data: o.data ?? null
		}));
		t = performance.now();
		await db.insert(records).values(rows as never);
		rawMs += performance.now() - t;
	}
	const pushOpsPerSec = (ops / pushMs) * 1000;
	const rawRowsPerSec = (ops / rawMs) * 1000;
	return { ops, pushOpsPerSec, rawRowsPerSec, ratio: pushOpsPerSec / rawRowsPerSec, rejected };
}

/** Initial pull of the heavy student: every page (`more`) until done, server time in this process. */
export async function measurePull(db: Db, school: BenchSchool, runs: number) {
	const actor = student(school, school.heavyStudentId);
	const times: number[] = [];
	let changes = 0;
	let pages = 0;
	for (let i = 0; i < runs + 1; i++) {
		let cursor: string | null = null;
		let n = 0;
		let p = 0;
		const t = performance.now();
		for (;;) {
			const res = await sync(db, actor, { cursor, ops: [] });
			n += res.changes.length;
			p++;
			cursor = res.cursor;
			if (!res.more) break;
		}
		if (i > 0) times.push(performance.now() - t); // the first run warms up
		changes = n;
		pages = p;
	}
	return { p50: percentile(times, 50), p95: percentile(times, 95), changes, pages };
}

/** Marks the facts of `n` students of the group as changed, as when they wrote something since the last look. */
async function touch(db: Db, groupId: string, studentIds: string[]) {
	await db.execute(sql`update student_facts set changes = changes + 1 where group_id = ${groupId} and user_id = any(${uuidArray(studentIds)})`);
}

/**
 * The group dashboard: cold (no stored facts: every student computed, as right after the upgrade),
 * then steady (the background refresher has caught up), then while 5 of the 30 students write
 * between two looks (their facts computed on the read).
 */
export async function measureDashboard(db: Db, school: BenchSchool, runs: number) {
	const g = school.dashboardGroup;
	const coach: Actor = { id: g.coachIds[0]!, schoolId: school.schoolId, role: 'coach' };
	await db.execute(sql`delete from student_facts where group_id = ${g.id}`);
	let t = performance.now();
	await groupDashboard(db, coach, g.id);
	const cold = performance.now() - t;
	await refreshStaleFacts(db, { part: 250, budgetMs: Infinity });
	const times: number[] = [];
	const working: number[] = [];
	let students = 0;
	for (let i = 0; i < runs + 3; i++) {
		t = performance.now();
		const d = await groupDashboard(db, coach, g.id);
		if (i >= 3) times.push(performance.now() - t);
		students = d.rows.length;
	}
	for (let i = 0; i < runs; i++) {
		await touch(db, g.id, g.studentIds.slice((i * 5) % 25, ((i * 5) % 25) + 5));
		t = performance.now();
		await groupDashboard(db, coach, g.id);
		working.push(performance.now() - t);
	}
	return { p50: percentile(times, 50), p95: percentile(times, 95), students, cold, workingP50: percentile(working, 50), workingP95: percentile(working, 95) };
}

/**
 * The school overview: cold (every student's facts computed in one look), then steady after the
 * background refresher caught up with the writes of the other figures.
 */
export async function measureOverview(db: Db, school: BenchSchool, runs: number) {
	const admin: Actor = { id: school.adminId, schoolId: school.schoolId, role: 'admin' };
	await db.execute(sql`delete from student_facts where school_id = ${school.schoolId}`);
	let t = performance.now();
	await schoolOverview(db, admin);
	const cold = performance.now() - t;
	t = performance.now();
	await db.execute(sql`update student_facts set changes = changes + 1 where school_id = ${school.schoolId}`);
	const refreshed = await refreshStaleFacts(db, { part: 50, budgetMs: Infinity });
	const refreshAll = performance.now() - t;
	const times: number[] = [];
	let students = 0;
	let groups = 0;
	for (let i = 0; i < runs + 2; i++) {
		t = performance.now();
		const o = await schoolOverview(db, admin);
		if (i >= 2) times.push(performance.now() - t);
		students = o.totals.students;
		groups = o.groups.length;
	}
	return { p50: percentile(times, 50), p95: percentile(times, 95), students, groups, cold, refreshAll, refreshed };
}

export interface GrowthStep {
	factor: number;
	recordsPerStudent: number;
	records: number;
	dashboardP95: number;
	overviewP95: number;
	pullP50: number;
	pullChanges: number;
}

/**
 * How the coach's and the admin's reads and a student's initial pull grow as students keep more
 * records: a school of its own per step (in the same database, beside the main one), with `factor`
 * times the records per student, each measured as the main figures are. With the indexes in place the
 * dashboard and the overview should stay near flat; the pull grows with what it sends, its time per
 * thousand changes should not.
 */
export async function measureGrowth(
	db: Db,
	opts: { students: number; recordsPerStudent: number; factors: number[]; seed: number; runs: number; log: (msg: string) => void }
): Promise<GrowthStep[]> {
	const steps: GrowthStep[] = [];
	for (const factor of opts.factors) {
		const perStudent = opts.recordsPerStudent * factor;
		opts.log(`growth ${factor}×: seeding ${opts.students} students with ~${perStudent} records each`);
		// The "heavy" student of these schools is a typical one: its pull is a typical student's.
		const school = await seedSchool(db, { students: opts.students, recordsPerStudent: perStudent, heavyRecords: perStudent, seed: opts.seed + factor, prefix: `growth${factor}` });
		const dash = await measureDashboard(db, school, opts.runs);
		const over = await measureOverview(db, school, Math.max(5, Math.round(opts.runs / 2)));
		const pull = await measurePull(db, school, Math.max(3, Math.round(opts.runs / 4)));
		steps.push({ factor, recordsPerStudent: perStudent, records: school.records, dashboardP95: dash.p95, overviewP95: over.p95, pullP50: pull.p50, pullChanges: pull.changes });
	}
	return steps;
}
