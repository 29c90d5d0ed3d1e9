import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Change } from '$lib/domain/sync';
import { openTestDatabase } from '$test/db';
import { queryRows } from '../db';
import { appliedOps, groups, memberships, recordHistory, records, schools, users } from '../db/schema';
import { login } from '../auth/login';
import type { Actor } from '../policy';
import { changesSince } from '../sync/changes-since';
import { loadScope } from '../sync/scope';
import { demoActive, ensureDemoSchool } from './demo';
import { isoWeek } from '$lib/domain/weeks';
import { demoLearningSeeded, demoRecordId, seedDemoLearning, type DemoSchoolIds } from './demo-learning';

let t: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	t = await openTestDatabase();
});
afterAll(async () => t.close());

const dayMs = 86_400_000;
let ids: DemoSchoolIds;
const actor = async (username: string): Promise<Actor> => {
	const u = (await t.db.select().from(users)).find((x) => x.username === username)!;
	return { id: u.id, schoolId: u.schoolId, role: u.role };
};
async function visible(username: string): Promise<Change[]> {
	const { changes, more } = await changesSince(t.db, await loadScope(t.db, await actor(username)), 0);
	expect(more).toBe(false);
	return changes;
}
async function snapshot() {
	const [r] = await t.db.select({ n: sql<number>`count(*)::int`, rev: sql<number>`coalesce(max(rev), 0)::int` }).from(records);
	const [o] = await t.db.select({ n: sql<number>`count(*)::int` }).from(appliedOps);
	return { records: r!.n, rev: r!.rev, ops: o!.n };
}
const of = (changes: Change[], entity: string) => changes.filter((c) => c.entity === entity && !c.deleted);
const data = <T = Record<string, unknown>>(c: Change | undefined) => c!.data as T;

describe('demo school', () => {
	it('seeds the demo school once on an empty database, with working demo accounts', async () => {
		expect(await demoActive(t.db)).toBe(false);
		expect(await ensureDemoSchool(t.db)).toBe(true);
		const after = await snapshot();
		expect(await ensureDemoSchool(t.db)).toBe(false);
		expect(await snapshot()).toEqual(after);
		expect(await demoActive(t.db)).toBe(true);

		expect(await t.db.select().from(schools)).toHaveLength(1);
		const all = await t.db.select().from(users);
		expect(all.filter((u) => u.role === 'student')).toHaveLength(24);
		expect(all.map((u) => u.username)).toEqual(expect.arrayContaining(['student1', 'student24', 'coach1', 'coach2', 'admin']));
		const [group] = await t.db.select().from(groups);
		expect(group?.name).toBe('Zorg en Welzijn 2A');
		const members = await t.db.select().from(memberships);
		expect(members.filter((m) => m.role === 'student')).toHaveLength(24);
		expect(members.filter((m) => m.role === 'coach')).toHaveLength(2);

		for (const username of ['student1', 'coach1', 'admin']) {
			expect((await login(t.db, { username, password: 'koers-demo' }, '127.0.0.1')).ok).toBe(true);
		}
		ids = { schoolId: group!.schoolId, groupId: group!.id, userIds: Object.fromEntries(all.map((u) => [u.username, u.id])) };
		expect(await demoLearningSeeded(t.db, ids.schoolId)).toBe(true);
	}, 120_000); // 27 deliberately slow password hashes

	it('writes the learning content through the sync engine, with the right authors and owners', async () => {
		const rows = await t.db.select().from(records);
		const count = (entity: string) => rows.filter((r) => r.entity === entity).length;
		expect(count('qualification')).toBe(1);
		expect(count('board')).toBe(2);
		expect(count('item')).toBe(18);
		expect(count('autonomy')).toBe(24);
		expect(count('need')).toBe(2);
		for (const entity of ['intake', 'goal', 'question', 'choice', 'cycle', 'evidence', 'feedback', 'checkIn', 'rating']) {
			expect(count(entity), entity).toBeGreaterThan(0);
		}
		const coach1 = ids.userIds.coach1!;
		for (const r of rows.filter((r) => r.entity === 'board' || r.entity === 'item')) {
			expect(r.authorId).toBe(coach1);
			expect(r.groupIds).toEqual([ids.groupId]);
		}
		expect(rows.find((r) => r.entity === 'qualification')!.authorId).toBe(ids.userIds.admin);
		// Every record was written by an applied op, and nothing was refused along the way.
		expect(rows.every((r) => !r.deleted)).toBe(true);
		// Fatima's autonomy went from guided to shared: the earlier version is kept in the history.
		const fatima = rows.find((r) => r.id === demoRecordId(ids.schoolId, 'autonomy', 'student6'))!;
		expect(fatima.data).toMatchObject({ level: 'shared', studentId: ids.userIds.student6 });
		const history = await queryRows<{ data: { level: string } }>(t.db, sql`select data from record_history where record_id = ${fatima.id}`);
		expect(history.map((h) => h.data.level)).toEqual(['guided']);
	});

	it('shows student1 their own goals and cycles, the group’s boards and items, and the qualification', async () => {
		const me = ids.userIds.student1!;
		const changes = await visible('student1');
		const goals = of(changes, 'goal');
		expect(goals.length).toBeGreaterThanOrEqual(2);
		expect(goals.every((g) => g.ownerId === me)).toBe(true);
		expect(goals.map((g) => data<{ title: string }>(g).title)).toContain('Ik laat zien dat ik persoonlijke verzorging al beheers');
		const cycles = of(changes, 'cycle');
		expect(cycles.map((c) => data<{ phase: string }>(c).phase).sort()).toEqual(['done', 'performance']);
		const done = cycles.find((c) => data<{ phase: string }>(c).phase === 'done')!;
		expect(data(done)).toMatchObject({ coachRating: 8, reflection: expect.objectContaining({ ratingAfter: 8, nextStep: expect.any(String) }) });

		const boards = of(changes, 'board');
		expect(boards.map((b) => data<{ mode: string }>(b).mode).sort()).toEqual(['free', 'stepPlan']);
		const items = of(changes, 'item');
		expect(items).toHaveLength(18);
		for (const b of boards) {
			const levels = new Set(items.filter((i) => data<{ boardId: string }>(i).boardId === b.id).map((i) => data<{ level: string }>(i).level));
			expect([...levels].sort()).toEqual(['basis', 'deepening', 'enrichment', 'repeat', 'support']);
		}
		const itemData = items.map((i) => data<{ type: string; required: boolean; nextLevelPrep?: boolean; workProcessIds?: string[] }>(i));
		expect(itemData.some((i) => i.type === 'realAssignment')).toBe(true);
		expect(itemData.filter((i) => i.required).length).toBeGreaterThanOrEqual(3);
		expect(itemData.filter((i) => i.nextLevelPrep).length).toBeGreaterThanOrEqual(2);

		// Every work process an item names is in the qualification.
		const [qualification] = of(changes, 'qualification');
		const codes = new Set(
			data<{ coreTasks: { workProcesses: { code: string }[] }[] }>(qualification).coreTasks.flatMap((k) => k.workProcesses.map((w) => w.code))
		);
		expect(itemData.flatMap((i) => i.workProcessIds ?? []).every((c) => codes.has(c))).toBe(true);

		// Coaches' feedback on Daan's records reaches him, with his own reply in the thread.
		const feedback = of(changes, 'feedback');
		const reply = feedback.find((f) => data<{ kind: string }>(f).kind === 'reply')!;
		expect(reply.authorId).toBe(me);
		expect(feedback.map((f) => f.id)).toContain(data<{ parentId: string }>(reply).parentId);
		// His autonomy, written by a coach, is his to read.
		expect(data(of(changes, 'autonomy')[0])).toMatchObject({ level: 'selfDirected', studentId: me });
	});

	it('never shows a student another student’s records', async () => {
		for (const username of ['student1', 'student2', 'student6', 'student20']) {
			const me = ids.userIds[username]!;
			const changes = await visible(username);
			const foreign = changes.filter((c) => c.ownerId && c.ownerId !== me);
			expect(foreign, username).toEqual([]);
			expect(changes.some((c) => c.entity === 'need' || (c.entity === 'checkIn' && c.ownerId !== me))).toBe(false);
		}
		const lotte = await visible('student2');
		expect(lotte.map((c) => c.id)).not.toContain(demoRecordId(ids.schoolId, 'goal', 'student1/g-ervaring'));
	});

	it('shows coach1 every persona’s records, but Fatima’s private evidence only as a tombstone', async () => {
		const changes = await visible('coach1');
		for (let i = 1; i <= 6; i++) {
			const owner = ids.userIds[`student${i}`]!;
			for (const entity of ['intake', 'goal', 'choice', 'cycle']) {
				expect(of(changes, entity).some((c) => c.ownerId === owner), `student${i} ${entity}`).toBe(true);
			}
		}
		const privateId = demoRecordId(ids.schoolId, 'evidence', 'student6/e-prive');
		const hidden = changes.find((c) => c.id === privateId)!;
		expect(hidden).toMatchObject({ deleted: true, data: null });
		const shared = changes.find((c) => c.id === demoRecordId(ids.schoolId, 'evidence', 'student6/e-planning'))!;
		expect(shared.deleted).toBe(false);
		// Fatima herself sees her private evidence.
		const own = (await visible('student6')).find((c) => c.id === privateId)!;
		expect(data(own)).toMatchObject({ visibility: 'private' });
		// Her private note in the intake is for her coach to open on purpose (and logged): it does not
		// travel to the coach's device with the rest of the intake, but she has it on hers.
		const intake = of(changes, 'intake').find((c) => c.ownerId === ids.userIds.student6)!;
		expect(data(intake)).not.toHaveProperty('privateNote');
		const ownIntake = (await visible('student6')).find((c) => c.id === intake.id)!;
		expect(data<{ privateNote: string }>(ownIntake).privateNote).toMatch(/Alleen voor mijn coach/);
		expect(of(changes, 'need')).toHaveLength(2);
		expect(of(changes, 'checkIn').length).toBeGreaterThanOrEqual(6);
	});

	it('tells the personas’ stories: calibration, approvals and a student who stopped logging', async () => {
		const changes = await visible('coach1');
		const cycle = (username: string, key: string) => data(changes.find((c) => c.id === demoRecordId(ids.schoolId, 'cycle', `${username}/${key}`)));
		expect(cycle('student4', 'cy-aankleden')).toMatchObject({ phase: 'done', reflection: expect.objectContaining({ ratingAfter: 9 }), coachRating: 7 });
		expect(cycle('student3', 'cy-handen')).toMatchObject({ phase: 'done', reflection: expect.objectContaining({ ratingAfter: 4 }), coachRating: 6 });
		expect(cycle('student2', 'cy-rapporteren')).toMatchObject({ phase: 'done', coachRating: 8 });

		const samira = of(changes, 'choice').filter((c) => c.ownerId === ids.userIds.student3).map((c) => data<{ status: string; needsApproval?: boolean }>(c));
		expect(samira.filter((c) => c.needsApproval && c.status === 'approved')).toHaveLength(1);
		expect(samira.filter((c) => c.needsApproval && c.status === 'planned')).toHaveLength(1);
		expect(samira.find((c) => c.status === 'approved')).toBeDefined();
		const approved = changes.find((c) => c.id === demoRecordId(ids.schoolId, 'choice', 'student3/c-woorden'))!;
		expect(approved.authorId).toBe(ids.userIds.student3); // the coach changed only the status

		const noah = cycle('student5', 'cy-r2') as { performance: { at: string }[] };
		const last = noah.performance.map((e) => e.at).sort().at(-1)!;
		expect(last.slice(0, 10)).toBe(new Date(Date.now() - 12 * dayMs).toISOString().slice(0, 10));

		const planned = of(changes, 'choice').map((c) => data<{ plannedWeek: string }>(c).plannedWeek);
		expect(planned).toContain(isoWeek(new Date()));
		expect(planned).toContain(isoWeek(new Date(Date.now() + 7 * dayMs)));
	});

	it('tells every story in time order: no record is older than what it refers to, nothing it tells happened before it was made', async () => {
		const now = Date.now();
		const rows = await t.db.select().from(records).where(eq(records.schoolId, ids.schoolId));
		const byId = new Map(rows.map((r) => [r.id, r]));
		const ms = (d: Date | string) => new Date(d).getTime();
		const name = (r: (typeof rows)[number]) => {
			const d = (r.data ?? {}) as Record<string, unknown>;
			return `${r.entity} "${String(d.title ?? d.text ?? d.body ?? d.category ?? r.id).slice(0, 40)}"`;
		};
		/** Every string in the data that passes `test`, wherever it sits (a log entry's moment, a goal in a list). */
		const strings = (v: unknown, test: RegExp): string[] =>
			typeof v === 'string' ? (test.test(v) ? [v] : []) : v && typeof v === 'object' ? Object.values(v).flatMap((x) => strings(x, test)) : [];
		const problems: string[] = [];
		for (const r of rows) {
			const [made, changed] = [ms(r.createdAt), ms(r.updatedAt)];
			if (made > changed) problems.push(`${name(r)} changed before it was made`);
			if (changed > now) problems.push(`${name(r)} changes in the future`);
			// Its goal, pick, item, board, previous cycle, thread and target were all there first.
			for (const id of strings(r.data, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)) {
				const other = byId.get(id);
				if (other && ms(other.createdAt) > made) problems.push(`${name(r)} is older than the ${name(other)} it refers to`);
			}
			// What it tells (intake completed, pick done, work logged) happened while it existed: not before it was made.
			for (const at of strings(r.data, /^\d{4}-\d{2}-\d{2}T/)) {
				if (ms(at) < made) problems.push(`${name(r)} tells of ${at}, before it was made (${r.createdAt.toISOString()})`);
				if (ms(at) > changed) problems.push(`${name(r)} tells of ${at}, after its last change (${r.updatedAt.toISOString()})`);
			}
			if (r.entity === 'checkIn') {
				const date = (r.data as { date: string }).date;
				if (r.createdAt.toISOString().slice(0, 10) !== date) problems.push(`${name(r)} on ${date} was written on ${r.createdAt.toISOString()}`);
			}
		}
		// A coach's approval or mark, or a changed autonomy, replaced a version while the record existed.
		for (const h of await t.db.select().from(recordHistory).where(eq(recordHistory.schoolId, ids.schoolId))) {
			const r = byId.get(h.recordId)!;
			if (ms(h.replacedAt) < ms(r.createdAt) || ms(h.replacedAt) > ms(r.updatedAt)) problems.push(`${name(r)}: a version replaced at ${h.replacedAt.toISOString()}`);
		}
		expect(problems).toEqual([]);
		// The stories are spread over the weeks, not all written at one moment.
		expect(new Set(rows.map((r) => r.createdAt.toISOString().slice(0, 10))).size).toBeGreaterThan(15);
	});

	it('replays as duplicates without changing anything, and completes a seed that stopped halfway', async () => {
		const before = await snapshot();
		const again = await seedDemoLearning(t.db, ids);
		expect(again.ops).toBeGreaterThan(150);
		expect(await snapshot()).toEqual(before);

		// A first start that stopped after the people were created: the next start adds the content.
		await t.db.execute(sql`truncate records, record_history, applied_ops`);
		expect(await demoLearningSeeded(t.db, ids.schoolId)).toBe(false);
		expect(await ensureDemoSchool(t.db)).toBe(false);
		expect(await demoLearningSeeded(t.db, ids.schoolId)).toBe(true);
		expect((await snapshot()).records).toBe(before.records);
	});
});
