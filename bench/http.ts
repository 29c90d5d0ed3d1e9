/**
 * HTTP figures: the built server (`node build`) on the benchmark database, loaded with autocannon
 * (50 connections, loopback) on a sync pull, the group dashboard and — beside them — a static file
 * served by the same Node process; on PostgreSQL, how sync pull and push scale with app processes.
 * Also the server's peak memory over the whole run.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { HttpClient, startServer, type ServerProcess } from '$test/server-process';
import type { Figure } from './figures';
import { benchPassword, type BenchSchool } from './school';
import { percentile } from './measure-db';

export interface HttpOptions {
	server: ServerProcess;
	school: BenchSchool;
	duration: number;
	quick: boolean;
	log: (msg: string) => void;
	/** Server processes sharing the port (`benchWorkers`). */
	workers: number;
}

interface Load {
	rps: number;
	p50: number;
	p99: number;
	non2xx: number;
	errors: number;
}

/**
 * What Chromium asks for on every request: the load is a browser's, so the server answers as it would
 * answer a coach's browser (gzip for a page; the static file's precompressed copy).
 */
const browserHeaders = { 'accept-encoding': 'gzip, deflate, br, zstd' };

function cannon(url: string, requests: autocannon.Request[], duration: number): Promise<Load> {
	return new Promise((resolve, reject) => {
		const asBrowser = requests.map((r) => ({ ...r, headers: { ...browserHeaders, ...r.headers } }));
		autocannon({ url, connections: 50, duration, requests: asBrowser }, (error, result) => {
			if (error) return reject(error);
			resolve({
				rps: result.requests.average,
				p50: result.latency.p50,
				p99: result.latency.p99,
				non2xx: result.non2xx,
				errors: result.errors + result.timeouts
			});
		});
	});
}

/** Waits until the server has worked off what the last run left queued (health answers quickly again). */
async function settle(url: string) {
	const until = Date.now() + 60_000;
	let quick = 0;
	while (quick < 3 && Date.now() < until) {
		const t = performance.now();
		await fetch(`${url}/api/health`).catch(() => null);
		quick = performance.now() - t < 50 ? quick + 1 : 0;
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** Peak resident memory of a process and its children (the workers), summed (Linux), in MiB. */
export function peakMemoryMiB(pid: number): number | null {
	try {
		const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		if (!m) return null;
		const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
		return children.reduce((sum, child) => sum + (peakMemoryMiB(child) ?? 0), Number(m[1]) / 1024);
	} catch {
		return null;
	}
}

/** Signs in and syncs until up to date; returns the client and its current cursor. */
async function upToDate(server: ServerProcess, username: string) {
	const client = new HttpClient(server.url);
	await client.signIn(username, benchPassword);
	let cursor: string | null = null;
	for (;;) {
		const res = await client.json('/api/sync', { cursor, ops: [] });
		if (!res.ok) throw new Error(`sync of ${username}: ${res.status} ${await res.text()}`);
		const body = (await res.json()) as { cursor: string; more?: boolean };
		cursor = body.cursor;
		if (!body.more) break;
	}
	return { client, cursor };
}

/**
 * How many server processes share the port: on PostgreSQL one per core (KOERS_WORKERS, as production would
 * run it); the embedded PGlite belongs to one process.
 */
export function benchWorkers(env: Record<string, string>): number {
	return env.DATABASE_URL ? Number(process.env.KOERS_WORKERS ?? availableParallelism()) : 1;
}

/** Starts the built server (scripts/serve.mjs) on the benchmark database, with `workers` processes (default `benchWorkers`). */
export function startBenchServer(env: Record<string, string>, workers = benchWorkers(env)): Promise<ServerProcess> {
	return startServer({
		database: { config: {}, env, dispose: async () => {} },
		env: { KOERS_DB_POOL: String(Math.ceil(20 / workers)), KOERS_WORKERS: String(workers) },
		readyTimeoutMs: 300_000
	});
}

/** 20 students (3 in a quick run; not the heavy one), signed in and up to date. */
async function pollers(server: ServerProcess, school: BenchSchool, quick: boolean) {
	const students = school.studentIds.slice(0, Math.min(quick ? 3 : 20, school.studentIds.length - 1));
	const out: { studentId: string; client: HttpClient; cursor: string | null }[] = [];
	for (const studentId of students) out.push({ studentId, ...(await upToDate(server, school.usernames.get(studentId)!)) });
	return out;
}

/** Their polls, each with the student's own current cursor: what every open device does every few seconds. */
function pollRequests(server: ServerProcess, pulls: Awaited<ReturnType<typeof pollers>>): autocannon.Request[] {
	return pulls.map((p) => ({
		method: 'POST',
		path: '/api/sync',
		headers: { cookie: p.client.cookie, 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify({ cursor: p.cursor, ops: [] })
	}));
}

export async function measureHttp({ server, school, duration, quick, log, workers }: HttpOptions): Promise<Figure[]> {
	const figures: Figure[] = [];
	{
		const syncRequests = pollRequests(server, await pollers(server, school, quick));

		const coach = new HttpClient(server.url);
		await coach.signIn(school.usernames.get(school.dashboardGroup.coachIds[0]!)!, benchPassword);
		const dashboardPath = `/coach/groups/${school.dashboardGroup.id}`;
		const check = await coach.request(dashboardPath);
		if (check.status !== 200) throw new Error(`group dashboard answered ${check.status}`);
		const page = await check.text();
		if (!page.includes(school.usernames.get(school.dashboardGroup.studentIds[0]!)!.replace('bench-', '')) && !page.includes('<table')) {
			log('warning: the dashboard page does not look like a dashboard');
		}

		// Warm up each route briefly, then measure; the static file is measured between the two.
		const warm = quick ? 1 : 2;
		const dashboard = [{ method: 'GET' as const, path: dashboardPath, headers: { cookie: coach.cookie } }];
		await cannon(server.url, syncRequests, warm);
		await settle(server.url);
		log(`autocannon: sync pull ${duration} s`);
		const pull = await cannon(server.url, syncRequests, duration);
		await settle(server.url);
		log(`autocannon: static file ${duration} s`);
		const stat = await cannon(server.url, [{ method: 'GET', path: '/favicon.svg' }], duration);
		await settle(server.url);
		await cannon(server.url, dashboard, warm);
		await settle(server.url);
		log(`autocannon: group dashboard ${duration} s`);
		const dash = await cannon(server.url, dashboard, duration);
		await settle(server.url);
		// The same page rendered anew every time (a hard reload asks for that): what a coach gets after a write.
		const fresh = [{ ...dashboard[0]!, headers: { ...dashboard[0]!.headers, 'cache-control': 'no-cache' } }];
		let dashFresh: Load | null = null;
		if (!quick) {
			await cannon(server.url, fresh, warm);
			await settle(server.url);
			log(`autocannon: group dashboard rendered anew ${duration} s`);
			dashFresh = await cannon(server.url, fresh, duration);
			await settle(server.url);
		}

		const load = (f: Load) => ({ p50: f.p50, p99: f.p99, non2xx: f.non2xx, errors: f.errors, workers });
		const processes = workers > 1 ? ` (${workers} workers)` : '';
		const staticBeside = { name: 'static file, same process', value: stat.rps, unit: 'req/s' };
		const ok = (f: Load) => f.non2xx === 0 && f.errors === 0;
		const figure = (id: string, name: string, f: Load, budget: Figure['budget'], beside = true): Figure => ({
			id,
			name,
			value: f.rps,
			unit: 'req/s',
			text: `${Math.round(f.rps).toLocaleString('en-US')} req/s, p99 ${f.p99} ms${beside ? processes : ''}`,
			...(beside ? { beside: staticBeside, ratio: f.rps / stat.rps } : {}),
			budget,
			detail: load(f)
		});
		figures.push(
			figure('http_sync_pull', 'HTTP sync pull (up to date), 50 conn: req/s, p99', pull, { text: '≥ 2,000 req/s, p99 ≤ 50 ms', pass: ok(pull) && pull.rps >= 2000 && pull.p99 <= 50 }),
			figure('http_group_dashboard', 'HTTP group dashboard page (kept page), 50 conn: req/s, p99', dash, { text: 'p99 ≤ 50 ms', pass: ok(dash) && dash.p99 <= 50 })
		);
		if (dashFresh) {
			figures.push(figure('http_group_dashboard_fresh', 'HTTP group dashboard page rendered anew (no-cache), 50 conn: req/s, p99', dashFresh, { text: 'reference', pass: null }));
		}
		figures.push(figure('http_static', 'HTTP static file, 50 conn: req/s, p99', stat, { text: 'reference', pass: null }, false));
		if (quick) log('quick run: HTTP figures are indicative only');
	}
	return figures;
}

/** The server's peak memory, then stops it. */
export async function stopBenchServer(server: ServerProcess): Promise<Figure[]> {
	const peak = server.child.pid ? peakMemoryMiB(server.child.pid) : null;
	await server.stop();
	return peak === null
		? []
		: [{ id: 'server_memory', name: 'peak server memory (node build, HTTP and browser runs)', value: peak, unit: 'MiB', budget: { text: 'report', pass: null } }];
}

/**
 * Students pushing new work as fast as the server takes it: `connections` devices at once, each sending
 * 10 new goals per request with the cursor its previous answer gave (as the app's sync does), for
 * `duration` seconds. Ops per second the server applied, and the p99 of a push.
 */
async function pushLoad(pulls: Awaited<ReturnType<typeof pollers>>, connections: number, duration: number) {
	const until = performance.now() + duration * 1000;
	const times: number[] = [];
	let applied = 0;
	let failed = 0;
	const device = async (i: number) => {
		const p = pulls[i % pulls.length]!;
		let cursor = p.cursor;
		while (performance.now() < until) {
			const at = new Date().toISOString();
			const ops = Array.from({ length: 10 }, (_, k) => ({
				opId: randomUUID(),
				entity: 'goal',
				id: randomUUID(),
				action: 'put',
				data: { title: `Doel ${k + 1}: beter rapporteren`, why: 'Omdat het in de stage nodig is om goed over te dragen.', status: 'active', workProcessIds: ['B1-K1-W2'] },
				at
			}));
			const t = performance.now();
			const res = await p.client.json('/api/sync', { cursor, ops });
			if (!res.ok) {
				failed++;
				await res.arrayBuffer();
				continue;
			}
			const body = (await res.json()) as { cursor: string; results: { status: string }[] };
			times.push(performance.now() - t);
			cursor = body.cursor;
			applied += body.results.filter((r) => r.status === 'applied').length;
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: connections }, (_, i) => device(i)));
	const seconds = (performance.now() - started) / 1000;
	return { opsPerSec: applied / seconds, p99: percentile(times, 99), failed };
}

/**
 * Scale-out on PostgreSQL: the same database served by 1, 2 and 4 app processes (`KOERS_WORKERS`, the
 * built-in cluster sharing one port), with the polls of up-to-date devices and with pushes of new work,
 * each beside one process. On a machine with fewer cores than processes the load generator and the
 * database share them too: the ratios say what one more process buys here, not on a server.
 */
export async function measureScaleOut({ env, school, duration, quick, log, counts }: { env: Record<string, string>; school: BenchSchool; duration: number; quick: boolean; log: (msg: string) => void; counts: number[] }): Promise<Figure[]> {
	const rows: { workers: number; pull: Load; push: Awaited<ReturnType<typeof pushLoad>> }[] = [];
	for (const workers of counts) {
		log(`scale-out: ${workers} app process${workers > 1 ? 'es' : ''}`);
		const server = await startBenchServer(env, workers);
		try {
			const pulls = await pollers(server, school, quick);
			const requests = pollRequests(server, pulls);
			await cannon(server.url, requests, quick ? 1 : 2);
			await settle(server.url);
			const pull = await cannon(server.url, requests, duration);
			await settle(server.url);
			const push = await pushLoad(pulls, quick ? 4 : 50, duration);
			await settle(server.url);
			rows.push({ workers, pull, push });
		} finally {
			await server.stop();
		}
	}
	const one = rows[0]!;
	const line = (value: (r: (typeof rows)[number]) => number, unit: string, p99: (r: (typeof rows)[number]) => number) =>
		rows.map((r) => `${r.workers}: ${Math.round(value(r)).toLocaleString('en-US')} ${unit} p99 ${Math.round(p99(r))} ms${r === one ? '' : ` (${(value(r) / value(one)).toFixed(2)}×)`}`).join(' · ');
	const last = rows[rows.length - 1]!;
	const detail = (r: (typeof rows)[number]) => ({ pullRps: r.pull.rps, pullP99: r.pull.p99, pullFailed: r.pull.non2xx + r.pull.errors, pushOpsPerSec: r.push.opsPerSec, pushP99: r.push.p99, pushFailed: r.push.failed });
	const details = Object.fromEntries(rows.map((r) => [`workers${r.workers}`, detail(r)]));
	return [
		{
			id: 'scale_out_pull',
			name: `scale-out, HTTP sync pull (up to date) by app processes, 50 conn`,
			value: last.pull.rps / one.pull.rps,
			unit: '×',
			text: line((r) => r.pull.rps, 'req/s', (r) => r.pull.p99),
			ratio: last.pull.rps / one.pull.rps,
			ratioText: `${(last.pull.rps / one.pull.rps).toFixed(2)}× at ${last.workers}`,
			budget: { text: 'report (ratio to 1 process)', pass: null },
			detail: details
		},
		{
			id: 'scale_out_push',
			name: `scale-out, HTTP sync push (10 new records a request) by app processes, ${quick ? 4 : 50} devices`,
			value: last.push.opsPerSec / one.push.opsPerSec,
			unit: '×',
			text: line((r) => r.push.opsPerSec, 'ops/s', (r) => r.push.p99),
			ratio: last.push.opsPerSec / one.push.opsPerSec,
			ratioText: `${(last.push.opsPerSec / one.push.opsPerSec).toFixed(2)}× at ${last.workers}`,
			budget: { text: 'report (ratio to 1 process)', pass: null },
			detail: details
		}
	];
}
