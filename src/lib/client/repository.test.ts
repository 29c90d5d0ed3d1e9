import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { entityNames } from '$lib/domain/constants';
import { sql } from 'drizzle-orm';
import type { SyncRequest } from '$lib/domain/sync';
import { openTestDatabase, makeTwoSchools } from '$test/db';
import { sync } from '$lib/server/sync/sync';
import { KoersDB } from './db';
import { deleteRecord, discardRejected, saveRecord } from './repository';
import { applyChanges } from './sync/apply-changes';
import { syncOnce } from './sync/engine';

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let w: Awaited<ReturnType<typeof makeTwoSchools>>;
let db: KoersDB;
beforeAll(async () => {
	t = await openTestDatabase();
	w = await makeTwoSchools(t.db);
});
afterAll(async () => t.close());
beforeEach(async () => {
	await t.db.execute(sql`truncate records, record_history, applied_ops`);
	db = new KoersDB(`test-${randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});

const me = () => ({ userId: w.a.student.id });
const server = (req: SyncRequest) => sync(t.db, w.a.student, req);

describe('the one write path', () => {
	it('stores the record and its op together; typing folds into one op until it is sent', async () => {
		const id = randomUUID();
		await saveRecord(db, 'goal', id, { title: 'B' }, me());
		await saveRecord(db, 'goal', id, { title: 'Bl' }, me());
		await saveRecord(db, 'goal', id, { why: 'Omdat' }, me());
		expect((await db.records('goal').get(id))?.data).toEqual({ title: 'Bl', why: 'Omdat' });
		const ops = await db.outbox.toArray();
		expect(ops).toHaveLength(1);
		expect(ops[0]).toMatchObject({ entity: 'goal', id, action: 'put', status: 'pending', data: { title: 'Bl', why: 'Omdat' } });
		expect((await db.records('goal').get(id))?.pending).toBe(1);
	});

	it('never changes an op that a request already carried (its answer may have been lost)', async () => {
		const id = randomUUID();
		await saveRecord(db, 'goal', id, { title: 'Eerste' }, me());
		await syncOnce(db, async () => {
			throw new Error('offline');
		}).catch(() => {});
		await saveRecord(db, 'goal', id, { why: 'later getypt' }, me());
		const ops = await db.outbox.orderBy('seq').toArray();
		expect(ops.map((o) => [o.status, o.tries ?? 0, o.data])).toEqual([
			['pending', 1, { title: 'Eerste' }],
			['pending', 0, { why: 'later getypt' }]
		]);
	});

	it('two quick edits of one nested part (a cycle’s forethought) both survive, sent together', async () => {
		const id = randomUUID();
		await saveRecord(db, 'cycle', id, { phase: 'forethought' }, me());
		// Two fields typed in quick succession: both saves start before either has finished.
		await Promise.all([
			saveRecord(db, 'cycle', id, { forethought: { aim: 'Rustig helpen' } }, { ...me(), nested: true }),
			saveRecord(db, 'cycle', id, { forethought: { ratingNow: 4 } }, { ...me(), nested: true })
		]);
		expect((await db.records('cycle').get(id))?.data.forethought).toEqual({ aim: 'Rustig helpen', ratingNow: 4 });
		const ops = await db.outbox.toArray();
		expect(ops).toHaveLength(1);
		expect(ops[0]?.data?.forethought).toEqual({ aim: 'Rustig helpen', ratingNow: 4 });
	});

	it('deleting a record that never reached the server just forgets it', async () => {
		const id = randomUUID();
		await saveRecord(db, 'goal', id, { title: 'Weg' }, me());
		await deleteRecord(db, 'goal', id);
		expect(await db.records('goal').get(id)).toBeUndefined();
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('sync on the device', () => {
	it('receives receipts for sent ops and keeps newer local edits on top of the server’s version', async () => {
		const id = randomUUID();
		await saveRecord(db, 'goal', id, { title: 'Rapporteren' }, me());
		await syncOnce(db, server);
		const synced = await db.records('goal').get(id);
		expect(synced).toMatchObject({ pending: 0, rev: expect.any(Number), server: { title: 'Rapporteren', status: 'draft' } });
		expect(synced?.syncedAt).toBeTruthy();

		await saveRecord(db, 'goal', id, { why: 'nog niet verstuurd' }, me());
		// Another device changed the title meanwhile: it arrives, and the local edit stays on top.
		await applyChanges(db, [{ entity: 'goal', id, rev: 999, deleted: false, data: { title: 'Van de laptop', status: 'draft' }, updatedAt: new Date().toISOString() }], false);
		const merged = await db.records('goal').get(id);
		expect(merged?.data).toEqual({ title: 'Van de laptop', status: 'draft', why: 'nog niet verstuurd' });
		expect(merged?.pending).toBe(1);
		expect(merged?.syncedAt).toBe(synced?.syncedAt);
	});

	it('sends a large outbox in parts of at most 200 ops', async () => {
		for (let i = 0; i < 450; i++) await db.outbox.add({ opId: randomUUID(), entity: 'goal', id: randomUUID(), action: 'put', data: { title: `Doel ${i}` }, at: new Date().toISOString(), status: 'pending' });
		const sizes: number[] = [];
		await syncOnce(db, (req) => {
			sizes.push(req.ops.length);
			return server(req);
		});
		expect(sizes.slice(0, 3)).toEqual([200, 200, 50]);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.records('goal').count()).toBe(450);
	});

	it('keeps a refused op visible with its reason; discarding it restores the server’s version', async () => {
		const id = randomUUID();
		await saveRecord(db, 'goal', id, { title: 'Goed' }, me());
		await syncOnce(db, server);
		await saveRecord(db, 'goal', id, { title: 'x'.repeat(500) }, me());
		const outcome = await syncOnce(db, server);
		expect(outcome.rejected).toBe(1);
		const [op] = await db.outbox.toArray();
		expect(op).toMatchObject({ status: 'rejected', code: 'sync_invalid' });
		expect(op!.error).toContain('title');
		expect((await db.records('goal').get(id))?.data.title).toHaveLength(500);
		await discardRejected(db, op!.seq!);
		expect((await db.records('goal').get(id))?.data.title).toBe('Goed');
		expect((await db.records('goal').get(id))?.pending).toBe(0);
	});

	it('a tombstone from the server removes the record; a reset drops what the server no longer lists', async () => {
		const a = randomUUID();
		const b = randomUUID();
		await saveRecord(db, 'goal', a, { title: 'A' }, me());
		await saveRecord(db, 'goal', b, { title: 'B' }, me());
		await syncOnce(db, server);
		await applyChanges(db, [{ entity: 'goal', id: a, rev: 1000, deleted: true, data: null, updatedAt: new Date().toISOString() }], false);
		expect(await db.records('goal').get(a)).toBeUndefined();
		const waiting = randomUUID();
		await saveRecord(db, 'goal', waiting, { title: 'Wacht nog' }, me());
		await applyChanges(db, [], true);
		expect(await db.records('goal').get(b)).toBeUndefined();
		expect(await db.records('goal').get(waiting)).toBeDefined();
	});

	it('a device that stored records with the first schema keeps them, and its waiting edit, on upgrading', async () => {
		const indexedDB = new IDBFactory();
		const name = `old-${randomUUID()}`;
		const old = new Dexie(name, { indexedDB, IDBKeyRange });
		old.version(1).stores({ outbox: '++seq, opId, [entity+id], status', meta: 'key', ...Object.fromEntries(entityNames.map((e) => [e, 'id, ownerId, pending'])) });
		const [kept, waiting] = [randomUUID(), randomUUID()];
		const row = (id: string, title: string, pending: number) => ({ id, data: { title }, server: pending ? null : { title }, rev: pending ? 0 : 1, ownerId: w.a.student.id, authorId: w.a.student.id, createdAt: '2026-11-20T10:00:00.000Z', syncedAt: null, pending });
		await old.table('goal').bulkPut([row(kept, 'Op de server', 0), row(waiting, 'Nog niet verstuurd', 1)]);
		await old.table('outbox').add({ opId: randomUUID(), entity: 'goal', id: waiting, action: 'put', data: { title: 'Nog niet verstuurd' }, status: 'pending' });
		old.close();

		const upgraded = new KoersDB(name, { indexedDB, IDBKeyRange });
		expect((await upgraded.records('goal').get(kept))?.data.title).toBe('Op de server');
		expect(await upgraded.outbox.count()).toBe(1);
		// The server no longer lists either: the one with an edit waiting stays, to be sent.
		await applyChanges(upgraded, [], true);
		expect(await upgraded.records('goal').get(kept)).toBeUndefined();
		expect((await upgraded.records('goal').get(waiting))?.data.title).toBe('Nog niet verstuurd');
		upgraded.close();
	});
});
