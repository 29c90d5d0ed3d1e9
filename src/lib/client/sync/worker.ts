import { KoersDB } from '../db';
import { httpTransport, SyncHttpError, syncOnce, type SyncOutcome } from './engine';

/**
 * Sync off the page's thread. A first sync stores thousands of records (a coach: the whole group),
 * and IndexedDB copies every row on the thread that hands it over — measured 130 µs a row here, so
 * on a cheap phone each group of rows was a long task and the page stuttered for seconds. A
 * dedicated worker does the fetching, parsing and storing; the page sees the results through Dexie's
 * live queries, which Dexie broadcasts between a page and its workers.
 *
 * The worker is this chunk itself (`runtime.ts` re-exports this module and starts `serveSync` when it
 * finds itself in a dedicated worker), so it loads the very files the page already has — Dexie and
 * the engine — from the browser's cache instead of a second copy.
 */

/** Page → worker: open (so create) this device store; sync it now; or close it (the user signed out). */
export type SyncWorkerRequest = { id: number; open: string } | { id: number; sync: string } | { id: number; close: string };

/** Worker → page: the outcome, or why it failed (`status` for an HTTP error, null when offline). */
export type SyncWorkerAnswer =
	| { id: number; outcome: SyncOutcome }
	| { id: number; error: { status: number | null; message: string } }
	| { id: number; closed: true }
	| { id: number; opened: true };

interface Port {
	postMessage(message: SyncWorkerAnswer): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<SyncWorkerRequest>) => void): void;
}

/** In the worker: answers the page's requests, one store per signed-in user, opened once. */
export function serveSync(port: Port): void {
	const stores = new Map<string, KoersDB>();
	port.addEventListener('message', async ({ data }) => {
		if ('close' in data) {
			stores.get(data.close)?.close();
			stores.delete(data.close);
			port.postMessage({ id: data.id, closed: true });
			return;
		}
		const name = 'open' in data ? data.open : data.sync;
		let db = stores.get(name);
		if (!db) stores.set(name, (db = new KoersDB(name)));
		try {
			if ('open' in data) {
				await db.open();
				port.postMessage({ id: data.id, opened: true });
				return;
			}
			port.postMessage({ id: data.id, outcome: await syncOnce(db, httpTransport) });
		} catch (e) {
			const status = e instanceof SyncHttpError ? e.status : null;
			port.postMessage({ id: data.id, error: { status, message: e instanceof Error ? e.message : String(e) } });
		}
	});
}

/** What a sync waiting on a worker that was stopped (sign-out) fails with: no fallback then. */
const stopped = new Error('sync stopped');

/**
 * On the page: runs syncs in a worker started from `url` (a module that calls `serveSync`). When
 * the worker cannot start (its file did not load, or a browser without module workers), `fallback`
 * syncs on the page instead, as before, and the next call tries a new worker.
 */
export class SyncWorkerClient {
	#worker: Worker | null = null;
	#next = 1;
	#waiting = new Map<number, { resolve: (a: SyncWorkerAnswer) => void; reject: (e: Error) => void }>();

	constructor(
		private readonly url: string,
		private readonly fallback: (dbName: string) => Promise<SyncOutcome>
	) {}

	async sync(dbName: string): Promise<SyncOutcome> {
		let answer: SyncWorkerAnswer;
		try {
			answer = await this.#ask((id) => ({ id, sync: dbName }));
		} catch (e) {
			if (e === stopped) throw e;
			return this.fallback(dbName);
		}
		if ('error' in answer) throw answer.error.status === null ? new Error(answer.error.message) : new SyncHttpError(answer.error.status, answer.error.message);
		return 'outcome' in answer ? answer.outcome : { sent: 0, received: 0, rejected: 0 };
	}

	/**
	 * Has the worker open the store, which on a first visit creates it: a schema's object stores and
	 * indexes made in one go, a long task on a phone's page. Resolves either way (the page opens it then).
	 */
	async open(dbName: string): Promise<void> {
		await this.#ask((id) => ({ id, open: dbName })).catch(() => undefined);
	}

	/** Closes the worker's copy of the store (before it is deleted) and stops the worker. */
	async close(dbName: string): Promise<void> {
		if (this.#worker) await this.#ask((id) => ({ id, close: dbName })).catch(() => undefined);
		this.terminate();
	}

	terminate(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#fail(stopped);
	}

	#ask(request: (id: number) => SyncWorkerRequest): Promise<SyncWorkerAnswer> {
		const worker = this.#start();
		if (!worker) return Promise.reject(new Error('no module workers here'));
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#waiting.set(id, { resolve, reject });
			worker.postMessage(request(id));
		});
	}

	#start(): Worker | null {
		if (this.#worker) return this.#worker;
		if (typeof Worker === 'undefined') return null;
		let worker: Worker;
		try {
			worker = new Worker(this.url, { type: 'module', name: 'koers-sync' });
		} catch {
			return null;
		}
		worker.addEventListener('message', ({ data }: MessageEvent<SyncWorkerAnswer>) => {
			const waiting = this.#waiting.get(data.id);
			this.#waiting.delete(data.id);
			waiting?.resolve(data);
		});
		// The worker's script did not load or threw: what waits syncs on the page; the next call starts anew.
		worker.addEventListener('error', (event) => {
			event.preventDefault();
			if (this.#worker === worker) this.#worker = null;
			worker.terminate();
			this.#fail(new Error('sync worker failed'));
		});
		this.#worker = worker;
		return worker;
	}

	#fail(error: Error): void {
		const waiting = [...this.#waiting.values()];
		this.#waiting.clear();
		for (const w of waiting) w.reject(error);
	}
}
