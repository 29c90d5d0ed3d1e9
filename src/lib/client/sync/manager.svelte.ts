import type { Subscription } from 'dexie';
import type { KoersDB, OutboxEntry } from '../db';
import type { SyncWorkerClient } from './worker';

type Runtime = typeof import('./runtime');

export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'error' | 'signedOut';

/**
 * Runs sync for the signed-in user in this tab: soon after a local change, when the network comes
 * back, when the tab becomes visible, and every minute; with growing pauses after failures. Only one
 * tab syncs at a time (a Web Lock); the others see the results through Dexie's live queries.
 *
 * Dexie and the engine load once the page has painted (`./runtime`); `db` stays null until then and
 * `whenReady()` resolves with it, so that reads and writes wait for the store instead of failing.
 */
export class SyncManager {
	status = $state<SyncStatus>('idle');
	/** Ops waiting on this device; null until the device's store has been read. */
	pending = $state<number | null>(null);
	rejected = $state<OutboxEntry[]>([]);
	lastSyncAt = $state<string | null>(null);
	/** A sync has finished since this page opened: only then does "all saved" mean the server agrees. */
	synced = $state(false);
	error = $state<string | null>(null);
	db = $state<KoersDB | null>(null);
	userId: string | null = null;

	#timer: ReturnType<typeof setTimeout> | undefined;
	#interval: ReturnType<typeof setInterval> | undefined;
	#failures = 0;
	#subs: Subscription[] = [];
	#cleanup: (() => void)[] = [];
	#ready: Promise<KoersDB | null> = Promise.resolve(null);
	#runtime: Runtime | null = null;
	#worker: SyncWorkerClient | null = null;

	/** The device store once it is open; null when sync was never started (or stopped meanwhile). */
	whenReady(): Promise<KoersDB | null> {
		return this.#ready;
	}

	/**
	 * Loads the runtime, trying again (1 s, 2 s, … up to 30 s) when its file cannot be fetched — a first
	 * visit that lost the network before the service worker kept it — so that writes made meanwhile wait
	 * for the store instead of failing. Null when this user signed out meanwhile.
	 */
	async #loadRuntime(userId: string): Promise<Runtime | null> {
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.runtime();
			} catch {
				if (this.userId !== userId) return null;
				await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** attempt)));
				if (this.userId !== userId) return null;
			}
		}
	}

	/** Dexie's `liveQuery` and the rest of the runtime (loads it when needed). */
	async runtime(): Promise<Runtime> {
		this.#runtime ??= await import('./runtime');
		return this.#runtime;
	}

	start(userId: string): void {
		if (this.userId === userId) return;
		this.stop();
		this.userId = userId;
		this.pending = null;
		this.synced = false;
		// The first sync waits until the page has painted too: on a first visit it pulls the whole record
		// set (a coach: thousands of records), which must not hold up the page's own first render.
		this.#ready = afterFirstPaint()
			.then(() => this.#loadRuntime(userId))
			.then(async (rt) => {
				// Each step a task of its own (loading Dexie, reading the store's schema, opening it, which
				// on a first visit creates it): together they were one task long enough for a phone to stall.
				if (!rt) return null;
				await rt.yieldToMain();
				if (this.userId !== userId) return null;
				const db = new rt.KoersDB(rt.databaseName(userId));
				// Syncs run in a worker (see ./worker); on the page when it cannot start.
				this.#worker = new rt.SyncWorkerClient(rt.runtimeUrl, () => rt.syncOnce(db, rt.httpTransport));
				// On a first visit the store is made in the worker, not on the page.
				if (!(await storeExists(db.name))) await this.#worker.open(db.name);
				else await rt.yieldToMain();
				if (this.userId !== userId) return null;
				this.db = db;
				this.#subs.push(
					rt.liveQuery(() => db.outbox.toArray()).subscribe((ops) => {
						this.pending = ops.filter((o) => o.status !== 'rejected').length;
						this.rejected = ops.filter((o) => o.status === 'rejected');
					}),
					rt.liveQuery(() => db.meta.get('lastSyncAt')).subscribe((m) => (this.lastSyncAt = m?.value ?? null))
				);
				this.request(0);
				return db;
			});
		const soon = () => this.request(0);
		const visible = () => document.visibilityState === 'visible' && this.request(0);
		const offline = () => (this.status = 'offline');
		window.addEventListener('online', soon);
		window.addEventListener('offline', offline);
		document.addEventListener('visibilitychange', visible);
		this.#cleanup.push(
			() => window.removeEventListener('online', soon),
			() => window.removeEventListener('offline', offline),
			() => document.removeEventListener('visibilitychange', visible)
		);
		this.#interval = setInterval(() => this.request(0), 60_000);
		if (!navigator.onLine) this.status = 'offline';
	}

	stop(): void {
		clearTimeout(this.#timer);
		clearInterval(this.#interval);
		for (const s of this.#subs) s.unsubscribe();
		for (const c of this.#cleanup) c();
		this.#subs = [];
		this.#cleanup = [];
		const db = this.db;
		this.#worker?.terminate();
		this.#worker = null;
		db?.close();
		this.db = null;
		this.userId = null;
		this.#ready = Promise.resolve(null);
	}

	/** Asks for a sync after `delay` ms (a local change waits a moment, so typing is sent in one go). */
	request(delay = 1000): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.run(), delay);
	}

	/**
	 * Syncs now; resolves when done. Normally skipped while another tab (or an earlier run) syncs;
	 * with `wait`, it waits for that one to finish and then syncs, so nothing sent meanwhile is missed.
	 */
	async run({ wait = false }: { wait?: boolean } = {}): Promise<void> {
		const db = this.db;
		const rt = this.#runtime;
		if (!db || !rt || !this.userId) return;
		if (!navigator.onLine) {
			this.status = 'offline';
			return;
		}
		const work = async () => {
			this.status = 'syncing';
			try {
				if (this.#worker) await this.#worker.sync(db.name);
				else await rt.syncOnce(db, rt.httpTransport);
				this.synced = true;
				this.#failures = 0;
				this.error = null;
				this.status = 'idle';
			} catch (e) {
				this.#failures++;
				if (e instanceof rt.SyncHttpError && e.status === 401) {
					this.status = 'signedOut';
					this.error = e.message;
					return;
				}
				this.status = navigator.onLine ? (e instanceof rt.SyncHttpError ? 'error' : 'offline') : 'offline';
				this.error = e instanceof rt.SyncHttpError ? e.message : null;
				// 2 s, 4 s, 8 s … up to 5 minutes, with some jitter so a class does not retry in step.
				const wait = Math.min(300_000, 2000 * 2 ** Math.min(this.#failures, 8)) * (0.75 + Math.random() * 0.5);
				this.request(wait);
			}
		};
		if ('locks' in navigator) {
			await navigator.locks.request(`koers-sync-${this.userId}`, { ifAvailable: !wait }, async (lock) => {
				if (lock) await work();
			});
		} else {
			await work();
		}
	}

	/** Before signing out: send what waits. Returns how many changes could not be sent. */
	async flush(timeoutMs = 8000): Promise<number> {
		await this.#ready;
		if (!this.db) return 0;
		// Waits for a sync already under way (its ops count as "sending" until it answers), then sends the rest.
		await Promise.race([this.run({ wait: true }), new Promise((r) => setTimeout(r, timeoutMs))]);
		return this.db.outbox.where('status').anyOf('pending', 'sending').count();
	}

	/** Removes everything of this user from this device (shared computers). */
	async forget(): Promise<void> {
		await this.#ready;
		const db = this.db;
		// The worker's connection closes first, or the deletion would wait for it.
		if (db) await this.#worker?.close(db.name);
		this.stop();
		if (db) await db.delete();
	}
}

/** Whether this device has the store already (true when the browser cannot tell: the page opens it then). */
async function storeExists(name: string): Promise<boolean> {
	if (typeof indexedDB.databases !== 'function') return true;
	try {
		return (await indexedDB.databases()).some((d) => d.name === name);
	} catch {
		return true;
	}
}

/** Resolves once the browser has painted the page (at once in a hidden tab, where frames wait). */
function afterFirstPaint(): Promise<void> {
	return new Promise((resolve) => {
		const done = () => setTimeout(resolve, 0);
		if (document.visibilityState !== 'visible') return done();
		requestAnimationFrame(done);
		setTimeout(resolve, 500);
	});
}

export const syncManager = new SyncManager();
