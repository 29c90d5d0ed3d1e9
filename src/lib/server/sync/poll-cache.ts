import type { Me } from '$lib/domain/user';
import type { Database } from '../db';
import { hashToken, sessionLifetimeMs, type ValidSession } from '../auth/session';
import { log, errorCode } from '../log';
import { parseCursor, type Scope } from './scope';

/**
 * What lets a server process answer "nothing new" to a device's poll without a query.
 *
 * Every open device polls `/api/sync` every few seconds; almost every poll finds nothing. Answering one from
 * the database costs a sign-in lookup and a scope query; the answer carries no data, only the device's own
 * cursor back. This cache holds, per process, what such an answer needs:
 * - sign-ins of devices that poll (by token hash), as the database last confirmed them;
 * - each polling user's scope key and the keys of what is in their scope (`watchKeys`);
 * - per school, the newest rev per key written since the school was first looked at here (`marks`), and
 *   the school's newest rev at that moment (`floor`).
 *
 * It is kept right by the database, not by time: triggers (migration 0006) send what changed on
 * `koers_changes` after commit, whoever wrote it, and every process hears it (`startChangeFeed`). Each kind
 * of entry is filled only if nothing of its kind was heard between the start of the query it came from and
 * the fill (a ticket), and the whole cache is off while the feed is not connected. Anything the cache cannot
 * answer for certain — another scope, an older cursor, a write in scope, a sign-in due for renewal — goes to
 * the database; so does every poll with ops, and any answer that carries data. A poll answered here
 * can lag a commit by the time its notification takes to arrive, as if it had come a moment earlier.
 */
export const feedChannel = 'koers_changes';

/** Beyond this many entries a map is emptied and filled again: memory stays bounded with any number of devices. */
const maxEntries = 100_000;

export interface PollTicket {
	/** Which connection of the feed (and whether there was one): nothing heard before a reconnect counts. */
	epoch: number;
	sessions: number;
	scopes: number;
	school: number;
}

interface SchoolMarks {
	floor: number;
	marks: Map<string, number>;
}

/** The keys under which the feed reports writes that are in this scope (see `scopeParts` in changes-since). */
export function watchKeys(scope: Scope): string[] {
	const { actor } = scope;
	const keys = ['q'];
	for (const g of scope.groupIds) keys.push(`g:${g}`);
	if (actor.role === 'student') keys.push(`o:${actor.id}`);
	if (actor.role === 'coach') {
		keys.push(`a:${actor.id}`);
		for (const s of scope.studentIds) keys.push(`o:${s}`);
	}
	return keys;
}

/** What hears the change feed: on while it is connected, off (and emptied) while it is not. */
export interface FeedListener {
	up(): void;
	down(): void;
	heard(payload: string): void;
}

export class PollCache implements FeedListener {
	#live = false;
	/** Bumped whenever the cache is emptied (feed up or down): a ticket from before is worth nothing. */
	#epoch = 0;
	#sessions = new Map<string, { user: Me; expiresAt: number }>();
	#scopes = new Map<string, { key: string; watch: string[] }>();
	#schools = new Map<string, SchoolMarks>();
	#sessionsHeard = 0;
	#scopesHeard = 0;
	/** Per school, how many record notifications were heard (schools not tracked yet included). */
	#schoolHeard = new Map<string, number>();

	get live(): boolean {
		return this.#live;
	}

	/** The feed is connected: from now on every change is heard. */
	up(): void {
		this.#forget();
		this.#live = true;
	}

	/** The feed is lost: changes may go unheard, so nothing here can be trusted until it is back. */
	down(): void {
		this.#live = false;
		this.#forget();
	}

	#forget() {
		this.#sessions.clear();
		this.#scopes.clear();
		this.#schools.clear();
		this.#epoch++;
	}

	/** The ticket was taken while the feed was up, and it has not been down since. */
	#current(ticket: PollTicket): boolean {
		return this.#live && ticket.epoch === this.#epoch;
	}

	/** Taken before the query whose result may fill the cache. */
	ticket(schoolId: string): PollTicket {
		return { epoch: this.#live ? this.#epoch : -1, sessions: this.#sessionsHeard, scopes: this.#scopesHeard, school: this.#schoolHeard.get(schoolId) ?? 0 };
	}

	/** One notification from the feed. */
	heard(payload: string): void {
		const [kind, schoolId, rev, ...keys] = payload.split(' ');
		if (kind === 's' || kind === 'u' || kind === 'x') {
			this.#sessionsHeard++;
			this.#sessions.clear();
		} else if (kind === 'm') {
			this.#scopesHeard++;
			this.#scopes.clear();
		} else if (kind === 'r' && schoolId) {
			this.#schoolHeard.set(schoolId, (this.#schoolHeard.get(schoolId) ?? 0) + 1);
			const school = this.#schools.get(schoolId);
			const n = Number(rev);
			if (!school) return;
			if (!Number.isSafeInteger(n) || keys.includes('*') || !keys.length) {
				// Everything in the school may be new: nothing older than this can be answered from here.
				if (Number.isSafeInteger(n)) school.floor = Math.max(school.floor, n);
				else this.#schools.delete(schoolId);
				return;
			}
			for (const k of keys) if ((school.marks.get(k) ?? 0) < n) school.marks.set(k, n);
		} else if (kind !== 'p') {
			// Something this version does not know (`p` is a ping, for tests): forget everything rather than guess.
			this.#forget();
		}
	}

	/** The signed-in user of a polling device, if the database confirmed the sign-in and nothing changed since. */
	user(token: string, now = Date.now()): Me | null {
		if (!this.#live) return null;
		const hit = this.#sessions.get(hashToken(token));
		// A sign-in close to renewal goes to the database, which renews it.
		if (!hit || hit.expiresAt - now < sessionLifetimeMs / 2) return null;
		return hit.user;
	}

	rememberSession(ticket: PollTicket, token: string, session: ValidSession): void {
		if (!this.#current(ticket) || ticket.sessions !== this.#sessionsHeard) return;
		if (this.#sessions.size >= maxEntries) this.#sessions.clear();
		this.#sessions.set(hashToken(token), { user: session.user, expiresAt: session.expiresAt.getTime() });
	}

	/**
	 * After a poll answered from the database: the user's scope, and — if the school is not tracked yet — its
	 * newest rev from the same statement as the floor.
	 */
	rememberPoll(ticket: PollTicket, scope: Scope, schoolRev: number): void {
		if (!this.#current(ticket)) return;
		const { actor } = scope;
		if (ticket.scopes === this.#scopesHeard) {
			if (this.#scopes.size >= maxEntries) this.#scopes.clear();
			this.#scopes.set(actor.id, { key: scope.key, watch: watchKeys(scope) });
		}
		if (!this.#schools.has(actor.schoolId) && ticket.school === (this.#schoolHeard.get(actor.schoolId) ?? 0)) {
			this.#schools.set(actor.schoolId, { floor: schoolRev, marks: new Map() });
		}
	}

	/** True when nothing in the user's scope can have been written after `cursor`: the poll's answer is its own cursor. */
	nothingNew(user: { id: string; schoolId: string }, cursor: string): boolean {
		const parsed = parseCursor(cursor);
		if (!this.#live || !parsed) return false;
		const { rev, key } = parsed;
		const scope = this.#scopes.get(user.id);
		const school = this.#schools.get(user.schoolId);
		if (!scope || !school || scope.key !== key || rev < school.floor) return false;
		for (const k of scope.watch) if ((school.marks.get(k) ?? 0) > rev) return false;
		return true;
	}
}

/** The process's cache; the sync route and the sign-in hook use it. */
export const pollCache = new PollCache();

let stopFeed: (() => Promise<void>) | null = null;
let retry: ReturnType<typeof setTimeout> | undefined;
let running = false;
let feedCaches: FeedListener | null = null;

/**
 * Listens on the change feed and keeps the caches on while it is connected; reconnects (1 s, doubling to
 * 30 s) when the connection is lost. Without a feed the caches stay off and every request goes to the database.
 */
export function startChangeFeed(database: () => Database, listeners: FeedListener | FeedListener[] = pollCache): void {
	const caches = [listeners].flat();
	const cache: FeedListener = {
		up: () => caches.forEach((c) => c.up()),
		down: () => caches.forEach((c) => c.down()),
		heard: (payload) => caches.forEach((c) => c.heard(payload))
	};
	feedCaches = cache;
	running = true;
	let wait = 1000;
	const connect = async () => {
		retry = undefined;
		if (!running) return;
		try {
			const stop = await database().listen(feedChannel, (payload) => cache.heard(payload), (error) => {
				cache.down();
				stopFeed = null;
				log.warn('change feed lost', { code: errorCode(error) });
				if (running) retry = setTimeout(connect, wait);
			});
			if (!running) return void (await stop());
			stopFeed = stop;
			wait = 1000;
			cache.up();
		} catch (error) {
			cache.down();
			log.warn('change feed not connected', { code: errorCode(error), retryMs: wait });
			retry = setTimeout(connect, wait);
			wait = Math.min(wait * 2, 30_000);
		}
	};
	void connect();
}

export async function stopChangeFeed(cache: FeedListener = feedCaches ?? pollCache): Promise<void> {
	running = false;
	clearTimeout(retry);
	cache.down();
	feedCaches = null;
	const stop = stopFeed;
	stopFeed = null;
	await stop?.();
}
