import type { Readable } from 'svelte/store';
import type { EntityName } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';
import type { LocalRecord } from './db';
import type { Answer, Contacts, Query } from './sync/protocol';
import { syncManager } from './sync/manager.svelte';
import { byCodeUnits } from '$lib/domain/order';

/**
 * What components use to read and write records: the device store (in its worker, see
 * `./sync/client`) plus a sync request. The store opens after the page has painted; reads show
 * `undefined` until then and writes wait.
 */
export async function save<E extends EntityName>(
	entity: E,
	id: string,
	patch: Partial<EntityData[E]>,
	{ nested = false }: { nested?: boolean } = {}
): Promise<LocalRecord<E>> {
	const store = await syncManager.whenReady();
	if (!store || !syncManager.userId) throw new Error('Koers is not ready on this device yet');
	// Components hand over Svelte state (proxies), which cannot be posted or stored: a plain copy goes.
	const plain = JSON.parse(JSON.stringify(patch)) as Partial<EntityData[E]>;
	const saved = await store.save(entity, id, plain, syncManager.userId, nested);
	syncManager.request();
	return saved;
}

export async function remove(entity: EntityName, id: string): Promise<void> {
	const store = await syncManager.whenReady();
	if (!store) return;
	await store.remove(entity, id);
	syncManager.request();
}

export async function discard(seq: number): Promise<void> {
	const store = await syncManager.whenReady();
	if (store) await store.discard(seq);
}

/**
 * A live query on the device store as a Svelte store: `undefined` until the store is open and the
 * first answer is in, then every change; `whenMissing` when sync was never started on this page.
 */
function live<Q extends Query, T>(query: Q, shape: (answer: Answer<Q>) => T, whenMissing: T): Readable<T | undefined> {
	return {
		subscribe(run) {
			let closed = false;
			let stop: (() => void) | undefined;
			run(undefined);
			void syncManager.whenReady().then((store) => {
				if (closed) return;
				if (!store) return run(whenMissing);
				stop = store.watch(query, (answer) => run(shape(answer)));
			});
			return () => {
				closed = true;
				stop?.();
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
	return live({ list: entity }, (rows) => (rows as LocalRecord<E>[]).filter(filter).sort((a, b) => sign * byCodeUnits(a.createdAt, b.createdAt)), [] as LocalRecord<E>[]);
}

/** Who talked with whom (coaches' feedback, check-ins), live: what a coach's week plan reads (see `Contacts`). */
export function liveContacts(since: string): Readable<Contacts | undefined> {
	return live({ contacts: { since } }, (answer) => answer, { feedback: [], checkIns: [] });
}

/** One record, live (`undefined` while loading, `null` when it is not on this device). */
export function liveRecord<E extends EntityName>(entity: E, id: string): Readable<LocalRecord<E> | null | undefined> {
	return live({ one: entity, id }, (record) => record as LocalRecord<E> | null, null);
}
