import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFileText, dutchDefaultLevels, parseBoardFile, recordsFromFile, toBoardFile } from '$lib/domain/board-file';
import type { EntityData } from '$lib/domain/entities';
import { queryRows, type Db } from '$lib/server/db';
import { sync } from '$lib/server/sync/sync';
import { addToGroup, makeGroup, makeSchool, makeUser } from '$test/db';
import { put } from '$test/ops';
import { freshDatabase, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { Browser, requestTimeoutMs } from '$test/security/http';
import { openSessions } from '$test/security/world';

/**
 * Fuzzing the built server with fast-check: `POST /api/sync`, `POST /api/auth/login` and the board
 * import (the coach's board file, read by the same parser the browser uses and stored through sync).
 * Random and mutated payloads — wrong types, huge strings, deep nesting, NUL and lone surrogates,
 * invalid UTF-8 bytes, wrong content types. Every answer is a success or a 4xx JSON error, never a
 * 500 or a hang, and rejected input leaves the database as it was.
 *
 * 2,000 cases by default; `KOERS_FUZZ_RUNS=100000` scales up.
 */

const total = Math.max(3, Number(process.env.KOERS_FUZZ_RUNS ?? 2000));
const runs = { sync: Math.round(total * 0.45), login: Math.round(total * 0.2), board: 0 };
runs.board = total - runs.sync - runs.login;
const perCaseMs = 400;

let database: FreshDatabase;
let server: ServerProcess;
let student: Browser;
let coach: Browser;
let seed: { groupId: string; studentId: string; goalId: string; studentToken: string; coachToken: string };
let before: Counts;
let applied = 0;
const ran = { sync: 0, login: 0, board: 0 };

interface Counts {
	users: number;
	groups: number;
	memberships: number;
	records: number;
	appliedOps: number;
	sessions: number;
	maxRev: number;
}

async function counts(db: Db): Promise<Counts> {
	const [row] = await queryRows<Record<keyof Counts, string | number | null>>(
		db,
		sql`select (select count(*) from users) as users, (select count(*) from groups) as groups,
			(select count(*) from memberships) as memberships, (select count(*) from records) as records,
			(select count(*) from applied_ops) as "appliedOps", (select count(*) from sessions) as sessions,
			(select coalesce(max(rev), 0) from records) as "maxRev"`
	);
	return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as unknown as Counts;
}

beforeAll(async () => {
	database = await freshDatabase();
	({ seed, before } = await withDatabase(database.config, async (db) => {
		const school = await makeSchool(db);
		const group = await makeGroup(db, school.id);
		const s = await makeUser(db, school.id, 'student');
		const c = await makeUser(db, school.id, 'coach');
		await addToGroup(db, group, s);
		await addToGroup(db, group, c);
		const goalId = randomUUID();
		await sync(db, s, { cursor: null, ops: [put('goal', { title: 'Een doel', status: 'active' }, goalId)] });
		const [studentToken] = await openSessions(db, s, 1);
		const [coachToken] = await openSessions(db, c, 1);
		return { seed: { groupId: group.id, studentId: s.id, goalId, studentToken: studentToken!, coachToken: coachToken! }, before: await counts(db) };
	}));
	server = await startServer({ database });
	student = new Browser(server.url).withSession(seed.studentToken);
	coach = new Browser(server.url).withSession(seed.coachToken);
}, 120_000);

afterAll(async () => {
	console.log(`fuzz: ${ran.sync + ran.login + ran.board} cases run (sync ${ran.sync}, sign-in ${ran.login}, board import ${ran.board}); ${applied} ops applied`);
	await server?.stop();
	await database?.dispose();
});

// ---------------------------------------------------------------------------------------------
// Generators

/** Text a well-behaved client would never send, and some it might. */
const nastyText = fc.constantFrom(
	'\u0000',
	'a\u0000b',
	'\ud800',
	'x\udfffy',
	'\udbff\udbff',
	'\uffff\ufffe',
	'\u202eevil',
	'💥🏳️‍🌈',
	'<script>alert(1)</script>',
	"'; drop table users; --",
	'../../etc/passwd',
	'%00',
	'\\u0000',
	'__proto__',
	'constructor'
);
const text = (max: number) => fc.oneof({ weight: 6, arbitrary: fc.string({ maxLength: max }) }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: max }) }, { weight: 2, arbitrary: nastyText });
const weird = fc.oneof(
	fc.jsonValue({ maxDepth: 3 }),
	nastyText,
	fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -1, 1e308, 0.5, -0, '', [], {}, null, true, false, '2026-02-30', 'not-a-uuid')
);

type Json = unknown;
interface Mutation {
	at: number;
	kind: 'replace' | 'delete' | 'wrapArray' | 'wrapObject' | 'huge' | 'deep' | 'addKey';
	value: Json;
	n: number;
	key: string;
}
const mutation: fc.Arbitrary<Mutation> = fc.record({
	at: fc.nat(),
	kind: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'wrapArray', 'wrapObject', 'huge', 'deep', 'addKey'),
	value: weird,
	n: fc.integer({ min: 1, max: 4000 }),
	key: fc.oneof(fc.string({ maxLength: 12 }), nastyText)
});

/** Every place in a JSON value that a mutation can hit: [container, key]. */
function places(value: Json, out: [Record<string, Json> | Json[], string | number][] = [], depth = 0) {
	if (depth > 12) return out;
	if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), places(v, out, depth + 1)));
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([value as Record<string, Json>, k]), places(v, out, depth + 1);
	return out;
}

function deep(n: number): Json {
	let v: Json = 'bottom';
	for (let i = 0; i < n; i++) v = i % 2 ? { d: v } : [v];
	return v;
}

/** Applies mutations to a copy of `base`. */
function mutate(base: Json, mutations: Mutation[]): Json {
	const root = { root: structuredClone(base) } as Record<string, Json>;
	for (const m of mutations) {
		const all = places(root);
		if (!all.length) continue;
		const [container, key] = all[m.at % all.length]!;
		const c = container as Record<string | number, Json>;
		switch (m.kind) {
			case 'replace':
				// A copy: fast-check may hand the same object to two mutations, and one inside the other is a cycle.
				c[key] = structuredClone(m.value);
				break;
			case 'delete':
				if (Array.isArray(container)) container.splice(Number(key), 1);
				else delete c[key];
				break;
			case 'wrapArray':
				c[key] = [c[key]];
				break;
			case 'wrapObject':
				c[key] = { value: c[key] };
				break;
			case 'huge':
				c[key] = 'x'.repeat(m.n * 300);
				break;
			case 'deep':
				// Deeper still comes as raw text (`payloads`); a pretty-printed 4,000-level value costs the test seconds.
				c[key] = deep(Math.min(m.n, 500));
				break;
			case 'addKey':
				if (c[key] && typeof c[key] === 'object' && !Array.isArray(c[key])) (c[key] as Record<string, Json>)[m.key] = structuredClone(m.value);
				else c[key] = { [m.key]: structuredClone(m.value) };
				break;
		}
	}
	return root.root;
}

const contentTypes = fc.constantFrom(
	'application/json',
	'application/json; charset=utf-8',
	'application/vnd.koers+json',
	'application/json; charset=latin1',
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=x',
	'',
	'application/xml'
);

/** Raw bytes: random ones, or a valid body with bytes that are not UTF-8 put in. */
function bytesInto(validJson: fc.Arbitrary<string>) {
	const bad = fc.constantFrom([0xff], [0xfe, 0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x00]);
	return fc.oneof(
		fc.uint8Array({ maxLength: 3000 }),
		fc.tuple(validJson, fc.array(fc.tuple(fc.nat(), bad), { minLength: 1, maxLength: 4 })).map(([json, inserts]) => {
			const bytes = [...Buffer.from(json, 'utf8')];
			for (const [at, b] of inserts) bytes.splice(at % (bytes.length + 1), 0, ...b);
			return Uint8Array.from(bytes);
		})
	);
}

interface Payload {
	contentType: string;
	body: string | Uint8Array;
	what: string;
}

/** A JSON payload (valid, mutated or random), raw bytes, or a wrong content type. */
function payloads(valid: fc.Arbitrary<Json>): fc.Arbitrary<Payload> {
	const validJson = valid.map((v) => JSON.stringify(v));
	return fc.oneof(
		{ weight: 2, arbitrary: valid.map((v) => ({ contentType: 'application/json', body: JSON.stringify(v), what: 'valid' })) },
		{
			weight: 6,
			arbitrary: fc
				.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
				.map(([v, ms]) => ({ contentType: 'application/json', body: JSON.stringify(mutate(v, ms)) ?? 'null', what: `mutated ${ms.map((m) => m.kind).join('+')}` }))
		},
		{ weight: 2, arbitrary: fc.jsonValue().map((v) => ({ contentType: 'application/json', body: JSON.stringify(v) ?? 'null', what: 'random JSON' })) },
		{ weight: 2, arbitrary: fc.tuple(bytesInto(validJson), contentTypes).map(([b, t]) => ({ contentType: t || 'application/json', body: b, what: 'bytes' })) },
		{ weight: 1, arbitrary: fc.tuple(validJson, contentTypes).map(([b, t]) => ({ contentType: t, body: b, what: `as ${t || 'no type'}` })) },
		{ weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((n) => ({ contentType: 'application/json', body: '['.repeat(n * 5000) + ']'.repeat(n * 5000), what: 'deep nesting' })) }
	);
}

/** Stands for "the device's current cursor" in generated bodies; `send` puts the real one in. */
const cursorSlot = 'cursor-slot-7f3a';
const cursors: Record<'student' | 'coach', string | null> = { student: null, coach: null };

const allowed = new Set([200, 400, 401, 403, 404, 409, 413, 415, 422, 429]);
const bodySizeLimit = 512 * 1024;

/**
 * One POST on a connection of its own (no keep-alive pool: a refused large body may end the server's
 * side of a connection, which a pooled client would then reuse), with the session cookie and Origin
 * of `client`, and a deadline: a hang fails the case.
 */
function post(client: Browser, path: string, headers: Record<string, string>, body: string | Uint8Array): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			client.baseUrl + path,
			{ method: 'POST', agent: false, headers: { ...headers, origin: client.baseUrl, ...(client.cookie ? { cookie: client.cookie } : {}), 'content-length': String(Buffer.byteLength(body)) }, timeout: requestTimeoutMs },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			}
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${requestTimeoutMs} ms (a hang)`)));
		req.on('error', (e: NodeJS.ErrnoException) => {
			// A body beyond the server's limit (adapter-node's BODY_SIZE_LIMIT, 512 KiB) may be refused with a
			// 413 and the connection closed before this client has finished writing it: the server refused it.
			if ((e.code === 'EPIPE' || e.code === 'ECONNRESET') && Buffer.byteLength(body) > bodySizeLimit) {
				resolve({ status: 413, body: JSON.stringify({ error: { code: 'body_too_large', message: 'closed by the server while sending' } }) });
			} else reject(e);
		});
		req.end(body);
	});
}

/** Sends a payload; checks the answer is a success or a 4xx JSON error; returns the parsed body. */
async function send(client: Browser, path: string, p: Payload, device?: 'student' | 'coach'): Promise<{ status: number; body: Record<string, unknown> }> {
	const headers: Record<string, string> = {};
	if (p.contentType) headers['content-type'] = p.contentType;
	const started = Date.now();
	const sent = device && typeof p.body === 'string' ? p.body.replaceAll(JSON.stringify(cursorSlot), JSON.stringify(cursors[device])) : p.body;
	const res = await post(client, path, headers, sent);
	const raw = res.body;
	if (process.env.KOERS_FUZZ_DEBUG && Date.now() - started > 1000) console.log(`slow: ${Date.now() - started} ms ${path} ${p.what} ${String(p.body).length} chars`);
	if (!allowed.has(res.status)) throw new Error(`${path} (${p.what}) answered ${res.status}: ${raw.slice(0, 300)}`);
	let body: Record<string, unknown>;
	try {
		body = JSON.parse(raw);
	} catch {
		throw new Error(`${path} (${p.what}) answered ${res.status} without JSON: ${raw.slice(0, 200)}`);
	}
	if (res.status >= 400 && typeof (body.error as { code?: unknown } | undefined)?.code !== 'string') {
		throw new Error(`${path} (${p.what}) answered ${res.status} without an error code: ${raw.slice(0, 200)}`);
	}
	// The next request of this device starts where this answer ended, as the client's sync loop does.
	if (device && res.status === 200 && typeof body.cursor === 'string' && body.more !== true) cursors[device] = body.cursor;
	return { status: res.status, body };
}

/** Counts applied ops of a sync answer; checks every op got a result. */
function countApplied(body: Record<string, unknown>, sent: number | null): number {
	const results = body.results as { status: string }[] | undefined;
	if (!Array.isArray(results)) throw new Error(`a sync answer without results: ${JSON.stringify(body).slice(0, 200)}`);
	if (sent !== null && results.length !== sent) throw new Error(`${sent} ops sent, ${results.length} results`);
	for (const r of results) if (!['applied', 'duplicate', 'rejected'].includes(r.status)) throw new Error(`unknown result ${r.status}`);
	return results.filter((r) => r.status === 'applied').length;
}

function opsIn(p: Payload): number | null {
	if (typeof p.body !== 'string') return null;
	try {
		const v = JSON.parse(p.body) as { ops?: unknown };
		return Array.isArray(v.ops) ? v.ops.length : null;
	} catch {
		return null;
	}
}

// ---------------------------------------------------------------------------------------------

describe('fuzzing the built server', () => {
	it(`POST /api/sync: ${runs.sync} random and mutated batches from a student and a coach`, async () => {
		const at = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
		const op = (entity: string, data: fc.Arbitrary<Record<string, unknown>>, id: fc.Arbitrary<string> = fc.uuid({ version: 4 })) =>
			fc.record({ opId: fc.uuid({ version: 4 }), entity: fc.constant(entity), id, action: fc.constant('put'), data, at });
		const studentOp = fc.oneof(
			op('goal', fc.record({ title: text(60), status: fc.constantFrom('draft', 'active') }, { requiredKeys: ['title'] })),
			op('goal', fc.record({ title: text(60) }), fc.constant(seed.goalId)),
			op('intake', fc.record({ interests: text(200), confidence: fc.integer({ min: 0, max: 11 }), privateNote: text(100) }, { requiredKeys: [] })),
			op('evidence', fc.record({ title: text(60), body: text(300), visibility: fc.constantFrom('private', 'coach'), links: fc.array(fc.webUrl(), { maxLength: 2 }) }, { requiredKeys: ['title'] })),
			op('question', fc.record({ goalId: fc.constant(seed.goalId), text: text(100) })),
			op('feedback', fc.record({ targetEntity: fc.constant('goal'), targetId: fc.constant(seed.goalId), kind: fc.constant('reply'), body: text(100) })),
			op('cycle', fc.record({ goalId: fc.constant(seed.goalId), forethought: fc.record({ aim: text(100), ratingNow: fc.integer({ min: 1, max: 10 }) }) })),
			fc.record({ opId: fc.uuid({ version: 4 }), entity: fc.constant('goal'), id: fc.oneof(fc.uuid({ version: 4 }), fc.constant(seed.goalId)), action: fc.constant('delete'), at })
		);
		const coachOp = fc.oneof(
			op('feedback', fc.record({ targetEntity: fc.constant('goal'), targetId: fc.constant(seed.goalId), kind: fc.constantFrom('feedback', 'feedforward'), body: text(100) })),
			op('checkIn', fc.record({ studentId: fc.constant(seed.studentId), date: fc.constantFrom('2026-11-23', '2026-02-30', '23-11-2026'), notes: text(200) })),
			op('board', fc.record({ title: text(60), groupIds: fc.constant([seed.groupId]), mode: fc.constantFrom('free', 'stepPlan') })),
			op('autonomy', fc.record({ studentId: fc.constant(seed.studentId), level: fc.constantFrom('guided', 'shared', 'selfDirected'), reason: text(60) }))
		);
		// Mostly the device's real cursor (as a client sends it), else none or a made-up one.
		const cursor = fc.oneof({ weight: 6, arbitrary: fc.constant(cursorSlot) }, fc.constant(null), fc.string({ maxLength: 40 }), fc.nat().map((n) => `v1.${n}.abc`));
		const request = (ops: fc.Arbitrary<unknown>) => fc.record({ cursor, ops: fc.array(ops, { maxLength: 4 }) });
		const cases = fc.oneof(
			payloads(request(studentOp)).map((p) => ({ who: 'student' as const, p })),
			payloads(request(coachOp)).map((p) => ({ who: 'coach' as const, p }))
		);
		await fc.assert(
			fc.asyncProperty(cases, async ({ who, p }) => {
				ran.sync++;
				const { status, body } = await send(who === 'student' ? student : coach, '/api/sync', p, who);
				if (status === 200) applied += countApplied(body, opsIn(p));
			}),
			{ numRuns: runs.sync }
		);
		expect(ran.sync).toBeGreaterThanOrEqual(runs.sync);
	}, 60_000 + runs.sync * perCaseMs);

	it(`POST /api/auth/login: ${runs.login} random and mutated sign-ins (never a session, never a 500)`, async () => {
		// Usernames that do not exist (a 429 from the rate limit is a fine answer too).
		const valid = fc.record({ username: fc.oneof(fc.constant('nobody'), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{1,20}$/).map((u) => `x-${u}`)), password: text(80) });
		const anonymous = new Browser(server.url);
		await fc.assert(
			fc.asyncProperty(payloads(valid), async (p) => {
				ran.login++;
				const { status } = await send(anonymous, '/api/auth/login', p);
				if (status === 200) throw new Error(`signed in with ${String(p.body).slice(0, 100)}`);
				if (anonymous.cookie) throw new Error('a failed sign-in set a session cookie');
			}),
			{ numRuns: runs.login }
		);
		expect(ran.login).toBeGreaterThanOrEqual(runs.login);
	}, 60_000 + runs.login * perCaseMs);

	it(`board import: ${runs.board} mutated board files — the parser never throws, what it accepts the server stores, the rest is refused`, async () => {
		const boardId = randomUUID();
		const board: EntityData['board'] = {
			title: 'Periode 2: Zorg & welzijn',
			description: 'Kies twee opdrachten.',
			periodStart: '2026-11-16',
			periodEnd: '2027-01-29',
			levels: dutchDefaultLevels,
			mode: 'stepPlan',
			groupIds: []
		};
		const items: EntityData['item'][] = [
			{ boardId, title: 'Bloeddruk meten', instructions: '1. Lees\n2. Oefen', level: 'basis', type: 'practice', estimatedMinutes: 90, workProcessIds: ['B1-K1-W2'], required: true, resources: [{ label: 'Filmpje', url: 'https://example.org/film' }], order: 2, nextLevelPrep: false },
			{ boardId, title: 'Casus mevrouw Jansen', level: 'deepening', type: 'realAssignment', required: false, order: 1 }
		];
		const base = toBoardFile(board, items);
		const textEdit = fc.oneof(
			fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.constantFrom<number[]>([0xff], [0xc3], [0xed, 0xa0, 0x80], [0x00], [0x7b], [0x22], [0x2c]) }),
			fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), bytes: fc.constant([] as number[]) }),
			fc.record({ kind: fc.constant('bom' as const), at: fc.constant(0), bytes: fc.constant<number[]>([0xef, 0xbb, 0xbf]) })
		);
		const cases = fc.record({ mutations: fc.array(mutation, { maxLength: 3 }), edits: fc.array(textEdit, { maxLength: 2 }), pretty: fc.boolean() });
		await fc.assert(
			fc.asyncProperty(cases, async ({ mutations, edits, pretty }) => {
				ran.board++;
				const object = mutate(base, mutations);
				let bytes = [...Buffer.from(pretty ? boardFileText(object as never) : (JSON.stringify(object) ?? 'null'), 'utf8')];
				for (const e of edits) {
					const at = e.at % (bytes.length + 1);
					if (e.kind === 'cut') bytes = bytes.slice(0, at);
					else bytes.splice(e.kind === 'bom' ? 0 : at, 0, ...e.bytes);
				}
				// What the browser's File.text() makes of the bytes.
				const fileText = new TextDecoder().decode(Uint8Array.from(bytes));
				const parsed = parseBoardFile(fileText);
				if (parsed.ok) {
					const made = recordsFromFile(parsed.file, [seed.groupId], () => randomUUID());
					const ops = [put('board', made.board.data, made.board.id), ...made.items.map((i) => put('item', i.data, i.id))];
					const { status, body } = await send(coach, '/api/sync', { contentType: 'application/json', body: JSON.stringify({ cursor: cursorSlot, ops }), what: 'an accepted board file' }, 'coach');
					if (status !== 200) throw new Error(`an accepted board file was refused: ${status} ${JSON.stringify(body).slice(0, 300)}`);
					const n = countApplied(body, ops.length);
					applied += n;
					if (n !== ops.length) throw new Error(`the parser accepted a file the server refused: ${JSON.stringify(body.results).slice(0, 400)}`);
				} else {
					if (!parsed.errors.length || parsed.errors.some((e) => typeof e.code !== 'string' || typeof e.path !== 'string')) throw new Error('a refused file without clear errors');
					// A client that skips the parser: the same content straight into sync is refused or stored, never a 500.
					const o = (object && typeof object === 'object' ? object : {}) as { board?: unknown; items?: unknown };
					const id = randomUUID();
					const boardData = o.board && typeof o.board === 'object' ? { ...(o.board as object), groupIds: [seed.groupId] } : o.board;
					const itemOps = Array.isArray(o.items) ? o.items.slice(0, 20).map((it) => ({ ...put('item', {}), data: it && typeof it === 'object' ? { ...(it as object), boardId: id } : it })) : [];
					const p: Payload = { contentType: 'application/json', body: JSON.stringify({ cursor: cursorSlot, ops: [{ ...put('board', {}, id), data: boardData }, ...itemOps] }), what: 'a refused board file straight into sync' };
					const { status, body } = await send(coach, '/api/sync', p, 'coach');
					if (status === 200) applied += countApplied(body, opsIn(p));
				}
			}),
			{ numRuns: runs.board }
		);
		expect(ran.board).toBeGreaterThanOrEqual(runs.board);
	}, 60_000 + runs.board * perCaseMs);

	it('rejected input left the database as it was; only applied ops changed it', async () => {
		await server.stop();
		const after = await withDatabase(database.config, counts);
		expect(after.users, 'accounts').toBe(before.users);
		expect(after.groups, 'groups').toBe(before.groups);
		expect(after.memberships, 'memberships').toBe(before.memberships);
		expect(after.sessions, 'sessions: no sign-in succeeded').toBe(before.sessions);
		expect(after.appliedOps, 'every stored op was answered "applied"').toBe(before.appliedOps + applied);
		expect(after.records - before.records, 'new records').toBeLessThanOrEqual(applied);
		if (applied === 0) expect(after.maxRev, 'no rev moved').toBe(before.maxRev);
	}, 60_000);
});
