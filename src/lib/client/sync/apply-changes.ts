import { appendOnlyFields } from '$lib/domain/limits';
import { entityNames, type EntityName } from '$lib/domain/constants';
import { mergeFields } from '$lib/domain/merge';
import type { Change } from '$lib/domain/sync';
import type { KoersDB, LocalRecord, OutboxEntry } from '../db';

/**
 * Stores what the server sent. A record with edits still waiting keeps them on top of the server's
 * version (the server merges them the same way when they arrive); a tombstone removes the record.
 * With `reset`, records the server no longer lists disappear, except those with waiting edits.
 *
 * One answer holds up to 1,000 changes, so the work is done in bulk: the waiting edits of every
 * changed record in one outbox query, the stored versions (only where they matter) in one `bulkGet`
 * per entity, and the results in one `bulkPut` / `bulkDelete` per entity: measured 4× faster than a
 * record at a time (`npm run bench`).
 *
 * Normally this runs in the store worker (`./service`). Where it runs on the page (a browser without
 * module workers), a first sync pulls thousands of changes (a coach: the whole group) while the page
 * is open, so no step may block the page for long: rows are stored in groups of `putGroup` (see there), and more
 * changes than `slice` are applied in several transactions with a pause in between. Each slice reads
 * the outbox inside its own transaction, so an edit made between two slices is merged like any other;
 * the cursor moves only after the whole answer is stored, so a tab closed half-way pulls it again.
 */
export async function applyChanges(db: KoersDB, changes: Change[], reset: boolean, slice = applySlice): Promise<void> {
	if (changes.length <= slice) return applySlice_(db, changes, reset);
	for (let i = 0; i < changes.length; i += slice) {
		if (i > 0 && !inDedicatedWorker()) await yieldToMain();
		await applySlice_(db, changes.slice(i, i + slice), reset && i === 0);
	}
}

/** Changes per transaction (one answer of the server fits in one). */
export const applySlice = 1000;

/**
 * Rows handed to IndexedDB at once. Copying a row costs ~10 µs (a short goal, a laptop) to ~100 µs (a
 * cycle with its log, a slow machine), so 100 rows stay well under a 50 ms task even on a cheap phone,
 * and 1,000 changes take about ten round trips. (Tried: sizing each group by how long the previous one
 * took — the wait for the disk dominates that time, the groups shrank to nothing and the round trips
 * tripled.)
 */
const putGroup = 100;

/** True in a dedicated worker (the sync worker; not a page, not the service worker). */
export function inDedicatedWorker(): boolean {
	return typeof (globalThis as { DedicatedWorkerGlobalScope?: unknown }).DedicatedWorkerGlobalScope === 'function' && typeof document === 'undefined';
}

/** Lets the browser paint and handle input before the next step (`scheduler.yield` where it exists). */
export function yieldToMain(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
	if (typeof scheduler?.yield === 'function') return scheduler.yield();
	return new Promise((resolve) => setTimeout(resolve, 0));
}

async function applySlice_(db: KoersDB, changes: Change[], reset: boolean): Promise<void> {
	const tables = db.recordTables();
	await db.transaction('rw', [...tables, db.outbox], async () => {
		const key = (entity: string, id: string) => `${entity}\u0000${id}`;
		if (reset) {
			// Records with edits waiting stay: the outbox's index says which (records carry no index of
			// their own: each one slowed storing pulled changes by a sixth, `npm run bench`).
			const waitingKeys = (await db.outbox.orderBy('[entity+id]').uniqueKeys()) as unknown as [string, string][];
			const kept = new Set(waitingKeys.map(([entity, id]) => key(entity, id)));
			// All requests at once: IndexedDB runs them in order, without a round trip to this page between them.
			await Promise.all(
				entityNames.map(async (entity) => {
					const table = db.records(entity);
					const ids = (await table.toCollection().primaryKeys()).filter((id) => !kept.has(key(entity, id)));
					if (ids.length) await table.bulkDelete(ids);
				})
			);
		}
		if (!changes.length) return;

		const waitingOf = new Map<string, OutboxEntry[]>();
		const keys = new Map(changes.map((c) => [key(c.entity, c.id), [c.entity, c.id] as [string, string]]));
		// Usually the outbox is empty or short: then reading it whole beats an index lookup per change.
		const outboxSize = await db.outbox.count();
		const waiting =
			outboxSize === 0
				? []
				: outboxSize <= 500
					? (await db.outbox.toArray()).filter((op) => keys.has(key(op.entity, op.id)))
					: await db.outbox.where('[entity+id]').anyOf([...keys.values()]).toArray();
		for (const op of waiting) add(waitingOf, key(op.entity, op.id), op);
		for (const list of waitingOf.values()) list.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));

		// What each record is now (undefined: not stored), kept current while the changes apply in order.
		// The stored version matters only for a record with waiting edits or a change without `createdAt`
		// (the server always sends it), so usually nothing needs reading.
		const needed = new Map<EntityName, string[]>();
		for (const change of changes) {
			if (!change.createdAt || waitingOf.has(key(change.entity, change.id))) add(needed, change.entity, change.id);
		}
		const current = new Map<string, LocalRecord | undefined>();
		await Promise.all(
			[...needed].map(async ([entity, list]) => {
				const ids = [...new Set(list)];
				const stored = await db.records(entity).bulkGet(ids);
				ids.forEach((id, i) => current.set(key(entity, id), stored[i] as LocalRecord | undefined));
			})
		);
		const touched = new Map<string, { entity: EntityName; id: string }>();

		for (const change of changes) {
			const k = key(change.entity, change.id);
			const waiting = waitingOf.get(k) ?? [];
			const now = current.get(k);
			if (change.deleted) {
				if (!waiting.length) current.set(k, undefined);
				else if (now) current.set(k, { ...now, server: null, rev: change.rev });
				touched.set(k, { entity: change.entity, id: change.id });
				continue;
			}
			if (waiting.some((o) => o.action === 'delete')) continue;
			let data = change.data ?? {};
			for (const op of waiting) if (op.action === 'put') data = mergeFields(data, op.data ?? {}, appendOnlyFields[change.entity]);
			current.set(k, {
				id: change.id,
				data: data as never,
				server: change.data as never,
				rev: change.rev,
				ownerId: change.ownerId ?? null,
				authorId: change.authorId ?? null,
				createdAt: change.createdAt ?? now?.createdAt ?? change.updatedAt,
				syncedAt: waiting.length ? (now?.syncedAt ?? null) : change.updatedAt,
				pending: waiting.length
			});
			touched.set(k, { entity: change.entity, id: change.id });
		}

		const puts = new Map<EntityName, LocalRecord[]>();
		const deletes = new Map<EntityName, string[]>();
		for (const [k, { entity, id }] of touched) {
			const next = current.get(k);
			if (next) add(puts, entity, next);
			else add(deletes, entity, id);
		}
		await Promise.all([...deletes].map(([entity, ids]) => db.records(entity).bulkDelete(ids)));
		// IndexedDB copies each row on this thread when it is handed over, and Dexie hands a group over
		// in the microtasks after the call, in the same task: so each group is awaited before the next
		// one goes, which gives the thread back to the page in between (the success event is a task of
		// its own). Handing over all groups first and awaiting them together made one long task of it.
		// In the sync worker no page waits on this thread: all rows go at once, which saves the round trips.
		const group = inDedicatedWorker() ? Infinity : putGroup;
		for (const [entity, rows] of puts) {
			for (let i = 0; i < rows.length; i += group) await db.records(entity).bulkPut(rows.slice(i, i + group) as never);
		}
	});
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}
