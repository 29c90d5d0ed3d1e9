import { liveQuery } from 'dexie';
import type { EntityName } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';
import type { LocalRecord } from './db';
import { deleteRecord, discardRejected, saveRecord, type PatchFrom } from './repository';
import { syncManager } from './sync/manager.svelte';

/** What components use to read and write records: the repository plus a sync request. */
export async function save<E extends EntityName>(entity: E, id: string, patch: Partial<EntityData[E]> | PatchFrom<E>): Promise<LocalRecord<E>> {
	const db = syncManager.db;
	if (!db || !syncManager.userId) throw new Error('Koers is not ready on this device yet');
	// Components hand over Svelte state (proxies), which IndexedDB cannot store: keep a plain copy.
	const plain = (p: Partial<EntityData[E]>) => JSON.parse(JSON.stringify(p)) as Partial<EntityData[E]>;
	const change = typeof patch === 'function' ? (current: EntityData[E] | undefined) => plain(patch(current)) : plain(patch);
	const saved = await saveRecord(db, entity, id, change, { userId: syncManager.userId });
	syncManager.request();
	return saved;
}

export async function remove(entity: EntityName, id: string): Promise<void> {
	const db = syncManager.db;
	if (!db) return;
	await deleteRecord(db, entity, id);
	syncManager.request();
}

export async function discard(seq: number): Promise<void> {
	if (syncManager.db) await discardRejected(syncManager.db, seq);
}

/** A live list of records of one entity (a Svelte store: use `$list`). */
export function liveRecords<E extends EntityName>(
	entity: E,
	filter: (r: LocalRecord<E>) => boolean = () => true,
	order: 'newest' | 'oldest' = 'newest'
) {
	return liveQuery(async () => {
		const db = syncManager.db;
		if (!db) return [] as LocalRecord<E>[];
		const rows = (await db.records(entity).toArray()).filter(filter);
		const sign = order === 'newest' ? -1 : 1;
		return rows.sort((a, b) => sign * a.createdAt.localeCompare(b.createdAt));
	});
}

/** One record, live (`undefined` while loading, `null` when it is not on this device). */
export function liveRecord<E extends EntityName>(entity: E, id: string) {
	return liveQuery(async () => {
		const db = syncManager.db;
		if (!db) return null;
		return (await db.records(entity).get(id)) ?? null;
	});
}
