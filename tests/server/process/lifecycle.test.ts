import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { put } from '$test/ops';
import { addToGroup, makeGroup, makeSchool, makeUser, testPassword } from '$test/db';
import { freshDatabase, HttpClient, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import type { Op } from '$lib/domain/sync';

/**
 * The server as its own process: it stops gracefully on SIGTERM, and a SIGKILL in the middle of
 * sync batches loses nothing it acknowledged and leaves no batch half-applied. Runs on PGlite in
 * `npm test` and on PostgreSQL in `npm run test:pg`.
 */

const crashRuns = Number(process.env.KOERS_CRASH_RUNS ?? 3);
export const crashFigures = { runs: 0, acknowledgedOps: 0, lost: 0, duplicated: 0, halfApplied: 0 };

let database: FreshDatabase;
let studentName = '';

beforeAll(async () => {
	database = await freshDatabase();
	studentName = `crash-${randomUUID().slice(0, 8)}`;
	await withDatabase(database.config, async (db) => {
		const school = await makeSchool(db);
		const group = await makeGroup(db, school.id);
		const student = await makeUser(db, school.id, 'student', studentName);
		await addToGroup(db, group, student);
	});
}, 120_000);

afterAll(async () => {
	await database?.dispose();
});

interface Counts {
	records: Map<string, number>;
	applied: Map<string, number>;
}

/** Reads, with the server stopped (PGlite has one process), how often each record and op is stored. */
async function storedCounts(): Promise<Counts> {
	return withDatabase(database.config, async (db) => {
		const records = await db.execute<{ id: string; n: number }>(sql`select id::text as id, count(*)::int as n from records group by id`);
		const applied = await db.execute<{ id: string; n: number }>(sql`select op_id::text as id, count(*)::int as n from applied_ops group by op_id`);
		const toMap = (rows: { id: string; n: number }[]) => new Map(rows.map((r) => [r.id, r.n]));
		return { records: toMap(rowsOf(records)), applied: toMap(rowsOf(applied)) };
	});
}

function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function batchOf(size: number): Op[] {
	return Array.from({ length: size }, (_, i) => put('goal', { title: `Doel ${i} ${randomUUID().slice(0, 6)}`, why: 'x'.repeat(200) }));
}

describe('graceful shutdown', () => {
	it('finishes a request that is in flight on SIGTERM, then exits cleanly and the data opens again', async () => {
		const server = await startServer({ database });
		const client = new HttpClient(server.url);
		await client.signIn(studentName, testPassword);
		const op = put('goal', { title: 'Bezig tijdens het afsluiten' });
		const body = JSON.stringify({ cursor: null, ops: [op] });
		const half = Math.floor(body.length / 2);

		// The request's body arrives in two halves; the server is told to stop in between.
		let sendRest!: () => void;
		const stream = new ReadableStream<Uint8Array>({
			async start(controller) {
				controller.enqueue(new TextEncoder().encode(body.slice(0, half)));
				await new Promise<void>((resolve) => (sendRest = resolve));
				controller.enqueue(new TextEncoder().encode(body.slice(half)));
				controller.close();
			}
		});
		const pending = fetch(server.url + '/api/sync', {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: client.cookie, origin: server.url },
			body: stream,
			duplex: 'half'
		} as RequestInit);
		await new Promise((r) => setTimeout(r, 300));
		const exit = server.stop('SIGTERM', 20_000);
		await new Promise((r) => setTimeout(r, 300));
		// Stopping: new connections are no longer taken.
		await expect(fetch(server.url + '/api/health')).rejects.toThrow();
		sendRest();

		const response = await pending;
		expect(response.status).toBe(200);
		const answer = (await response.json()) as { results: { opId: string; status: string }[] };
		expect(answer.results).toEqual([expect.objectContaining({ opId: op.opId, status: 'applied' })]);
		expect(await exit).toEqual({ code: 0, signal: null });

		const counts = await storedCounts();
		expect(counts.records.get(op.id)).toBe(1);
	}, 90_000);
});

describe('crash safety', () => {
	it(`loses no acknowledged op and half-applies no batch when the server is killed mid-sync (${crashRuns} runs)`, async () => {
		const everyBatch: Op[][] = [];
		const acknowledged = new Set<string>();
		for (let run = 0; run < crashRuns; run++) {
			let server: ServerProcess = await startServer({ database });
			const client = new HttpClient(server.url);
			await client.signIn(studentName, testPassword);
			const batches = Array.from({ length: 12 }, () => batchOf(100));
			everyBatch.push(...batches);

			// Two pushes in flight at a time, like two tabs; the kill lands after a few acknowledgements.
			const killAfter = 2 + run;
			let acks = 0;
			let killed = false;
			const push = async (ops: Op[]) => {
				try {
					const res = await client.json('/api/sync', { cursor: null, ops });
					if (res.status !== 200) return;
					const answer = (await res.json()) as { results: { opId: string; status: string }[] };
					for (const r of answer.results) if (r.status === 'applied' || r.status === 'duplicate') acknowledged.add(r.opId);
					if (++acks === killAfter && !killed) {
						killed = true;
						server.child.kill('SIGKILL');
					}
				} catch {
					// The connection died with the process: not acknowledged, the device keeps the ops.
				}
			};
			const queue = [...batches];
			await Promise.all(
				[0, 1].map(async () => {
					while (queue.length && !killed) await push(queue.shift()!);
				})
			);
			if (!killed) server.child.kill('SIGKILL');
			expect((await server.stop()).signal).toBe('SIGKILL');
			crashFigures.runs++;

			// The data folder opens again after the kill, and nothing is half there.
			const counts = await storedCounts();
			for (const batch of everyBatch) {
				const present = batch.filter((op) => counts.applied.get(op.opId) === 1 && counts.records.get(op.id) === 1).length;
				if (present !== 0 && present !== batch.length) crashFigures.halfApplied++;
				expect([0, batch.length]).toContain(present);
			}
			for (const opId of acknowledged) expect(counts.applied.get(opId)).toBe(1);

			// The device sends everything again after the restart: what was applied answers "duplicate".
			server = await startServer({ database });
			const again = new HttpClient(server.url);
			await again.signIn(studentName, testPassword);
			for (const batch of everyBatch) {
				const res = await again.json('/api/sync', { cursor: null, ops: batch });
				expect(res.status).toBe(200);
				const answer = (await res.json()) as { results: { opId: string; status: string }[] };
				for (const r of answer.results) {
					expect(['applied', 'duplicate']).toContain(r.status);
					if (acknowledged.has(r.opId)) expect(r.status).toBe('duplicate');
				}
			}
			expect((await server.stop('SIGTERM')).code).toBe(0);
		}

		const counts = await storedCounts();
		for (const batch of everyBatch) {
			for (const op of batch) {
				if ((counts.records.get(op.id) ?? 0) !== 1) crashFigures.lost++;
				if ((counts.applied.get(op.opId) ?? 0) > 1) crashFigures.duplicated++;
			}
		}
		crashFigures.acknowledgedOps = acknowledged.size;
		console.log(`crash safety: ${crashFigures.runs} SIGKILL runs, ${acknowledged.size} acknowledged ops before kills, ${crashFigures.lost} lost, ${crashFigures.duplicated} duplicated, ${crashFigures.halfApplied} half-applied batches`);
		expect(crashFigures.lost).toBe(0);
		expect(crashFigures.duplicated).toBe(0);
		expect(acknowledged.size).toBeGreaterThan(0);
	}, 600_000);
});
