import Dexie, { type Table } from 'dexie';
import { entityNames, type EntityName } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';
import type { Op } from '$lib/domain/sync';

/** A record as this device holds it: the server's version, plus this device's edits not yet sent. */
export interface LocalRecord<E extends EntityName = EntityName> {
	id: string;
	/** What the person sees: the server's data with pending edits merged on top. */
	data: EntityData[E];
	/** The last version the server confirmed (null while it never reached the server). */
	server: EntityData[E] | null;
	rev: number;
	ownerId: string | null;
	authorId: string | null;
	createdAt: string;
	/** When the server stored the version this device last received: the receipt. */
	syncedAt: string | null;
	/** Ops of this record that wait in the outbox (0 = everything is on the server). */
	pending: number;
}

export interface OutboxEntry extends Op {
	seq?: number;
	/**
	 * `pending` until sent, `sending` while a request carries it (back to `pending` if that fails),
	 * gone once the server answered; `rejected` stays visible until fixed or discarded.
	 */
	status: 'pending' | 'sending' | 'rejected';
	error?: string;
	code?: string;
	/** How often a request carried this op. Once sent it may be applied already, so it is never changed again. */
	tries?: number;
}

export interface MetaEntry {
	key: 'cursor' | 'lastSyncAt' | 'userId';
	value: string | null;
}

export type EntityTables = { [E in EntityName]: Table<LocalRecord<E>, string> };

/**
 * The device's database, one per signed-in user (`databaseName` in `./sync/protocol`), so two people
 * on one computer never see each other's data. Version history of the schema is kept here.
 */
export class KoersDB extends Dexie {
	outbox!: Table<OutboxEntry, number>;
	meta!: Table<MetaEntry, string>;

	constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
		super(name, options);
		const stores: Record<string, string> = {
			outbox: '++seq, opId, [entity+id], status',
			meta: 'key'
		};
		for (const entity of entityNames) stores[entity] = 'id, ownerId, pending';
		this.version(1).stores(stores);
		// Version 2: records without indexes. Nothing looked records up by owner, and which records keep
		// edits waiting the outbox's `[entity+id]` index answers; each index cost every stored row a
		// sixth more time.
		this.version(2).stores(Object.fromEntries(entityNames.map((entity) => [entity, 'id'])));
	}

	records<E extends EntityName>(entity: E): Table<LocalRecord<E>, string> {
		return this.table(entity) as Table<LocalRecord<E>, string>;
	}

	recordTables(): Table<LocalRecord, string>[] {
		return entityNames.map((e) => this.records(e) as unknown as Table<LocalRecord, string>);
	}
}

