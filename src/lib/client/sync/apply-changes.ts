import { appendOnlyFields } from '$lib/domain/entities';
import { mergeFields } from '$lib/domain/merge';
import type { Change } from '$lib/domain/sync';
import type { KoersDB, LocalRecord } from '../db';

/**
 * Stores what the server sent. A record with edits still waiting keeps them on top of the server's
 * version (the server merges them the same way when they arrive); a tombstone removes the record.
 * With `reset`, records the server no longer lists disappear, except those with waiting edits.
 */
export async function applyChanges(db: KoersDB, changes: Change[], reset: boolean): Promise<void> {
	const tables = db.recordTables();
	await db.transaction('rw', [...tables, db.outbox], async () => {
		if (reset) {
			for (const table of tables) await table.where('pending').equals(0).delete();
		}
		for (const change of changes) {
			const table = db.records(change.entity);
			const waiting = await db.outbox.where('[entity+id]').equals([change.entity, change.id]).sortBy('seq');
			if (change.deleted) {
				if (!waiting.length) await table.delete(change.id);
				else {
					const current = await table.get(change.id);
					if (current) await table.put({ ...current, server: null, rev: change.rev });
				}
				continue;
			}
			let data = change.data ?? {};
			for (const op of waiting) if (op.action === 'put') data = mergeFields(data, op.data ?? {}, appendOnlyFields[change.entity]);
			const current = await table.get(change.id);
			if (waiting.some((o) => o.action === 'delete')) continue;
			const next: LocalRecord = {
				id: change.id,
				data: data as never,
				server: change.data as never,
				rev: change.rev,
				ownerId: change.ownerId ?? null,
				authorId: change.authorId ?? null,
				createdAt: change.createdAt ?? current?.createdAt ?? change.updatedAt,
				syncedAt: waiting.length ? (current?.syncedAt ?? null) : change.updatedAt,
				pending: waiting.length
			};
			await table.put(next as never);
		}
	});
}
