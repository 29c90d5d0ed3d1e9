import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { FeedListener } from '../sync/poll-cache';
import { acceptsGzip } from './compress';

/**
 * Rendered pages kept per process and served again while nothing they show can have changed. A coach goes dashboard → student → dashboard all lesson
 * long; between two visits usually nothing in the group was written, and rendering the page again
 * (a statement for the rows, one for the coaches, the server render of 30 cards) bought nothing.
 *
 * A page takes part when its load says what it shows (`locals.pageWatch`): the school and the students
 * whose records it reads (group-level records — boards, items, needs — drop every page of the school). It is kept
 * right by the database's change feed (migration 0006), as the poll cache is: records of a watched
 * student or any group-level record in the school, memberships, groups, users or schools changed →
 * the page goes. The whole cache is off while the feed is not connected, and a page is only kept if
 * nothing was heard between the start of its render and its end. The sign-in and the area guard run
 * before every answer from here; the key holds the user, the language and the hour (the pace, and
 * "today" / "yesterday", follow the clock), and a kept page is only ever served to the user it was made for.
 * The sign-in of a kept page may itself come from the poll cache's sign-ins, which the same feed keeps
 * right (a session ended, a user changed: gone); anything rendered from data confirms it in the database.
 *
 * Each answer gets its own CSP nonce: the one in the kept page and its header is replaced. For a
 * browser that takes gzip (all do) the parts between the nonces are kept compressed, and an answer only
 * adds the nonce between them and the checksum (`gzipped`): nothing is compressed per answer.
 */
export interface PageWatch {
	schoolId: string;
	/** Students whose own records the page shows (feed key `o:<id>`). */
	owners: string[];
}

interface Kept {
	status: number;
	headers: [string, string][];
	/** The body as UTF-8, cut where the nonce was: each answer joins the parts with its own nonce. */
	parts: Uint8Array[];
	nonce: string | null;
}

export interface Entry extends Kept {
	schoolId: string;
	owners: Set<string>;
	bytes: number;
	/** The parts compressed once, with what each answer's gzip trailer needs: see `gzipped`. */
	deflated: Deflated;
}

interface Deflated {
	/** Each part as raw deflate; all but the last end on a byte boundary without ending the stream. */
	blocks: Uint8Array[];
	/** Each part's CRC-32, and for each part the factor that moves a CRC-32 past its length (`crcShift`). */
	crcs: number[];
	shifts: number[];
	/** The parts' bytes, together. */
	length: number;
}

/** Bounded by bytes: a group page is ~100 KB, so a few hundred coaches' pages per process. */
const maxBytes = 32 * 1024 * 1024;

export class PageCache implements FeedListener {
	#live = false;
	/** Bumped on every notification and every up/down: a render that saw it change is not kept. */
	#heard = 0;
	#entries = new Map<string, Entry>();
	#bytes = 0;

	get size(): number {
		return this.#entries.size;
	}

	up(): void {
		this.#clear();
		this.#live = true;
	}

	down(): void {
		this.#live = false;
		this.#clear();
	}

	heard(payload: string): void {
		this.#heard++;
		const [kind, schoolId, , ...keys] = payload.split(' ');
		if (kind === 's' || kind === 'p') return; // sign-ins are confirmed on every request anyway; `p` is a ping
		if (kind !== 'r' || !schoolId) return this.#clear(); // memberships, groups, users, schools, or unknown
		const owners = keys.filter((k) => k.startsWith('o:')).map((k) => k.slice(2));
		// Keys other than owners (a group's boards, items, needs; `*`: too many to list) may touch any page of the school.
		const wide = keys.length === 0 || keys.some((k) => !k.startsWith('o:'));
		for (const [key, entry] of this.#entries) {
			if (entry.schoolId !== schoolId) continue;
			if (wide || owners.some((o) => entry.owners.has(o))) this.#delete(key);
		}
	}

	/** Taken before a render whose page may be kept. */
	ticket(): number {
		return this.#live ? this.#heard : -1;
	}

	get(key: string): Entry | undefined {
		if (!this.#live) return undefined;
		const entry = this.#entries.get(key);
		if (entry) {
			// Least recently used goes first when full: a Map iterates in insertion order.
			this.#entries.delete(key);
			this.#entries.set(key, entry);
		}
		return entry;
	}

	set(ticket: number, key: string, watch: PageWatch, response: Kept): boolean {
		if (!this.#live || ticket !== this.#heard) return false;
		const deflated = deflateParts(response.parts);
		const bytes = deflated.length + deflated.blocks.reduce((n, b) => n + b.byteLength, 0);
		if (bytes > maxBytes / 8) return false;
		this.#delete(key);
		while (this.#bytes + bytes > maxBytes && this.#entries.size) this.#delete(this.#entries.keys().next().value!);
		this.#entries.set(key, { ...response, schoolId: watch.schoolId, owners: new Set(watch.owners), bytes, deflated });
		this.#bytes += bytes;
		return true;
	}

	#delete(key: string) {
		const entry = this.#entries.get(key);
		if (!entry) return;
		this.#entries.delete(key);
		this.#bytes -= entry.bytes;
	}

	#clear() {
		this.#heard++;
		this.#entries.clear();
		this.#bytes = 0;
	}
}

export const pageCache = new PageCache();

const nonceIn = (csp: string | null) => csp?.match(/'nonce-([^']+)'/)?.[1] ?? null;

/** gzip's fixed header: deflate, no name or time, unknown OS. */
const gzipHeader = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);

function deflateParts(parts: Uint8Array[]): Deflated {
	const last = parts.length - 1;
	return {
		blocks: parts.map((p, i) => deflateRawSync(p, i < last ? { finishFlush: constants.Z_SYNC_FLUSH } : {})),
		crcs: parts.map((p) => crc32(p)),
		shifts: parts.map((p) => crcShift(p.byteLength)),
		length: parts.reduce((n, p) => n + p.byteLength, 0)
	};
}

/**
 * The kept page as gzip with `nonce` in it, as one buffer: the parts as they were compressed when the
 * page was kept, each nonce between them as a stored (uncompressed) deflate block — the parts before it
 * end on a byte boundary, so blocks may follow one another like that — and the trailer, whose CRC-32 is
 * the parts' and the nonces' joined (`crcJoin`) instead of computed over the page again.
 */
export function gzipped(entry: Pick<Entry, 'deflated'>, nonce: Uint8Array): Buffer {
	const { blocks, crcs, shifts, length } = entry.deflated;
	const stored = new Uint8Array(5 + nonce.byteLength);
	stored.set([0, nonce.byteLength & 0xff, nonce.byteLength >> 8, ~nonce.byteLength & 0xff, (~nonce.byteLength >> 8) & 0xff]);
	stored.set(nonce, 5);
	const out: Uint8Array[] = [gzipHeader, blocks[0]!];
	let crc = crcs[0]!;
	for (let i = 1; i < blocks.length; i++) {
		out.push(stored, blocks[i]!);
		crc = crcJoin(crc32(nonce, crc), crcs[i]!, shifts[i]!);
	}
	const trailer = Buffer.alloc(8);
	trailer.writeUInt32LE(crc, 0);
	trailer.writeUInt32LE((length + (blocks.length - 1) * nonce.byteLength) % 2 ** 32, 4);
	out.push(trailer);
	// A tenth of the page: one buffer, for the server to read and write as one chunk.
	return Buffer.concat(out);
}

/*
 * Joining CRC-32s, as zlib's crc32_combine does (crc32.c): the CRC-32 of A then B is A's CRC-32 times
 * x^(8·|B|) modulo the CRC polynomial, plus B's CRC-32. The factor depends only on |B|, so a kept part's
 * is worked out once, when it is kept.
 */
const poly = 0xedb88320;

/** a·b modulo the CRC-32 polynomial (bit-reflected, as CRC-32 values are). */
function mulModP(a: number, b: number): number {
	let product = 0;
	for (let m = 0x80000000; m !== 0; m >>>= 1) {
		if (a & m) product ^= b;
		b = b & 1 ? (b >>> 1) ^ poly : b >>> 1;
	}
	return product >>> 0;
}

/** x^(2^k) modulo the polynomial, for k = 0…31. */
const powers: number[] = [];
for (let p = 0x40000000, k = 0; k < 32; k++, p = mulModP(p, p)) powers.push(p);

/** x^(8·bytes) modulo the polynomial: what moves a CRC-32 past `bytes` bytes. */
export function crcShift(bytes: number): number {
	let p = 0x80000000;
	for (let n = bytes, k = 3; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = mulModP(powers[k % 32]!, p);
	return p;
}

/** The CRC-32 of A followed by B, from A's, B's and B's `crcShift`. */
export function crcJoin(crcA: number, crcB: number, shiftB: number): number {
	return (mulModP(shiftB, crcA) ^ crcB) >>> 0;
}

/**
 * A body sent as the chunks it is made of, with its length: joining a ~100 KB page into one buffer per
 * answer (and the copy a byte body gets in `Response`) was a fifth of the server's time on a kept page.
 * The chunks are the kept ones; nothing on the way to the socket takes ownership of them.
 */
function answer(chunks: Uint8Array[], status: number, headers: Headers): Response {
	headers.set('content-length', String(chunks.reduce((n, c) => n + c.byteLength, 0)));
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const chunk of chunks) if (chunk.byteLength) controller.enqueue(chunk);
			controller.close();
		}
	});
	return new Response(body, { status, headers });
}
const encoder = new TextEncoder();

/** Random bytes drawn 4 KB at a time (as Node does for `randomUUID`): one system call per 256 nonces. */
const randomPool = new Uint8Array(4096);
let randomAt = randomPool.length;

/** 128 random bits, base64: a CSP nonce that no earlier answer had. */
function freshNonce(): string {
	if (randomAt + 16 > randomPool.length) {
		crypto.getRandomValues(randomPool);
		randomAt = 0;
	}
	const bytes = randomPool.subarray(randomAt, (randomAt += 16));
	return btoa(String.fromCharCode(...bytes));
}

/**
 * The key of a page for this user: path and query, language, and the hour it is now. None for a request
 * that asks for a fresh page (`Cache-Control: no-cache`, as a browser's hard reload sends): it is rendered.
 */
export function pageKey(event: RequestEvent, user = event.locals.user): string | null {
	if (!user || event.request.method !== 'GET' || event.isDataRequest || event.isSubRequest) return null;
	if (/no-cache|no-store|max-age=0/i.test(event.request.headers.get('cache-control') ?? '')) return null;
	return `${user.id}\u0000${event.locals.locale}\u0000${new Date().toISOString().slice(0, 13)}\u0000${event.url.pathname}${event.url.search}`;
}

/**
 * The hook: innermost, after the sign-in and the area guard. A kept page is answered with a new nonce;
 * otherwise the page renders, and is kept if its load said what it watches and it rendered as a plain 200.
 */
export function pageCacheHandle(cache = pageCache): Handle {
	return async ({ event, resolve }) => {
		const key = pageKey(event);
		if (key === null) return resolve(event);
		// The sign-in hook may have taken the page already (a kept sign-in is only used for a kept page).
		const hit = event.locals.pageHit ?? cache.get(key);
		if (hit) {
			const nonce = hit.nonce ? freshNonce() : '';
			const headers = new Headers(hit.headers.map(([k, v]): [string, string] => [k, k === 'content-security-policy' && hit.nonce ? v.replaceAll(hit.nonce, nonce) : v]));
			const glue = encoder.encode(nonce);
			if (acceptsGzip(event.request.headers.get('accept-encoding'))) {
				headers.set('content-encoding', 'gzip');
				headers.append('vary', 'Accept-Encoding');
				return answer([gzipped(hit, glue)], hit.status, headers);
			}
			return answer(hit.parts.flatMap((p, i) => (i ? [glue, p] : [p])), hit.status, headers);
		}
		if (event.locals.sessionFromCache) throw new Error('a kept sign-in reached a page that is not kept');
		const ticket = cache.ticket();
		const response = await resolve(event);
		const watch = event.locals.pageWatch;
		if (!watch || ticket < 0 || response.status !== 200 || response.headers.has('set-cookie') || !response.headers.get('content-type')?.startsWith('text/html')) {
			return response;
		}
		const body = await response.text();
		const headers = [...response.headers].filter(([k]) => k !== 'content-length');
		const nonce = nonceIn(response.headers.get('content-security-policy'));
		const parts = (nonce ? body.split(nonce) : [body]).map((p) => encoder.encode(p));
		cache.set(ticket, key, watch, { status: response.status, headers, parts, nonce });
		return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
	};
}
