/**
 * Property: several devices of one student and a coach's device, random edits, offline periods,
 * lost answers, duplicated and late (reordered) deliveries and server restarts. Afterwards every
 * device holds exactly the server's state, every op the server acknowledged is there exactly once,
 * nothing is left unsent, and every version that was overwritten is in the history.
 * `KOERS_PROPERTY_RUNS=10000 npx vitest run convergence` for the long run.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { eq, sql } from 'drizzle-orm';
import type { SyncRequest, SyncResponse } from '$lib/domain/sync';
import { openTestDatabase, makeTwoSchools } from '$test/db';
import { appliedOps, recordHistory, records } from '$lib/server/db/schema';
import { sync } from '$lib/server/sync/sync';
import { changesSince } from '$lib/server/sync/changes-since';
import { loadScope } from '$lib/server/sync/scope';
import type { Actor } from '$lib/server/policy';
import { KoersDB } from '../db';
import { deleteRecord, discardRejected, saveRecord } from '../repository';
import { syncOnce } from './engine';

const runs = Number(process.env.KOERS_PROPERTY_RUNS ?? 1000);

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let w: Awaited<ReturnType<typeof makeTwoSchools>>;
const indexedDB = new IDBFactory();
const devices = Array.from({ length: 4 }, (_, i) => new KoersDB(`device-${i}`, { indexedDB, IDBKeyRange }));
beforeAll(async () => {
	t = await openTestDatabase();
	w = await makeTwoSchools(t.db);
});
afterAll(async () => t.close());

type Fault = 'none' | 'offline' | 'lostAnswer' | 'duplicate';
type Action =
	| { kind: 'edit'; device: number; goal: number; field: 'title' | 'why' | 'successCriteria'; value: string }
	| { kind: 'log'; device: number; note: string }
	| { kind: 'delete'; device: number; goal: number }
	| { kind: 'feedback'; body: string }
	| { kind: 'sync'; device: number; fault: Fault }
	| { kind: 'replay'; device: number }
	| { kind: 'restart' };

const STUDENT_DEVICES = 3;
const COACH = STUDENT_DEVICES; // the coach's device index
const word = fc.constantFrom('a', 'b', 'c', 'zorg', 'stage', 'Zoë', '');
const action: fc.Arbitrary<Action> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), device: fc.nat(STUDENT_DEVICES - 1), goal: fc.nat(2), field: fc.constantFrom('title' as const, 'why' as const, 'successCriteria' as const), value: word }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('log' as const), device: fc.nat(STUDENT_DEVICES - 1), note: word }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device: fc.nat(STUDENT_DEVICES - 1), goal: fc.nat(2) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('feedback' as const), body: word }) },
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), device: fc.nat(STUDENT_DEVICES), fault: fc.constantFrom<Fault>('none', 'none', 'offline', 'lostAnswer', 'duplicate') }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), device: fc.nat(STUDENT_DEVICES) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) }
);

describe('sync convergence (property)', () => {
	it(`converges with nothing lost or doubled (${runs} runs)`, async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
				await t.db.execute(sql`truncate records, record_history, applied_ops`);
				const student: Actor = w.a.student;
				const coach: Actor = w.a.coach;
				// Fresh devices: empty stores, no cursor.
				for (const db of devices) await db.transaction('rw', db.tables, () => Promise.all(db.tables.map((table) => table.clear())));
				const actorOf = (d: number) => (d === COACH ? coach : student);
				const goalIds = [randomUUID(), randomUUID(), randomUUID()];
				const cycleId = randomUUID();
				const sent: { device: number; request: SyncRequest }[] = [];
				const loggedEntries = new Set<string>();

				// Every device starts with the cycle the student made on device 0 and synced.
				await saveRecord(devices[0]!, 'goal', goalIds[0]!, { title: 'start' }, { userId: student.id });
				await saveRecord(devices[0]!, 'cycle', cycleId, { goalId: goalIds[0]!, phase: 'performance' }, { userId: student.id });
				const server = (d: number) => (req: SyncRequest): Promise<SyncResponse> => sync(t.db, actorOf(d), req);
				for (let d = 0; d <= COACH; d++) await syncOnce(devices[d]!, server(d));

				for (const a of actions) {
					if (a.kind === 'edit') {
						const db = devices[a.device]!;
						const exists = await db.records('goal').get(goalIds[a.goal]!);
						const patch = exists ? { [a.field]: a.value } : { title: a.value || 'doel', [a.field]: a.value || 'doel' };
						await saveRecord(db, 'goal', goalIds[a.goal]!, patch, { userId: student.id });
					} else if (a.kind === 'log') {
						const db = devices[a.device]!;
						if (!(await db.records('cycle').get(cycleId))) continue;
						const entry = { id: randomUUID(), at: new Date().toISOString(), note: a.note, minutes: 15 };
						loggedEntries.add(entry.id);
						await saveRecord(db, 'cycle', cycleId, { performance: [entry] }, { userId: student.id });
					} else if (a.kind === 'delete') {
						if (a.goal === 0) continue; // the cycle's goal stays
						await deleteRecord(devices[a.device]!, 'goal', goalIds[a.goal]!);
					} else if (a.kind === 'feedback') {
						const db = devices[COACH]!;
						const target = (await db.records('goal').toArray())[0];
						if (!target) continue;
						await saveRecord(db, 'feedback', randomUUID(), { targetEntity: 'goal', targetId: target.id, kind: 'feedback', body: a.body || 'goed zo' }, { userId: coach.id });
					} else if (a.kind === 'sync') {
						const d = a.device;
						const transport = async (req: SyncRequest) => {
							sent.push({ device: d, request: structuredClone(req) });
							if (a.fault === 'offline') throw new Error('offline');
							const res = await server(d)(req);
							if (a.fault === 'lostAnswer') throw new Error('connection dropped');
							if (a.fault === 'duplicate') return server(d)(req);
							return res;
						};
						await syncOnce(devices[d]!, transport, 3).catch(() => {});
					} else if (a.kind === 'replay') {
						const old = sent.filter((s) => s.device === a.device).at(0);
						if (old) await server(a.device)(old.request); // a late copy of an old request; its answer is lost
					} else if (a.kind === 'restart') {
						// A restart loses nothing but connections and in-flight answers: the server keeps no state.
						const old = sent.at(-1);
						if (old) await server(old.device)(old.request).catch(() => {});
					}
				}

				// Back online: every device syncs until quiet (twice round, so each sees the others' writes).
				for (let round = 0; round < 2; round++) for (let d = 0; d <= COACH; d++) await syncOnce(devices[d]!, server(d));

				for (let d = 0; d <= COACH; d++) {
					const db = devices[d]!;
					// Nothing waits: every op was answered (a refusal stays visible with its reason).
					const waiting = await db.outbox.where('status').equals('pending').count();
					expect(waiting).toBe(0);
					for (const rejected of await db.outbox.toArray()) {
						expect(rejected.error).toBeTruthy();
						// The person reads the reason and discards the refused edit.
						await discardRejected(db, rejected.seq!);
					}
					// The device holds exactly the server's records in its scope.
					const expected = await changesSince(t.db, await loadScope(t.db, actorOf(d)), 0, 100_000);
					const serverState = Object.fromEntries(expected.changes.filter((c) => !c.deleted).map((c) => [c.id, c.data]));
					const local: Record<string, unknown> = {};
					for (const table of db.recordTables()) for (const r of await table.toArray()) if (r.pending === 0) local[r.id] = r.data;
					expect(local).toEqual(serverState);
				}

				// Every logged entry the server acknowledged is in the cycle exactly once.
				const [cycle] = await t.db.select().from(records).where(eq(records.id, cycleId));
				const ids = ((cycle?.data?.performance as { id: string }[] | undefined) ?? []).map((e) => e.id);
				expect(new Set(ids).size).toBe(ids.length);
				for (const id of ids) expect(loggedEntries.has(id)).toBe(true);
				const stillWaiting = new Set<string>();
				for (const db of devices) for (const op of await db.outbox.toArray()) for (const e of (op.data?.performance as { id: string }[] | undefined) ?? []) stillWaiting.add(e.id);
				for (const id of loggedEntries) expect(ids.includes(id) || stillWaiting.has(id)).toBe(true);

				// No history lost: each applied op after the first replaced a version that is kept.
				const applied = await t.db.select().from(appliedOps);
				const history = await t.db.select().from(recordHistory);
				const all = await t.db.select().from(records);
				for (const rec of all) {
					const n = applied.filter((o) => o.recordId === rec.id).length;
					const followers = all.filter((r) => r.parentId === rec.id).length; // items follow boards (none here)
					expect(history.filter((h) => h.recordId === rec.id).length + followers).toBe(n - 1);
				}
			}),
			{ numRuns: runs }
		);
	}, 600_000);
});
