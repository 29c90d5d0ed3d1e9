/**
 * Runs in Chromium (bundled by bench/browser.ts): applies pulled changes to the device database with
 * the app's own `applyChanges`, in answers of 1,000 as the sync loop receives them, and beside it a
 * raw Dexie `bulkPut` of the same rows. Both run in a dedicated worker, where the app syncs (the page
 * loads this file, and starts it again as a module worker).
 */
import Dexie from 'dexie';
import { KoersDB, type LocalRecord } from '$lib/client/db';
import { applyChanges, inDedicatedWorker } from '$lib/client/sync/apply-changes';
import type { Change } from '$lib/domain/sync';
import type { EntityName } from '$lib/domain/constants';

function uuid(i: number, salt: number): string {
	const h = (i * 2654435761 + salt * 40503).toString(16).padStart(12, '0').slice(-12);
	return `0000${salt.toString(16).padStart(4, '0')}-0000-4000-8000-${h}`;
}

const text = 'Vandaag heb ik de vochtlijst van mevrouw Jansen bijgehouden en overgedragen aan de avonddienst. ';

function makeChanges(n: number, salt: number): Change[] {
	const owner = uuid(0, 9999);
	const entities: EntityName[] = ['goal', 'question', 'choice', 'choice', 'cycle', 'cycle', 'evidence', 'feedback', 'feedback', 'feedback'];
	return Array.from({ length: n }, (_, i) => {
		const entity = entities[i % entities.length]!;
		const data: Record<string, unknown> =
			entity === 'goal'
				? { title: `Doel ${i}`, why: text, status: 'active' }
				: entity === 'question'
					? { goalId: uuid(i - 1, salt), text: text }
					: entity === 'choice'
						? { itemId: uuid(i, 7), plannedWeek: '2026-W48', status: 'planned' }
						: entity === 'cycle'
							? { choiceId: uuid(i - 1, salt), phase: 'performance', forethought: { aim: text, ratingNow: 5, ratingTarget: 8, strategy: text }, performance: [{ id: uuid(i, 3), at: '2026-11-20T10:00:00.000Z', minutes: 45, note: text }] }
							: entity === 'evidence'
								? { title: `Bewijs ${i}`, body: text.repeat(4), visibility: 'coach' }
								: { targetEntity: 'goal', targetId: uuid(i, salt + 1), kind: 'feedback', body: text };
		return { entity, id: uuid(i, salt), rev: i + 1, deleted: false, data, ownerId: owner, authorId: owner, createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z' };
	});
}

async function fresh(name: string): Promise<KoersDB> {
	await Dexie.delete(name);
	const db = new KoersDB(name);
	await db.open();
	return db;
}

/** Milliseconds to apply `n` changes with the app's code, and with a raw bulkPut; both in answers of 1,000. */
async function run(n: number, salt: number) {
	const changes = makeChanges(n, salt);
	const pages: Change[][] = [];
	for (let i = 0; i < changes.length; i += 1000) pages.push(changes.slice(i, i + 1000));

	const app = await fresh(`bench-app-${salt}`);
	let t = performance.now();
	for (const [i, page] of pages.entries()) await applyChanges(app, page, i === 0);
	const appMs = performance.now() - t;
	const count = (await Promise.all(app.recordTables().map((tb) => tb.count()))).reduce((a, b) => a + b, 0);
	await app.delete();

	const raw = await fresh(`bench-raw-${salt}`);
	t = performance.now();
	for (const page of pages) {
		const byEntity = new Map<EntityName, LocalRecord[]>();
		for (const c of page) {
			const row = { id: c.id, data: c.data, server: c.data, rev: c.rev, ownerId: c.ownerId ?? null, authorId: c.authorId ?? null, createdAt: c.createdAt ?? c.updatedAt, syncedAt: c.updatedAt, pending: 0 } as unknown as LocalRecord;
			const list = byEntity.get(c.entity) ?? [];
			list.push(row);
			byEntity.set(c.entity, list);
		}
		await raw.transaction('rw', raw.recordTables(), async () => {
			for (const [entity, rows] of byEntity) await raw.records(entity).bulkPut(rows as never);
		});
	}
	const rawMs = performance.now() - t;
	await raw.delete();
	return { n, appMs, rawMs, stored: count };
}

type Figures = { n: number; appMs: number; rawMs: number; stored: number; runs: { appMs: number; rawMs: number }[] }[];

declare global {
	interface Window {
		benchDexie: (sizes: number[]) => Promise<Figures>;
	}
}

async function bench(sizes: number[]): Promise<Figures> {
	// One warm-up round so that the first measurement does not pay for opening IndexedDB.
	await run(200, 1);
	// Each size several times (a single 1,000 run here varies by ±30 %), the median of each side reported.
	const out: Figures = [];
	for (const [i, n] of sizes.entries()) {
		const runs = [];
		for (let r = 0; r < (n <= 1000 ? 7 : 3); r++) runs.push(await run(n, 100 + i * 10 + r));
		const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
		out.push({
			n,
			appMs: median(runs.map((r) => r.appMs)),
			rawMs: median(runs.map((r) => r.rawMs)),
			stored: Math.min(...runs.map((r) => r.stored)),
			runs: runs.map(({ appMs, rawMs }) => ({ appMs, rawMs }))
		});
	}
	return out;
}

if (inDedicatedWorker()) {
	addEventListener('message', async (e: MessageEvent<number[]>) => postMessage(await bench(e.data)));
} else {
	window.benchDexie = (sizes) =>
		new Promise((resolve, reject) => {
			const worker = new Worker(import.meta.url, { type: 'module' });
			worker.onmessage = (e: MessageEvent<Figures>) => resolve(e.data);
			worker.onerror = (e) => reject(new Error(e.message));
			worker.postMessage(sizes);
		});
}
