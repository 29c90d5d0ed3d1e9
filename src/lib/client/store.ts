import type { Readable } from 'svelte/store';
import type { EntityName } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';
import type { KoersDB, LocalRecord } from './db';
import { deleteRecord, discardRejected, saveRecord, type PatchFrom } from './repository';
import { syncManager } from './sync/manager.svelte';
import { byCodeUnits } from '$lib/domain/order';

/**
 * What components use to read and write records: the repository plus a sync request. The device
 * store (Dexie) loads after the page has painted; reads show `undefined` until then and writes wait.
 */
export async function save<E extends EntityName>(entity: E, id: string, patch: Partial<EntityData[E]> | PatchFrom<E>): Promise<LocalRecord<E>> {
	const db = await syncManager.whenReady();
	if (!db || !syncManager.userId) throw new Error('Koers is not ready on this device yet');
	// Components hand over Svelte state (proxies), which IndexedDB cannot store: keep a plain copy.
	const plain = (p: Partial<EntityData[E]>) => JSON.parse(JSON.stringify(p)) as Partial<EntityData[E]>;
	const change = typeof patch === 'function' ? (current: EntityData[E] | undefined) => plain(patch(current)) : plain(patch);
	const saved = await saveRecord(db, entity, id, change, { userId: syncManager.userId });
	syncManager.request();
	return saved;
}

export async function remove(entity: EntityName, id: string): Promise<void> {
	const db = await syncManager.whenReady();
	if (!db) return;
	await deleteRecord(db, entity, id);
	syncManager.request();
}

export async function discard(seq: number): Promise<void> {
	const db = await syncManager.whenReady();
	if (db) await discardRejected(db, seq);
}

/**
 * A live query on the device store as a Svelte store: `undefined` until the store is open and the
 * first answer is in, then every change; `whenMissing` when sync was never started on this page.
 */
function live<T>(query: (db: KoersDB) => Promise<T>, whenMissing: T): Readable<T | undefined> {
	return {
		subscribe(run) {
			let closed = false;
			let sub: { unsubscribe(): void } | undefined;
			run(undefined);
			void syncManager.whenReady().then(async (db) => {
				if (closed) return;
				if (!db) return run(whenMissing);
				const { liveQuery } = await syncManager.runtime();
				if (!closed) sub = liveQuery(() => query(db)).subscribe((value) => run(value));
			});
			return () => {
				closed = true;
				sub?.unsubscribe();
			};
		}
	};
}

/** A live list of records of one entity (a Svelte store: use `$list`). */
export function liveRecords<E extends EntityName>(
	entity: E,
	filter: (r: LocalRecord<E>) => boolean = () => true,
	order: 'newest' | 'oldest' = 'newest'
): Readable<LocalRecord<E>[] | undefined> {
	const sign = order === 'newest' ? -1 : 1;
	return live(async (db) => {
		const rows = (await db.records(entity).toArray()).filter(filter);
		return rows.sort((a, b) => sign * byCodeUnits(a.createdAt, b.createdAt));
	}, [] as LocalRecord<E>[]);
}

/** One record, live (`undefined` while loading, `null` when it is not on this device). */
export function liveRecord<E extends EntityName>(entity: E, id: string): Readable<LocalRecord<E> | null | undefined> {
	return live(async (db) => (await db.records(entity).get(id)) ?? null, null);
}
