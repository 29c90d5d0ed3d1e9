import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Db, type DbConfig } from '$lib/server/db';

/**
 * Tests that need the real thing: the built server (`node build`) as its own process, on a
 * database of its own. `npm test` and `npm run test:pg` build before these tests run.
 */

export const builtServer = path.resolve(process.env.KOERS_BUILD_DIR ?? 'build', 'index.js');

export function assertBuilt(): void {
	if (!existsSync(builtServer)) throw new Error('No build found: run `npx vite build` first (npm test and npm run test:pg do).');
}

export interface FreshDatabase {
	config: DbConfig;
	/** Environment variables that point a server process at this database. */
	env: Record<string, string>;
	dispose(): Promise<void>;
}

/** A new, empty database: a PGlite folder in a temporary directory, or a new database on KOERS_TEST_PG_URL. */
export async function freshDatabase(): Promise<FreshDatabase> {
	const adminUrl = process.env.KOERS_TEST_PG_URL;
	if (adminUrl) {
		const { url, drop } = await createPgDatabase(adminUrl);
		return { config: { databaseUrl: url }, env: { DATABASE_URL: url }, dispose: drop };
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'koers-data-'));
	return {
		config: { dataDir: dir },
		env: { KOERS_DATA_DIR: dir },
		async dispose() {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Creates a database with a unique name on the cluster of `adminUrl`; `drop` removes it again. */
export async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
	const { default: pg } = await import('pg');
	const name = `koers_test_${randomUUID().replaceAll('-', '')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const c = new pg.Client({ connectionString: adminUrl });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		}
	};
}

/** Opens the database (running the migrations), hands it to `fn`, and closes it again so a server can open it. */
export async function withDatabase<T>(config: DbConfig, fn: (db: Db) => Promise<T>): Promise<T> {
	const database = await openDatabase(config);
	try {
		return await fn(database.db);
	} finally {
		await database.close();
	}
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

export interface ServerProcess {
	url: string;
	child: ChildProcess;
	/** Everything the process wrote to stdout and stderr so far. */
	output(): string;
	/** Sends `signal` and waits for the exit; resolves with the exit code (null when killed by a signal). */
	stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
	database: FreshDatabase;
	env?: Record<string, string>;
	/** Milliseconds to wait for /api/health; a cold PGlite with migrations takes seconds. */
	readyTimeoutMs?: number;
	/** The port to listen on (a restart that browsers should see as the same site); a free one if not given. */
	port?: number;
}

/** Starts `node build` on a free port and waits until /api/health answers. */
export async function startServer({ database, env = {}, readyTimeoutMs = 60_000, port: wanted }: StartOptions): Promise<ServerProcess> {
	assertBuilt();
	const port = wanted ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	// As `npm start` runs it: scripts/serve.mjs imports the build (several workers with KOERS_WORKERS).
	const child = spawn(process.execPath, [path.resolve('scripts/serve.mjs')], {
		env: {
			KOERS_BUILD_DIR: path.dirname(builtServer),
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			KOERS_DEMO: '0',
			KOERS_LOG: 'silent',
			...database.env,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	const server: ServerProcess = {
		url,
		child,
		output: () => output,
		async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
			if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
			child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			const result = await exited;
			clearTimeout(timer);
			return result;
		}
	};
	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The server exited before it was ready:\n${output}`);
		try {
			const res = await fetch(`${url}/api/health`);
			if (res.ok) return server;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await server.stop('SIGKILL');
			throw new Error(`The server was not ready within ${readyTimeoutMs} ms:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * A browser-like client for one person: keeps the session cookie, sends the Origin header that
 * SvelteKit's CSRF check expects on form posts.
 */
export class HttpClient {
	cookie = '';
	constructor(readonly baseUrl: string) {}

	async request(pathname: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookie) headers.set('cookie', this.cookie);
		if (!headers.has('origin')) headers.set('origin', this.baseUrl);
		const res = await fetch(this.baseUrl + pathname, { redirect: 'manual', ...init, headers });
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const [name, value] = pair!.split('=');
			if (name === 'koers_session') this.cookie = value ? `koers_session=${value}` : '';
		}
		return res;
	}

	json(pathname: string, body: unknown, init: RequestInit = {}): Promise<Response> {
		return this.request(pathname, {
			method: 'POST',
			...init,
			headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
			body: JSON.stringify(body)
		});
	}

	/** Posts a form the way a browser without JavaScript does. */
	form(pathname: string, fields: Record<string, string>): Promise<Response> {
		return this.request(pathname, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(fields).toString()
		});
	}

	async signIn(username: string, password: string): Promise<void> {
		const res = await this.json('/api/auth/login', { username, password });
		if (!res.ok) throw new Error(`Sign-in of ${username} failed: ${res.status} ${await res.text()}`);
	}
}
