import type { SyncRequest, SyncResponse } from '$lib/domain/sync';
import { syncLimits } from '$lib/domain/limits';
import type { KoersDB } from '../db';
import type { EntityName } from '$lib/domain/constants';
import { recount } from '../repository';
import { applyChanges } from './apply-changes';
import { SyncHttpError } from './protocol';

/** Sends one request to the server; throws `SyncHttpError` for an HTTP error, anything else when offline. */
export type Transport = (request: SyncRequest) => Promise<SyncResponse>;

export { SyncHttpError };

export interface SyncOutcome {
	sent: number;
	received: number;
	rejected: number;
}

/**
 * One full sync: push the outbox in parts of at most `maxOps`, pull until the server has nothing
 * more. Ops leave the outbox only when the server answered them (applied or duplicate), so a
 * lost answer means the op is sent again, and the server answers `duplicate`.
 */
export async function syncOnce(db: KoersDB, transport: Transport, maxRounds = 50): Promise<SyncOutcome> {
	const outcome: SyncOutcome = { sent: 0, received: 0, rejected: 0 };
	// Only one sync runs per user (a lock): anything still marked `sending` was left by a closed tab.
	await releaseSending(db);
	for (let round = 0; round < maxRounds; round++) {
		const cursor = (await db.meta.get('cursor'))?.value ?? null;
		// Mark what this request carries, so edits made meanwhile start a new op instead of joining it.
		const batch = await db.transaction('rw', db.outbox, async () => {
			const next = fitRequest(await db.outbox.where('status').equals('pending').sortBy('seq'));
			await db.outbox.bulkUpdate(next.map((o) => ({ key: o.seq!, changes: { status: 'sending' as const, tries: (o.tries ?? 0) + 1 } })));
			return next;
		});
		const ops = batch.map(({ seq: _s, status: _st, error: _e, code: _c, tries: _t, ...op }) => op);
		let response: SyncResponse;
		try {
			response = await transport({ cursor, ops });
		} catch (e) {
			await releaseSending(db);
			throw e;
		}

		const bySeq = new Map(batch.map((o) => [o.opId, o]));
		const touched = new Set<string>();
		await db.transaction('rw', db.outbox, async () => {
			for (const result of response.results) {
				const op = bySeq.get(result.opId);
				if (!op?.seq) continue;
				touched.add(`${op.entity}:${op.id}`);
				if (result.status === 'rejected') {
					outcome.rejected++;
					await db.outbox.update(op.seq, { status: 'rejected', error: result.error, code: result.code });
				} else {
					await db.outbox.delete(op.seq);
				}
			}
		});
		await releaseSending(db);
		outcome.sent += batch.length;
		await applyChanges(db, response.changes, !!response.reset);
		outcome.received += response.changes.length;
		// Answered ops whose record comes back on a later page: keep what is shown, count what still waits.
		const sentBack = new Set(response.changes.map((c) => `${c.entity}:${c.id}`));
		for (const key of touched) {
			if (sentBack.has(key)) continue;
			const [entity, id] = key.split(':') as [EntityName, string];
			await recount(db, entity, id);
		}
		await db.meta.bulkPut([
			{ key: 'cursor', value: response.cursor },
			{ key: 'lastSyncAt', value: new Date().toISOString() }
		]);
		const left = await db.outbox.where('status').equals('pending').count();
		if (!response.more && left === 0) break;
		if (!response.more && batch.length === 0) break;
	}
	return outcome;
}

/**
 * As many ops (in order) as fit in one request: at most `maxOps`, and under the byte limit with room
 * to spare; always at least one, so a single large op is still tried (and refused with a reason).
 */
export function fitRequest<T extends object>(ops: T[]): T[] {
	const budget = syncLimits.maxBytes - 8 * 1024;
	const out: T[] = [];
	let bytes = 100;
	for (const op of ops) {
		if (out.length >= syncLimits.maxOps) break;
		const size = new TextEncoder().encode(JSON.stringify(op)).length + 1;
		if (out.length > 0 && bytes + size > budget) break;
		out.push(op);
		bytes += size;
	}
	return out;
}

/** Ops marked `sending` by a request that failed (or a tab that closed mid-request) go back in line. */
export async function releaseSending(db: KoersDB): Promise<void> {
	await db.outbox.where('status').equals('sending').modify({ status: 'pending' });
}

/** The browser's transport: POST /api/sync with the session cookie. */
export const httpTransport: Transport = async (request) => {
	const res = await fetch('/api/sync', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(request),
		credentials: 'same-origin',
		cache: 'no-store'
	});
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
		throw new SyncHttpError(res.status, body?.error?.message ?? res.statusText);
	}
	return (await res.json()) as SyncResponse;
};
