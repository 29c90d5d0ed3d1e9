import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { log } from '../log';
import { lockFolder } from './folder-lock.js';

export { schema };

/** One type for both drivers: every query in Koers is written against this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
	db: Db;
	kind: DbKind;
	close(): Promise<void>;
	/**
	 * Hears what is sent on `channel` (NOTIFY, after commit, from any connection). On PostgreSQL a connection of
	 * its own, outside the pool; `lost` is called once when it breaks. Resolves with a function that stops it.
	 */
	listen(channel: string, heard: (payload: string) => void, lost: (error: unknown) => void): Promise<() => Promise<void>>;
}

export interface DbConfig {
	/** postgres://… — when absent the embedded PGlite is used. */
	databaseUrl?: string;
	/** Folder for PGlite's files; `memory://` keeps everything in memory (tests). */
	dataDir?: string;
	migrationsFolder?: string;
}

export function migrationsFolder(): string {
	return process.env.KOERS_MIGRATIONS_DIR ?? path.resolve(process.cwd(), 'drizzle');
}

/** How many migrations this build ships, from drizzle's journal. */
export function expectedMigrations(folder = migrationsFolder()): number {
	const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8'));
	return journal.entries.length;
}

/** Opens PGlite or PostgreSQL and brings the schema up to date. */
export async function openDatabase(config: DbConfig = {}): Promise<Database> {
	const folder = config.migrationsFolder ?? migrationsFolder();
	if (config.databaseUrl) {
		const { default: pg } = await import('pg');
		const { drizzle } = await import('drizzle-orm/node-postgres');
		const { migrate } = await import('drizzle-orm/node-postgres/migrator');
		const pool = new pg.Pool({
			connectionString: config.databaseUrl,
			max: Number(process.env.KOERS_DB_POOL ?? 10),
			// Koers's queries are short; JIT compilation cost seconds on the school overview and saved nothing.
			options: '-c jit=off'
		});
		// An idle connection that the server drops (restart, failover) must not crash the process:
		// the pool replaces it on the next query.
		pool.on('error', (error) => {
			log.warn('database connection lost', { code: (error as { code?: string }).code });
		});
		const db = drizzle({ client: pool, schema }) as unknown as Db;
		// Several processes may start at once against one database: one migrates, the others wait.
		const lock = await pool.connect();
		try {
			await lock.query('select pg_advisory_lock(727274)');
			await migrate(drizzle({ client: pool, schema }), { migrationsFolder: folder });
		} finally {
			await lock.query('select pg_advisory_unlock(727274)').catch(() => {});
			lock.release();
		}
		const listen: Database['listen'] = async (channel, heard, lost) => {
			const client = new pg.Client({ connectionString: config.databaseUrl });
			let listening = false;
			let stopped = false;
			// Before LISTEN took, a failure rejects the promise below; after, it is reported once through `lost`.
			const broke = (error: unknown) => {
				if (stopped) return;
				stopped = true;
				client.end().catch(() => {});
				if (listening) lost(error);
			};
			client.on('error', broke);
			client.on('end', () => broke(new Error('connection ended')));
			client.on('notification', (m) => {
				if (m.channel === channel) heard(m.payload ?? '');
			});
			try {
				await client.connect();
				await client.query(`listen "${channel.replace(/"/g, '')}"`);
			} catch (error) {
				broke(error);
				throw error;
			}
			listening = true;
			return async () => {
				stopped = true;
				await client.end().catch(() => {});
			};
		};
		return { db, kind: 'postgres', close: () => pool.end(), listen };
	}

	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const dataDir = config.dataDir ?? 'memory://';
	const inMemory = dataDir.startsWith('memory://');
	const unlock = inMemory ? () => {} : lockFolder(dataDir);
	let client: InstanceType<typeof PGlite>;
	try {
		client = await PGlite.create(inMemory ? undefined : dataDir);
		await migrate(drizzle({ client, schema }), { migrationsFolder: folder });
	} catch (e) {
		unlock();
		throw e;
	}
	return {
		db: drizzle({ client, schema }) as unknown as Db,
		kind: 'pglite',
		close: async () => {
			if (!client.closed) await client.close();
			unlock();
		},
		// One process, one connection: what it notifies is heard after the statement that sent it; it cannot be lost.
		listen: async (channel, heard) => {
			const stop = await client.listen(channel, heard);
			return async () => {
				if (!client.closed) await stop();
			};
		}
	};
}

/**
 * A list of ids as one `uuid[]` parameter (`= any(…)`, `unnest(…)`): one bound value however many
 * ids, on PGlite and PostgreSQL alike. The ids come from our own rows (uuids), never from free text.
 */
export function uuidArray(ids: Iterable<string>): SQL {
	return sql`${`{${[...ids].join(',')}}`}::uuid[]`;
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows: T[] };
	return result.rows;
}

export async function appliedMigrations(db: Db): Promise<number> {
	const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
	return Number(row?.n ?? 0);
}

export function dataDirFromEnv(): string {
	return process.env.KOERS_DATA_DIR ?? path.resolve(process.cwd(), 'data');
}

export function configFromEnv(): DbConfig {
	const databaseUrl = process.env.DATABASE_URL || undefined;
	return databaseUrl ? { databaseUrl } : { dataDir: dataDirFromEnv() };
}

