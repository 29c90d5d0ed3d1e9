/**
 * The page's side of the device store and the store it talks to, over a real MessageChannel, with
 * an in-memory IndexedDB and the real server's sync on a test database: what a page sees when it
 * reads, writes and syncs through the store's worker, and when that worker cannot start.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { sync } from '$lib/server/sync/sync';
import { KoersDB, type LocalRecord } from '../db';
import { StoreClient, stopped } from './client';
import { SyncHttpError, type Contacts, type OutboxSummary } from './protocol';
import { serveStore, type Port } from './service';
import type { Transport } from './engine';

// Dexie's live queries stay silent where the global scope has no IndexedDB (as in Node).
Dexie.dependencies.indexedDB ??= new IDBFactory();

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => {
	t = db;
	w = schools;
});

const clients: StoreClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.stop()));

/** A client whose store is served "on the page" (this process), and what the serving saw. */
function setup({ worker = () => null as Worker | null, transport }: { worker?: () => Worker | null; transport?: Transport } = {}) {
	const indexedDB = new IDBFactory();
	const open = (name: string) => new KoersDB(name, { indexedDB, IDBKeyRange });
	const served = { count: 0 };
	const send: Transport = transport ?? ((req) => sync(t.db, w.a.student, req));
	const client = new StoreClient(`koers-${randomUUID()}`, worker, async () => (port: Port) => {
		served.count++;
		serveStore(port, { open, transport: send });
	});
	clients.push(client);
	return { client, served, open };
}

/** Every answer of a watch, and a wait for the first (or next) one that satisfies a test. */
function seen<T>(subscribe: (listener: (value: T) => void) => () => void) {
	const values: T[] = [];
	const waiters: { test: (v: T) => boolean; resolve: (v: T) => void }[] = [];
	subscribe((value) => {
		values.push(value);
		for (const w of [...waiters]) if (w.test(value)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(value);
	});
	return {
		values,
		until(test: (v: T) => boolean): Promise<T> {
			const last = values.at(-1);
			if (values.length && test(last as T)) return Promise.resolve(last as T);
			return new Promise((resolve) => waiters.push({ test, resolve }));
		}
	};
}

const me = () => w.a.student.id;

describe('the device store, seen from the page', () => {
	it('shows a saved goal in a live list at once, and counts it as waiting until a sync sends it', async () => {
		const { client } = setup();
		await client.open();
		const lists = seen<LocalRecord<'goal'>[]>((l) => client.watch({ list: 'goal' }, l));
		const outbox = seen<OutboxSummary>((l) => client.watch({ outbox: true }, l));
		await lists.until((goals) => goals.length === 0);
		await outbox.until((o) => o.pending === 0);
		const id = randomUUID();
		await client.save('goal', id, { title: 'Rustig blijven bij drukte', status: 'active' }, me());
		const goals = await lists.until((goals) => goals.length > 0);
		expect(goals.map((g) => [g.id, g.data.title, g.pending])).toEqual([[id, 'Rustig blijven bij drukte', 1]]);
		await outbox.until((o) => o.pending === 1);
		expect(await client.unsent()).toBe(1);

		const outcome = await client.sync();
		expect(outcome).toMatchObject({ sent: 1, rejected: 0 });
		await outbox.until((o) => o.pending === 0);
		expect((await lists.until((goals) => goals[0]?.pending === 0))[0]?.syncedAt).not.toBeNull();
		expect(await client.unsent()).toBe(0);
	});

	it('merges two quick edits of a cycle’s forethought into what is stored, not into an old copy', async () => {
		const { client } = setup();
		await client.open();
		const id = randomUUID();
		await client.save('cycle', id, { phase: 'forethought' }, me());
		await Promise.all([
			client.save('cycle', id, { forethought: { aim: 'Rustig helpen' } }, me(), true),
			client.save('cycle', id, { forethought: { ratingNow: 4 } }, me(), true)
		]);
		const cycle = await seen<LocalRecord<'cycle'> | null>((l) => client.watch({ one: 'cycle', id }, l)).until(() => true);
		expect(cycle?.data.forethought).toEqual({ aim: 'Rustig helpen', ratingNow: 4 });
	});

	it('answers a coach’s week plan who talked with whom without any text: contacts since the day asked, before it only the latest per coach and student', async () => {
		const { client, open } = setup();
		await client.open();
		const [student, coach, other] = [randomUUID(), randomUUID(), randomUUID()];
		const at = (day: string) => `${day}T10:00:00.000Z`;
		const record = (id: string, ownerId: string, authorId: string, day: string, data: Record<string, unknown>) => ({ id, data, server: data, rev: 1, ownerId, authorId, createdAt: at(day), syncedAt: at(day), pending: 0 });
		const feedback = (ownerId: string, authorId: string, day: string) =>
			record(randomUUID(), ownerId, authorId, day, { targetEntity: 'goal', targetId: randomUUID(), kind: 'feedback', body: 'Tekst die de pagina niet nodig heeft' });
		const db = open(client.dbName);
		await db.records('feedback').bulkPut([
			feedback(student, coach, '2026-11-02'),
			feedback(student, coach, '2026-11-05'),
			feedback(student, other, '2026-11-03'),
			feedback(student, coach, '2026-11-20'),
			// The student's own reply is no contact with a coach.
			feedback(student, student, '2026-11-21')
		] as never);
		await db.records('checkIn').bulkPut([record('k1', student, coach, '2026-11-23', { studentId: student, date: '2026-11-23', notes: 'Geheim verslag', planned: true })] as never);
		db.close();

		const answer = await seen<Contacts>((l) => client.watch({ contacts: { since: '2026-11-10' } }, l)).until((a) => a.feedback.length > 0);
		expect([...answer.feedback].sort((x, y) => (x.createdAt < y.createdAt ? 1 : -1))).toEqual([
			{ ownerId: student, authorId: coach, createdAt: at('2026-11-20') },
			{ ownerId: student, authorId: coach, createdAt: at('2026-11-05') },
			{ ownerId: student, authorId: other, createdAt: at('2026-11-03') }
		]);
		expect(answer.checkIns).toEqual([{ id: 'k1', authorId: coach, studentId: student, date: '2026-11-23', planned: true }]);
		expect(JSON.stringify(answer)).not.toMatch(/Tekst|Geheim/);
	});

	it('gives a second reader of the same list the answer it already has, and stops answering a reader that left', async () => {
		const { client } = setup();
		await client.open();
		await client.save('goal', randomUUID(), { title: 'Eerste', status: 'active' }, me());
		const first = await seen<LocalRecord<'goal'>[]>((l) => client.watch({ list: 'goal' }, l)).until(() => true);
		expect(first).toHaveLength(1);
		const left: number[] = [];
		const stop = client.watch({ list: 'goal' }, (goals) => left.push(goals.length));
		const kept = seen<LocalRecord<'goal'>[]>((l) => client.watch({ list: 'goal' }, l));
		// Joined later, both get the answer that is in at once.
		expect([left, kept.values.map((g) => g.length)]).toEqual([[1], [1]]);
		stop();
		await client.save('goal', randomUUID(), { title: 'Tweede', status: 'active' }, me());
		await kept.until((goals) => goals.length === 2);
		expect(left).toEqual([1]);
	});

	it('tells an HTTP error of the sync (signed out elsewhere) from being offline', async () => {
		const signedOut = setup({ transport: async () => Promise.reject(new SyncHttpError(401, 'Log opnieuw in.')) });
		await signedOut.client.save('goal', randomUUID(), { title: 'Wacht', status: 'active' }, me());
		const error = await signedOut.client.sync().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncHttpError);
		expect((error as SyncHttpError).status).toBe(401);

		const offline = setup({ transport: async () => Promise.reject(new TypeError('Failed to fetch')) });
		const lost = await offline.client.sync().catch((e: unknown) => e);
		expect(lost).not.toBeInstanceOf(SyncHttpError);
		expect((lost as Error).message).toBe('Failed to fetch');
	});

	it('when the worker’s file fails to load, the page serves the store and gets the save that waited for the worker', async () => {
		const sent: unknown[] = [];
		// A worker whose script did not load: it takes messages and then reports an error, as a browser does.
		const broken = new EventTarget() as Worker;
		Object.assign(broken, { postMessage: (m: unknown) => sent.push(m), terminate: () => {} });
		const { client, served } = setup({ worker: () => broken });
		const id = randomUUID();
		const saving = client.save('goal', id, { title: 'Niets kwijt', status: 'active' }, me());
		await new Promise((r) => setTimeout(r, 10));
		expect(sent).toHaveLength(1);
		expect(served.count).toBe(0);
		broken.dispatchEvent(new Event('error'));
		const saved = await saving;
		expect(saved.data.title).toBe('Niets kwijt');
		expect(served.count).toBe(1);
		const goals = await seen<LocalRecord<'goal'>[]>((l) => client.watch({ list: 'goal' }, l)).until(() => true);
		expect(goals.map((g) => g.id)).toEqual([id]);
	});

	it('deletes the store from the device on sign-out, and refuses anything asked of it afterwards', async () => {
		const { client, open } = setup();
		await client.save('goal', randomUUID(), { title: 'Weg na afmelden', status: 'active' }, me());
		await client.drop();
		const again = open(client.dbName);
		expect(await again.records('goal').count()).toBe(0);
		again.close();
		await expect(client.save('goal', randomUUID(), { title: 'Te laat' }, me())).rejects.toBe(stopped);
	});

	it('a save still on its way when the page stops (sign-out) fails instead of hanging', async () => {
		const { client, served } = setup();
		const saving = client.save('goal', randomUUID(), { title: 'Onderweg' }, me());
		client.stop();
		await expect(saving).rejects.toBe(stopped);
		await new Promise((r) => setTimeout(r, 20));
		// The page's store, loading meanwhile, was not kept: nothing was saved.
		expect(served.count).toBe(1);
		await expect(client.unsent()).rejects.toBe(stopped);
	});
});
