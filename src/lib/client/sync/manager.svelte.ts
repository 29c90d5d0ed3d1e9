import type { OutboxEntry } from '../db';
import { StoreClient, untilDone } from './client';
import { databaseName, SyncHttpError } from './protocol';

export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'error' | 'signedOut';

/**
 * Runs sync for the signed-in user in this tab: soon after a local change, when the network comes
 * back, when the tab becomes visible, and every minute; with growing pauses after failures. Only one
 * tab syncs at a time (a Web Lock); the others see the results through the store's live queries.
 *
 * The device store runs in a worker (`./client`, `./service`), started once the page has painted;
 * `store` stays null until it is open, and `whenReady()` resolves with it, so that reads and writes
 * wait for the store instead of failing.
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
	store: StoreClient | null = null;

	/**
	 * Whether the device's store can be taken as this user's data: synced before on this device, or the
	 * first sync of this visit has ended, or there is no syncing now (offline, an error, signed out).
	 * Until then an empty list may only mean "not here yet": pages say they are loading, not "nothing yet".
	 */
	get known(): boolean {
		return this.lastSyncAt !== null || this.synced || this.status === 'offline' || this.status === 'error' || this.status === 'signedOut';
	}
	userId: string | null = null;

	#timer: ReturnType<typeof setTimeout> | undefined;
	#interval: ReturnType<typeof setInterval> | undefined;
	#failures = 0;
	#cleanup: (() => void)[] = [];
	#ready: Promise<StoreClient | null> = Promise.resolve(null);

	/** The device store once it is open; null when sync was never started (or stopped meanwhile). */
	whenReady(): Promise<StoreClient | null> {
		return this.#ready;
	}

	/**
	 * Opens the store, trying again (1 s, 2 s, … up to 30 s) when it cannot be served yet — a first visit
	 * that lost the network before the service worker kept the files — so that writes made meanwhile
	 * wait for the store instead of failing. False when this user signed out meanwhile.
	 */
	async #open(store: StoreClient, userId: string): Promise<boolean> {
		const gone = () => this.userId !== userId;
		return (await untilDone(() => store.open(), gone)) && !gone();
	}

	start(userId: string): void {
		if (this.userId === userId) return;
		this.stop();
		this.userId = userId;
		this.pending = null;
		this.synced = false;
		// The store starts once the page has painted: on a first visit its sync pulls the whole record
		// set (a coach: thousands of records), and its worker's script must not hold up the page's own.
		const store = new StoreClient(databaseName(userId), startWorker, () => import('./service').then((m) => m.serveStore));
		this.#ready = afterFirstPaint().then(async () => {
			if (this.userId !== userId || !(await this.#open(store, userId))) return null;
			this.store = store;
			this.#cleanup.push(
				store.watch({ outbox: true }, (o) => {
					this.pending = o.pending;
					this.rejected = o.rejected;
				}),
				store.watch({ meta: 'lastSyncAt' }, (value) => (this.lastSyncAt = value))
			);
			this.request(0);
			return store;
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
			() => document.removeEventListener('visibilitychange', visible),
			() => store.stop()
		);
		this.#interval = setInterval(() => this.request(0), 60_000);
		if (!navigator.onLine) this.status = 'offline';
	}

	stop(): void {
		clearTimeout(this.#timer);
		clearInterval(this.#interval);
		for (const c of this.#cleanup) c();
		this.#cleanup = [];
		this.store = null;
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
		const store = this.store;
		if (!store || !this.userId) return;
		if (!navigator.onLine) {
			this.status = 'offline';
			return;
		}
		const work = async () => {
			this.status = 'syncing';
			try {
				await store.sync();
				this.synced = true;
				this.#failures = 0;
				this.error = null;
				this.status = 'idle';
			} catch (e) {
				this.#failures++;
				if (e instanceof SyncHttpError && e.status === 401) {
					this.status = 'signedOut';
					this.error = e.message;
					return;
				}
				this.status = navigator.onLine ? (e instanceof SyncHttpError ? 'error' : 'offline') : 'offline';
				this.error = e instanceof SyncHttpError ? e.message : null;
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
		const store = await this.#ready;
		if (!store) return 0;
		// Waits for a sync already under way (its ops count as "sending" until it answers), then sends the rest.
		await Promise.race([this.run({ wait: true }), new Promise((r) => setTimeout(r, timeoutMs))]);
		return store.unsent();
	}

	/** Removes everything of this user from this device (shared computers). */
	async forget(): Promise<void> {
		const store = await this.#ready;
		// No sync may start while the store goes (it would make it anew).
		clearTimeout(this.#timer);
		clearInterval(this.#interval);
		try {
			await store?.drop();
		} finally {
			this.stop();
		}
	}
}

/** The store's worker, or null where module workers cannot start (the page serves the store then). */
function startWorker(): Worker | null {
	if (typeof Worker === 'undefined') return null;
	try {
		return new Worker(new URL('./store-worker.ts', import.meta.url), { type: 'module', name: 'koers-store' });
	} catch {
		return null;
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
