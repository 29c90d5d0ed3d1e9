import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '$lib/server/db';
import { testPassword } from '$test/db';
import { freshDatabase, startServer, withDatabase, type FreshDatabase, type ServerProcess } from '$test/server-process';
import { discoverOperations, routeParams, routePath, type Operation } from '$test/security/discover';
import { Browser } from '$test/security/http';
import { actorKeys, areaOfRoute, matrix, mayRead, targetKeys, type ActorKey, type BodyContext, type Cell, type Entry, type TargetKey } from '$test/security/matrix';
import { fingerprint, fingerprintDiff, openSessions, rowsContaining, seedWorld, type World } from '$test/security/world';

/**
 * Runs the authorization matrix (matrix.ts) against the built server: every page, layout load,
 * form action and endpoint found in src/routes, for anonymous, a student, a coach and an admin,
 * with own / other-group / other-school targets. Each cell checks the status and that the body
 * holds no marker of someone the actor may not see; afterwards the database shows that refused
 * cells changed nothing and allowed ones did what they said.
 */

interface Planned {
	name: string;
	op: Operation;
	entry: Entry;
	cell: Cell;
}

const operations = discoverOperations();
const byKey = new Map(operations.map((o) => [o.key, o]));
const entries = new Map(matrix.map((e) => [e.op, e]));

/** Cells the area rules add: everyone but the area's role is turned away, for every target. */
function ruleCells(op: Operation, entry: Entry): Cell[] {
	const area = areaOfRoute(op.routeId);
	if (!area) return [];
	const hasParams = routeParams(op.routeId).length > 0;
	const targets: (TargetKey | undefined)[] = hasParams ? targetKeys : [undefined];
	const turnedAway = actorKeys.filter((a) => (area.role === 'signedIn' ? a === 'anonymous' : a !== area.role));
	const first = entry.cells[0];
	return turnedAway.flatMap((actor) =>
		targets.map(
			(target): Cell => ({
				actor,
				target,
				variant: 'turned away by the area',
				body: entry.probe ?? first?.body,
				path: first?.path,
				expect: area.api
					? { status: actor === 'anonymous' ? 401 : 403 }
					: actor === 'anonymous'
						? { status: 303, location: '/login' }
						: { status: 303, location: '/' }
			})
		)
	);
}

const planned: Planned[] = [];
for (const entry of matrix) {
	const op = byKey.get(entry.op);
	if (!op) continue; // reported by the coverage test
	for (const cell of [...entry.cells, ...ruleCells(op, entry)]) {
		const name = `${cell.actor} ${op.key}${cell.target ? ` [${cell.target}]` : ''}${cell.variant ? ` — ${cell.variant}` : ''}`;
		planned.push({ name, op, entry, cell });
	}
}

function paramsFor(routeId: string, target: TargetKey, w: World): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name of routeParams(routeId)) {
		if (name === 'groupId') out[name] = { own: w.a.group.id, otherGroup: w.a.otherGroup.id, otherSchool: w.b.group.id }[target];
		else if (name === 'studentId' || name === 'userId')
			out[name] = { own: w.a.people.student.id, otherGroup: w.a.people.otherStudent.id, otherSchool: w.b.people.student.id }[target];
		else if (name === 'rest') out[name] = 'no-such-thing';
		else throw new Error(`${routeId}: the matrix has no ids for the parameter ${name}; add them to paramsFor()`);
	}
	return out;
}

describe('authorization matrix', () => {
	let database: FreshDatabase;
	let server: ServerProcess | undefined;
	let w: World;
	let before: Map<string, string>;
	let spareHash: string;
	const clients = {} as Record<ActorKey, Browser>;
	const usernames = {} as Record<Exclude<ActorKey, 'anonymous'>, string>;
	let tokens: Record<Exclude<ActorKey, 'anonymous'>, string[]>;
	const refusedMarks: string[] = [];
	const storedMarks: { mark: string; name: string }[] = [];
	let ran = 0;

	beforeAll(async () => {
		database = await freshDatabase();
		({ w, before, spareHash, tokens } = await withDatabase(database.config, async (db) => {
			const world = await seedWorld(db);
			// Sessions made up front: a main one per actor and spares for the cells that sign out.
			const tokens = {
				student: await openSessions(db, world.a.people.student, 4),
				coach: await openSessions(db, world.a.people.coach, 4),
				admin: await openSessions(db, world.a.people.admin, 4)
			};
			const [row] = await queryRows<{ password_hash: string }>(db, sql`select password_hash from users where id = ${world.a.people.spare.id}`);
			return { w: world, before: await fingerprint(db, world), spareHash: row!.password_hash, tokens };
		}));
		server = await startServer({ database });
		usernames.student = w.a.people.student.username;
		usernames.coach = w.a.people.coach.username;
		usernames.admin = w.a.people.admin.username;
		clients.anonymous = new Browser(server.url);
		for (const actor of ['student', 'coach', 'admin'] as const) clients[actor] = new Browser(server.url).withSession(tokens[actor].shift()!);
		// One real sign-in, so the matrix does not rest on made-up sessions alone.
		const real = new Browser(server.url);
		await real.signIn(usernames.student, testPassword);
		expect((await real.request('/api/me')).status).toBe(200);
	}, 120_000);

	afterAll(async () => {
		console.log(`authorization matrix: ${ran} cells`);
		await server?.stop();
		await database?.dispose();
	});

	it('has an entry for every page, layout load, form action and endpoint in src/routes', () => {
		const missing = operations.filter((o) => !entries.has(o.key)).map((o) => `${o.key}  (${o.file})`);
		const stale = matrix.filter((e) => !byKey.has(e.op)).map((e) => e.op);
		const uncovered: string[] = [];
		for (const entry of matrix) {
			const op = byKey.get(entry.op);
			if (!op) continue;
			const actors = new Set([...entry.cells, ...ruleCells(op, entry)].map((c) => c.actor));
			for (const a of actorKeys) if (!actors.has(a)) uncovered.push(`${entry.op}: no cell for ${a}`);
		}
		expect(missing, `Operations without a matrix entry — add them to tests/support/security/matrix.ts:\n${missing.join('\n')}`).toEqual([]);
		expect(stale, 'Matrix entries for operations that no longer exist').toEqual([]);
		expect(uncovered, 'Entries that leave an actor out').toEqual([]);
	});

	/** Markers in `text` the actor may not see; a marker the request itself carried is an echo, not a leak. */
	function leaks(text: string, actor: ActorKey, sent = '', also: string[] = []): string[] {
		const allowed = new Set([...mayRead[actor], ...also]);
		return [...w.markers].filter(([m, label]) => !allowed.has(label) && !sent.includes(m) && text.includes(m)).map(([, label]) => label);
	}

	function shows(text: string, labels: string[] = []): string[] {
		return labels.filter((label) => {
			const m = [...w.markers].find(([, l]) => l === label)?.[0];
			if (!m) throw new Error(`Unknown marker label ${label}`);
			return !text.includes(m);
		});
	}

	async function clientFor(cell: Cell): Promise<Browser> {
		if (!cell.signsOut) return clients[cell.actor];
		const c = new Browser(server!.url);
		if (cell.actor === 'anonymous') return c;
		const token = tokens[cell.actor].shift();
		if (token) c.withSession(token);
		if (!token || (await c.request('/api/me')).status !== 200) await c.signIn(usernames[cell.actor], testPassword);
		return c;
	}

	async function run(p: Planned) {
		const { op, cell } = p;
		const target = cell.target ?? 'own';
		const refused = cell.refused || cell.expect.status >= 300;
		const mark = `${refused ? 'denied' : 'ok'}-${randomBytes(5).toString('hex')}`;
		if (refused) refusedMarks.push(mark);
		const ctx: BodyContext = { w, mark, target };
		const path = cell.path ? cell.path(ctx) : routePath(op.routeId, { ...paramsFor(op.routeId, target, w), ...cell.params?.(ctx) });
		const client = await clientFor(cell);
		const body = cell.body?.(ctx);

		let res: Response;
		if (op.kind === 'page' || op.kind === 'layout') {
			res = await client.page(path);
		} else if (op.kind === 'action') {
			const url = op.action === 'default' ? path : `${path}?/${op.action}`;
			res = await client.post(url, (body ?? {}) as Record<string, string>);
		} else {
			const method = op.method === 'FALLBACK' ? 'GET' : op.method;
			const isForm = !path.startsWith('/api/');
			res = await client.request(path, {
				method,
				...(body === undefined
					? {}
					: isForm
						? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body as Record<string, string>).toString() }
						: { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
			});
		}
		const text = await res.text();
		const location = res.headers.get('location') ?? '';
		ran++;

		expect(res.status, `${p.name}: status (body starts ${JSON.stringify(text.slice(0, 200))})`).toBe(cell.expect.status);
		if (cell.expect.location !== undefined) {
			if (cell.expect.location === '/') expect(location, `${p.name}: redirect`).toBe('/');
			else expect(location.startsWith(cell.expect.location), `${p.name}: redirect to ${location}`).toBe(true);
		}
		expect(leaks(text + location, cell.actor, JSON.stringify(body ?? ''), cell.alsoMayRead), `${p.name}: leaked markers`).toEqual([]);
		expect(shows(text, cell.expect.shows), `${p.name}: markers it should show but does not`).toEqual([]);
		if (cell.expect.showsMark) expect(text.includes(mark), `${p.name}: the answer should echo ${mark}`).toBe(true);
		if (path.startsWith('/api/') || (res.headers.get('content-type') ?? '').startsWith('application/json')) {
			const json = JSON.parse(text) as { error?: { code?: unknown } };
			if (res.status >= 400 && path.startsWith('/api/')) expect(typeof json.error?.code, `${p.name}: JSON error code`).toBe('string');
			cell.expect.check?.(json, w);
		} else expect(cell.expect.check, `${p.name}: a check of a JSON answer, on an answer that is not JSON`).toBeUndefined();
		if (!refused && cell.stores) storedMarks.push({ mark, name: p.name });

		// A page's server data as the client router fetches it: same decision, nothing more in it.
		if (op.kind === 'page' || op.kind === 'layout') {
			const { pathname, search } = new URL(path, 'http://koers.test');
			const dataPath = (pathname === '/' ? '' : pathname) + '/__data.json' + search;
			const data = await client.request(dataPath);
			const dataText = await data.text();
			expect(leaks(dataText, cell.actor, '', cell.alsoMayRead), `${p.name}: leaked markers in __data.json`).toEqual([]);
			const json = JSON.parse(dataText) as { type: string; location?: string; nodes?: ({ type: string; status?: number } | null)[] };
			const errors = (json.nodes ?? []).filter((n) => n?.type === 'error');
			if (cell.expect.status === 200) expect(json.type === 'data' && errors.length === 0, `${p.name}: __data.json ${dataText.slice(0, 200)}`).toBe(true);
			else if (cell.expect.status === 303) {
				expect(json.type, `${p.name}: __data.json`).toBe('redirect');
				expect(json.location?.startsWith(cell.expect.location ?? ''), `${p.name}: __data.json redirect ${json.location}`).toBe(true);
			} else expect(errors.map((e) => e!.status), `${p.name}: __data.json`).toContain(cell.expect.status);
		}

		if (cell.signsOut && cell.actor !== 'anonymous') {
			const me = await client.request('/api/me');
			expect(me.status, `${p.name}: the session is over`).toBe(401);
			// "Everywhere" ends the actor's main session too: sign it in again for the cells after this one.
			if ((await clients[cell.actor].request('/api/me')).status === 401) await clients[cell.actor].signIn(usernames[cell.actor], testPassword);
		}
	}

	for (const p of planned) it(p.name, () => run(p));

	it('changed nothing it was refused, and did what it was allowed', async () => {
		expect(ran, 'every cell ran').toBe(planned.length);
		await server!.stop();
		server = undefined;
		await withDatabase(database.config, async (db) => {
			expect(fingerprintDiff(before, await fingerprint(db, w)), 'school B, other students, accounts and memberships are as seeded').toEqual([]);
			const found = await rowsContaining(db, 'denied-');
			expect(found, 'a refused cell left something in the database').toEqual([]);
			for (const { mark, name } of storedMarks) expect(await rowsContaining(db, mark), `${name}: stored`).not.toEqual([]);
			const [row] = await queryRows<{ password_hash: string }>(db, sql`select password_hash from users where id = ${w.a.people.spare.id}`);
			expect(row!.password_hash, "the admin's reset of the spare account took effect").not.toBe(spareHash);
			const [leaver] = await queryRows(db, sql`select id from users where id = ${w.a.people.leaver.id} or username = ${w.a.people.leaver.username}`);
			expect(leaver, "the admin's erasure of the leaver took effect").toBeUndefined();
		});
		expect(refusedMarks.length).toBeGreaterThan(0);
	});
});
