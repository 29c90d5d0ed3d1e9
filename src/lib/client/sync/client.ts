import type { EntityName } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';
import type { LocalRecord } from '../db';
import type { SyncOutcome } from './engine';
import type { Port } from './service';
import { errorOf, type Answer, type Query, type StoreAnswer, type StoreRequest } from './protocol';

/** Where the store is served on the page, when no worker can start: loads `./service` (and Dexie) then. */
export type ServeOnPage = () => Promise<(port: Port) => void>;

type Endpoint = { postMessage(message: StoreRequest): void; close(): void };
type Ask = StoreRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** What a request waiting on a store that was stopped (sign-out) fails with. */
export const stopped = new Error('device store stopped');

/**
 * Runs `attempt` until it succeeds, waiting 1 s, 2 s, 4 s … up to 30 s after each failure; true when it
 * did, false once `givenUp()` (asked after each failure and each wait) says to stop trying.
 */
export async function untilDone(attempt: () => Promise<unknown>, givenUp: () => boolean): Promise<boolean> {
	for (let n = 0; ; n++) {
		try {
			await attempt();
			return true;
		} catch {
			if (givenUp()) return false;
			await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** n)));
			if (givenUp()) return false;
		}
	}
}

/**
 * The page's side of one user's device store (see `./protocol`). It starts the store in a worker;
 * when that cannot start (no module workers, or its file did not load: a first visit that lost the
 * network, an update that removed it) it serves the store on the page instead, and sends again what
 * the worker had not answered — a save included, so nothing typed is lost on the way.
 *
 * Watches of the same query share one answer: the page's parts that read the same list get it once.
 */
export class StoreClient {
	#endpoint: Endpoint | null = null;
	#connecting: Promise<Endpoint> | null = null;
	#workerFailed = false;
	#stopped = false;
	#next = 1;
	#waiting = new Map<number, { request: StoreRequest; resolve: (value: unknown) => void; reject: (e: Error) => void }>();
	#watches = new Map<string, { id: number; listeners: Set<(value: unknown) => void>; last?: { value: unknown } }>();

	constructor(
		readonly dbName: string,
		private readonly startWorker: () => Worker | null,
		private readonly serveOnPage: ServeOnPage
	) {}

	/** Opens the store (on a first visit: creates it). Rejects only when not even the page can serve it. */
	async open(): Promise<void> {
		await this.#ask({ open: this.dbName });
	}

	sync(): Promise<SyncOutcome> {
		return this.#ask({ sync: this.dbName }) as Promise<SyncOutcome>;
	}

	save<E extends EntityName>(entity: E, id: string, patch: Partial<EntityData[E]>, userId: string, nested = false): Promise<LocalRecord<E>> {
		const save = { entity, id, patch: patch as Record<string, unknown>, userId, ...(nested ? { nested } : {}) };
		return this.#ask({ db: this.dbName, save }) as Promise<LocalRecord<E>>;
	}

	async remove(entity: EntityName, id: string): Promise<void> {
		await this.#ask({ db: this.dbName, remove: { entity, id } });
	}

	async discard(seq: number): Promise<void> {
		await this.#ask({ db: this.dbName, discard: seq });
	}

	/** Changes not yet answered by the server (waiting or on their way). */
	unsent(): Promise<number> {
		return this.#ask({ db: this.dbName, unsent: true }) as Promise<number>;
	}

	/** Deletes the store from this device (sign-out on a shared computer) and stops. */
	async drop(): Promise<void> {
		await this.#ask({ drop: this.dbName });
		this.stop();
	}

	/** Calls `listener` with the query's answer now (once known) and after every change; returns the stop. */
	watch<Q extends Query>(query: Q, listener: (value: Answer<Q>) => void): () => void {
		const key = JSON.stringify(query);
		const fn = listener as (value: unknown) => void;
		let shared = this.#watches.get(key);
		if (shared) {
			shared.listeners.add(fn);
			if (shared.last) fn(shared.last.value);
		} else {
			const id = this.#next++;
			shared = { id, listeners: new Set([fn]) };
			this.#watches.set(key, shared);
			// Not sent (stopped, or not even the page can serve the store yet): the answer stays unknown.
			this.#send({ id, db: this.dbName, watch: query }).catch(() => undefined);
		}
		const mine = shared;
		return () => {
			mine.listeners.delete(fn);
			if (mine.listeners.size || this.#watches.get(key) !== mine) return;
			this.#watches.delete(key);
			this.#endpoint?.postMessage({ id: this.#next++, unwatch: mine.id });
		};
	}

	/** Stops the worker for good; what still waits, and anything asked later, fails with `stopped`. */
	stop(): void {
		this.#stopped = true;
		this.#endpoint?.close();
		this.#endpoint = null;
		this.#connecting = null;
		this.#watches.clear();
		const waiting = [...this.#waiting.values()];
		this.#waiting.clear();
		for (const w of waiting) w.reject(stopped);
	}

	#ask(ask: Ask): Promise<unknown> {
		const request = { ...ask, id: this.#next++ } as StoreRequest;
		return new Promise((resolve, reject) => {
			this.#waiting.set(request.id, { request, resolve, reject });
			this.#send(request).catch((e: Error) => {
				this.#waiting.delete(request.id);
				reject(e);
			});
		});
	}

	async #send(request: StoreRequest): Promise<void> {
		if (this.#stopped) throw stopped;
		// One way in at a time: requests sent meanwhile wait for it (and it is tried anew after a failure).
		let endpoint = this.#endpoint;
		if (!endpoint) {
			this.#connecting ??= this.#connect().finally(() => (this.#connecting = null));
			endpoint = await this.#connecting;
		}
		endpoint.postMessage(request);
	}

	async #connect(): Promise<Endpoint> {
		const worker = this.#workerFailed ? null : this.startWorker();
		const endpoint = worker ? this.#overWorker(worker) : await this.#onPage();
		// Stopped while the page's store loaded: it is not used.
		if (this.#stopped) {
			endpoint.close();
			throw stopped;
		}
		return (this.#endpoint = endpoint);
	}

	#overWorker(worker: Worker): Endpoint {
		const endpoint: Endpoint = { postMessage: (m) => worker.postMessage(m), close: () => worker.terminate() };
		worker.addEventListener('message', ({ data }: MessageEvent<StoreAnswer>) => this.#receive(data));
		// The worker's script did not load or threw: the page serves the store, and gets what waited.
		worker.addEventListener('error', (event) => {
			event.preventDefault();
			worker.terminate();
			if (this.#endpoint !== endpoint) return;
			this.#endpoint = null;
			this.#workerFailed = true;
			void this.#resend();
		});
		return endpoint;
	}

	async #onPage(): Promise<Endpoint> {
		const serve = await this.serveOnPage();
		const channel = new MessageChannel();
		serve(channel.port1 as unknown as Port);
		const port = channel.port2;
		port.addEventListener('message', ({ data }: MessageEvent<StoreAnswer>) => this.#receive(data));
		port.start();
		return { postMessage: (m) => port.postMessage(m), close: () => port.close() };
	}

	/**
	 * Sends again every waiting request and every watch, to the page's store, until even that can load
	 * (no network on a first visit) or the client is stopped.
	 */
	async #resend(): Promise<void> {
		await untilDone(
			async () => {
				for (const w of this.#waiting.values()) await this.#send(w.request);
				for (const [key, shared] of this.#watches) await this.#send({ id: shared.id, db: this.dbName, watch: JSON.parse(key) as Query });
			},
			() => this.#stopped
		);
	}

	#receive(answer: StoreAnswer): void {
		const waiting = this.#waiting.get(answer.id);
		if (waiting) {
			this.#waiting.delete(answer.id);
			if ('error' in answer) waiting.reject(errorOf(answer));
			else waiting.resolve(answer.value);
			return;
		}
		if ('error' in answer) return;
		for (const shared of this.#watches.values()) {
			if (shared.id !== answer.id) continue;
			shared.last = { value: answer.value };
			for (const listener of shared.listeners) listener(answer.value);
		}
	}
}
