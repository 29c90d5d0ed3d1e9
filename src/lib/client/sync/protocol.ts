import type { EntityName } from '$lib/domain/constants';
import type { LocalRecord, OutboxEntry } from '../db';
import type { DeviceContacts } from '$lib/domain/week-plan';

/**
 * How the page talks to the device store, which lives in a worker (`./service`, started from
 * `./store-worker`): the page itself loads no Dexie and no sync engine, and no IndexedDB row is
 * copied on its thread. This module is all the page needs of it, so it imports nothing heavy.
 */

/** An HTTP error from the sync endpoint (401: signed out elsewhere). */
export class SyncHttpError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

/** The device's database of one signed-in user, so two people on one computer never see each other's data. */
export function databaseName(userId: string): string {
	return `koers-${userId}`;
}

/** What the page can watch in the device store; each answers anew whenever what it reads changes. */
export type Query = { list: EntityName } | { one: EntityName; id: string } | { outbox: true } | { meta: 'lastSyncAt' } | { contacts: { since: string } };

/**
 * Who talked with whom, for a coach's week plan (`DeviceContacts`). A coach's device holds thousands of
 * feedback records; the page needs none of their text, and copying them all to its thread at every
 * change of the sync was most of a coach's blocking time.
 */
export type Contacts = DeviceContacts;

/** What a query answers. */
export type Answer<Q extends Query> = Q extends { list: infer E extends EntityName }
	? LocalRecord<E>[]
	: Q extends { one: infer E extends EntityName }
		? LocalRecord<E> | null
		: Q extends { outbox: true }
			? OutboxSummary
			: Q extends { contacts: { since: string } }
				? Contacts
				: string | null;

/** The outbox as the page shows it: how many changes wait, and the ones the server refused. */
export interface OutboxSummary {
	pending: number;
	rejected: OutboxEntry[];
}

export interface SaveRequest {
	entity: EntityName;
	id: string;
	patch: Record<string, unknown>;
	userId: string;
	/** Each field of the patch is an object merged into the stored one (a cycle's forethought). */
	nested?: boolean;
}

/** Page → store. `watch` answers with its own `id` again at every change, until `unwatch`. */
export type StoreRequest = { id: number } & (
	| { open: string }
	| { sync: string }
	| { drop: string }
	| { db: string; save: SaveRequest }
	| { db: string; remove: { entity: EntityName; id: string } }
	| { db: string; discard: number }
	| { db: string; unsent: true }
	| { db: string; watch: Query }
	| { unwatch: number }
);

/** Store → page: a value, or why it failed (`status` for an HTTP error, null otherwise). */
export type StoreAnswer = { id: number; value: unknown } | { id: number; error: { status: number | null; message: string } };

/** A failure as an answer carries it (the store's side of `errorOf`). */
export function errorAnswer(id: number, e: unknown): StoreAnswer {
	return { id, error: { status: e instanceof SyncHttpError ? e.status : null, message: e instanceof Error ? e.message : String(e) } };
}

/** The error an answer carries, as the page can tell it apart (an HTTP error, or anything else). */
export function errorOf(answer: { error: { status: number | null; message: string } }): Error {
	return answer.error.status === null ? new Error(answer.error.message) : new SyncHttpError(answer.error.status, answer.error.message);
}
