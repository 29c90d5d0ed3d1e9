import { crc32, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crcJoin, crcShift, gzipped, PageCache } from './page-cache';

const school = 'school-a';
const page = (text = 'page') => ({ status: 200, headers: [['content-type', 'text/html']] as [string, string][], parts: [new TextEncoder().encode(text)], nonce: null });

function keep(cache: PageCache, key: string, owners: string[], schoolId = school, text?: string) {
	return cache.set(cache.ticket(), key, { schoolId, owners }, page(text));
}

describe('the page cache, as the change feed keeps it', () => {
	it('keeps nothing while the feed is down, and forgets everything when it goes down', () => {
		const cache = new PageCache();
		expect(keep(cache, 'k', ['s1'])).toBe(false);
		cache.up();
		expect(keep(cache, 'k', ['s1'])).toBe(true);
		expect(cache.get('k')).toBeDefined();
		cache.down();
		expect(cache.get('k')).toBeUndefined();
		cache.up();
		expect(cache.get('k')).toBeUndefined();
	});

	it('drops a page when a record of one of its students is written, and only then', () => {
		const cache = new PageCache();
		cache.up();
		keep(cache, 'group-1', ['s1', 's2']);
		keep(cache, 'group-2', ['s3']);
		keep(cache, 'other-school', ['s1'], 'school-b');
		cache.heard(`r ${school} 41 o:s9`);
		cache.heard('s');
		cache.heard('p');
		expect(cache.size).toBe(3);
		cache.heard(`r ${school} 42 o:s2 o:s9`);
		expect(cache.get('group-1')).toBeUndefined();
		expect(cache.get('group-2')).toBeDefined();
		expect(cache.get('other-school')).toBeDefined();
	});

	it('drops every page of the school for group-level records, and every page for people and groups', () => {
		const cache = new PageCache();
		cache.up();
		keep(cache, 'group-1', ['s1']);
		keep(cache, 'other-school', ['s1'], 'school-b');
		cache.heard(`r ${school} 43 g:group-1 a:coach`);
		expect(cache.get('group-1')).toBeUndefined();
		expect(cache.get('other-school')).toBeDefined();
		keep(cache, 'group-1', ['s1']);
		cache.heard(`r ${school} 44 *`);
		expect(cache.get('group-1')).toBeUndefined();
		for (const kind of ['m', 'u', 'x', 'something new']) {
			keep(cache, 'group-1', ['s1']);
			cache.heard(kind);
			expect(cache.get('group-1'), kind).toBeUndefined();
		}
	});

	it('does not keep a page when anything was heard while it was rendered', () => {
		const cache = new PageCache();
		cache.up();
		const ticket = cache.ticket();
		cache.heard(`r ${school} 45 o:someone-else`);
		expect(cache.set(ticket, 'k', { schoolId: school, owners: ['s1'] }, page())).toBe(false);
		expect(cache.get('k')).toBeUndefined();
	});

	it('stays within its memory bound, dropping the least recently used page first', () => {
		const cache = new PageCache();
		cache.up();
		const big = 'x'.repeat(3 * 1024 * 1024); // 3 MB: ten fit in 32 MB
		for (let i = 0; i < 10; i++) expect(keep(cache, `k${i}`, ['s1'], school, big)).toBe(true);
		expect(cache.size).toBe(10);
		expect(cache.get('k0')).toBeDefined(); // used again: now the most recent
		keep(cache, 'k10', ['s1'], school, big);
		expect(cache.size).toBe(10);
		expect(cache.get('k0')).toBeDefined();
		expect(cache.get('k1')).toBeUndefined();
		// A page larger than an eighth of the cache is not kept at all.
		expect(keep(cache, 'huge', ['s1'], school, 'x'.repeat(5 * 1024 * 1024))).toBe(false);
	});

	it('answers gzip that any gzip reader unpacks to the page with the new nonce', () => {
		const enc = new TextEncoder();
		fc.assert(
			fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 3000 }), { minLength: 1, maxLength: 4 }), fc.base64String({ minLength: 4, maxLength: 24 }), (texts, nonce) => {
				const cache = new PageCache();
				cache.up();
				const parts = texts.map((t) => enc.encode(t));
				cache.set(cache.ticket(), 'k', { schoolId: school, owners: [] }, { status: 200, headers: [], parts, nonce: 'old' });
				const entry = cache.get('k')!;
				const out = gunzipSync(gzipped(entry, enc.encode(nonce))).toString('utf8');
				expect(out).toBe(texts.join(nonce));
			}),
			{ numRuns: 200 }
		);
		// A real page's size: both sides of the nonce are kept compressed, the answer stays small.
		const page = 'x'.repeat(80_000);
		const cache = new PageCache();
		cache.up();
		cache.set(cache.ticket(), 'p', { schoolId: school, owners: [] }, { status: 200, headers: [], parts: [enc.encode(page), enc.encode(`"></script>${page}`)], nonce: 'n' });
		expect(gzipped(cache.get('p')!, enc.encode('abc')).byteLength).toBeLessThan(1000);
	});

	it('joins two CRC-32s into the CRC-32 of both texts, as zlib computes it over the whole', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 5000 }), fc.uint8Array({ maxLength: 5000 }), (a, b) => {
				expect(crcJoin(crc32(a), crc32(b), crcShift(b.byteLength))).toBe(crc32(Buffer.concat([a, b])));
			}),
			{ numRuns: 300 }
		);
	});
});
