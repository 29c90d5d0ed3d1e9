import { liveQuery, type Subscription } from 'dexie';
import { KoersDB } from '../db';
import { deleteRecord, discardRejected, saveRecord } from '../repository';
import { httpTransport, syncOnce, type Transport } from './engine';
import { errorAnswer, type Contacts, type Query, type StoreAnswer, type StoreRequest } from './protocol';

/**
 * The device store, served to the page by message (see `./protocol`). Normally this runs in a
 * dedicated worker (`./store-worker`): a first sync stores thousands of records (a coach: the whole
 * group), and IndexedDB copies every row on the thread that hands it over, so on the page a cheap
 * phone would stutter for seconds. Here Dexie, the sync engine and every IndexedDB read and write stay
 * off the page, which then need not download or run Dexie before it can answer a tap. Where no worker can start, the page serves itself with this
 * same module over a `MessageChannel`, so both ways run the same code.
 *
 * Live queries are Dexie's: they answer again when this store, or another tab's, writes what they read.
 */
export interface Port {
	postMessage(message: StoreAnswer): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<StoreRequest>) => void): void;
	start?(): void;
}

export interface ServeOptions {
	/** Opens a user's store (tests pass an in-memory IndexedDB). */
	open?: (name: string) => KoersDB;
	transport?: Transport;
}

export function serveStore(port: Port, { open = (name) => new KoersDB(name), transport = httpTransport }: ServeOptions = {}): void {
	const stores = new Map<string, KoersDB>();
	const watches = new Map<number, { db: string; sub: Subscription }>();
	const store = (name: string) => {
		let db = stores.get(name);
		if (!db) stores.set(name, (db = open(name)));
		return db;
	};
	const answer = (id: number, value: unknown) => port.postMessage({ id, value });
	const fail = (id: number, e: unknown) => port.postMessage(errorAnswer(id, e));
	/** Ends the watches on a store and lets go of it (before it is deleted). */
	const release = (name: string) => {
		for (const [id, w] of watches) {
			if (w.db !== name) continue;
			w.sub.unsubscribe();
			watches.delete(id);
		}
		const db = stores.get(name);
		stores.delete(name);
		return db;
	};

	port.addEventListener('message', async ({ data }) => {
		try {
			if ('unwatch' in data) {
				watches.get(data.unwatch)?.sub.unsubscribe();
				watches.delete(data.unwatch);
			} else if ('open' in data) {
				await store(data.open).open();
				answer(data.id, true);
			} else if ('sync' in data) {
				answer(data.id, await syncOnce(store(data.sync), transport));
			} else if ('drop' in data) {
				await (release(data.drop) ?? open(data.drop)).delete();
				answer(data.id, true);
			} else if ('watch' in data) {
				const db = store(data.db);
				const query = data.watch;
				watches.get(data.id)?.sub.unsubscribe();
				const sub = liveQuery(() => read(db, query)).subscribe({ next: (value) => answer(data.id, value), error: (e) => fail(data.id, e) });
				watches.set(data.id, { db: data.db, sub });
			} else if ('save' in data) {
				const { entity, id, patch, userId, nested } = data.save;
				answer(data.id, await saveRecord(store(data.db), entity, id, patch, { userId, nested }));
			} else if ('remove' in data) {
				await deleteRecord(store(data.db), data.remove.entity, data.remove.id);
				answer(data.id, true);
			} else if ('discard' in data) {
				await discardRejected(store(data.db), data.discard);
				answer(data.id, true);
			} else if ('unsent' in data) {
				answer(data.id, await store(data.db).outbox.where('status').anyOf('pending', 'sending').count());
			}
		} catch (e) {
			fail(data.id, e);
		}
	});
	port.start?.();
}

async function read(db: KoersDB, query: Query): Promise<unknown> {
	if ('list' in query) return db.records(query.list).toArray();
	if ('one' in query) return (await db.records(query.one).get(query.id)) ?? null;
	if ('contacts' in query) return contacts(db, query.contacts.since);
	if ('outbox' in query) {
		const ops = await db.outbox.toArray();
		return { pending: ops.filter((o) => o.status !== 'rejected').length, rejected: ops.filter((o) => o.status === 'rejected') };
	}
	return (await db.meta.get(query.meta))?.value ?? null;
}

async function contacts(db: KoersDB, since: string): Promise<Contacts> {
	const feedback: Contacts['feedback'] = [];
	const before = new Map<string, Contacts['feedback'][number]>();
	for (const f of await db.records('feedback').toArray()) {
		if (!f.ownerId || !f.authorId || f.authorId === f.ownerId) continue;
		const c = { ownerId: f.ownerId, authorId: f.authorId, createdAt: f.createdAt };
		if (f.createdAt >= since) feedback.push(c);
		else {
			const key = `${c.ownerId} ${c.authorId}`;
			if ((before.get(key)?.createdAt ?? '') < c.createdAt) before.set(key, c);
		}
	}
	feedback.push(...before.values());
	const checkIns: Contacts['checkIns'] = [];
	for (const c of await db.records('checkIn').toArray()) {
		if (c.authorId) checkIns.push({ id: c.id, authorId: c.authorId, studentId: c.data.studentId, date: c.data.date, planned: !!c.data.planned });
	}
	return { feedback, checkIns };
}
