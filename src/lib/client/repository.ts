import type { EntityName } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';
import { appendOnlyFields } from '$lib/domain/limits';
import { mergeFields } from '$lib/domain/merge';
import type { KoersDB, LocalRecord, OutboxEntry } from './db';

/**
 * The one write path on the device: every change is stored in the record's table and queued as an
 * op in the outbox in a single Dexie transaction, so a crash or a closed tab can never separate them.
 */
export async function saveRecord<E extends EntityName>(
	db: KoersDB,
	entity: E,
	id: string,
	change: Partial<EntityData[E]>,
	meta: { userId: string; now?: Date; nested?: boolean }
): Promise<LocalRecord<E>> {
	const now = (meta.now ?? new Date()).toISOString();
	const table = db.records(entity);
	return db.transaction('rw', table, db.outbox, async () => {
		const current = await table.get(id);
		// A nested object such as a cycle's forethought is merged here, inside the transaction, into the
		// stored one: two quick edits in a row must not each start from the same old copy on screen, or
		// the second would drop the first.
		const patch = meta.nested ? nestInto(current?.data as Record<string, unknown> | undefined, change) : change;
		const data = mergeFields(current?.data as Record<string, unknown>, patch as Record<string, unknown>, appendOnlyFields[entity]) as EntityData[E];
		const next: LocalRecord<E> = {
			id,
			data,
			server: current?.server ?? null,
			rev: current?.rev ?? 0,
			ownerId: current?.ownerId ?? meta.userId,
			authorId: current?.authorId ?? meta.userId,
			createdAt: current?.createdAt ?? now,
			syncedAt: current?.syncedAt ?? null,
			pending: (current?.pending ?? 0) + 1
		};
		await table.put(next);
		// Typing produces many small saves: fold them into the record's last op while it has not left yet.
		const last = (await db.outbox.where('[entity+id]').equals([entity, id]).sortBy('seq')).at(-1);
		if (last?.seq && last.status === 'pending' && !last.tries && last.action === 'put') {
			const folded = mergeFields(last.data, patch as Record<string, unknown>, appendOnlyFields[entity]);
			await db.outbox.update(last.seq, { data: folded, at: now });
			next.pending = current?.pending ?? 1;
			await table.put(next);
			return next;
		}
		const op: OutboxEntry = {
			opId: crypto.randomUUID(),
			entity,
			id,
			action: 'put',
			data: patch as Record<string, unknown>,
			at: now,
			status: 'pending',
			...(current?.rev ? { baseRev: current.rev } : {})
		};
		await db.outbox.add(op);
		return next;
	});
}

/** The patch with each of its (object) fields laid over the stored object of the same name. */
function nestInto<T extends object>(stored: Record<string, unknown> | undefined, patch: T): T {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(patch)) {
		const before = stored?.[key];
		out[key] = before && typeof before === 'object' && !Array.isArray(before) ? { ...before, ...(value as object) } : value;
	}
	return out as T;
}

/** Deletes locally at once and queues the delete; the server's tombstone reaches the other devices. */
export async function deleteRecord(db: KoersDB, entity: EntityName, id: string, now = new Date()): Promise<void> {
	const table = db.records(entity);
	await db.transaction('rw', table, db.outbox, async () => {
		const current = await table.get(id);
		if (!current) return;
		await table.delete(id);
		// Never sent: nothing to tell the server, just forget the queued ops.
		if (!current.server) {
			await db.outbox.where('[entity+id]').equals([entity, id]).delete();
			return;
		}
		await db.outbox.add({ opId: crypto.randomUUID(), entity, id, action: 'delete', at: now.toISOString(), status: 'pending', baseRev: current.rev });
	});
}

/**
 * Gives up a rejected op: it leaves the outbox and the record goes back to what the server has,
 * with any other waiting edits on top.
 */
export async function discardRejected(db: KoersDB, seq: number): Promise<void> {
	const op = await db.outbox.get(seq);
	if (!op) return;
	const table = db.records(op.entity);
	await db.transaction('rw', table, db.outbox, async () => {
		await db.outbox.delete(seq);
		await rebuild(db, op.entity, op.id);
	});
}

/** Recomputes a record from the server's version and the ops still waiting for it. */
export async function rebuild(db: KoersDB, entity: EntityName, id: string): Promise<void> {
	const table = db.records(entity);
	const current = await table.get(id);
	const ops = await db.outbox.where('[entity+id]').equals([entity, id]).sortBy('seq');
	const live = ops.filter((o) => o.status !== undefined);
	if (live.some((o) => o.action === 'delete')) {
		await table.delete(id);
		return;
	}
	const base = (current?.server ?? null) as Record<string, unknown> | null;
	if (!base && !live.length) {
		await table.delete(id);
		return;
	}
	let data = base ?? {};
	for (const op of live) if (op.action === 'put') data = mergeFields(data, op.data ?? {}, appendOnlyFields[entity]);
	if (current) await table.put({ ...current, data: data as never, pending: live.length });
}

/** Updates how many ops of a record still wait, without touching what is shown. */
export async function recount(db: KoersDB, entity: EntityName, id: string): Promise<void> {
	const table = db.records(entity);
	await db.transaction('rw', table, db.outbox, async () => {
		const current = await table.get(id);
		if (!current) return;
		const pending = await db.outbox.where('[entity+id]').equals([entity, id]).count();
		if (pending !== current.pending) await table.update(id, { pending } as never);
	});
}
