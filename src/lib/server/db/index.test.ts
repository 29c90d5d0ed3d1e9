import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '$test/db';
import { appliedMigrations, expectedMigrations, openDatabase } from './index';
import { ensureDemoSchool } from '../seed/demo';

const pgUrl = process.env.KOERS_TEST_PG_URL;
let t: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	t = await openTestDatabase();
});
afterAll(async () => t.close());

describe('database', () => {
	it('runs on the engine the suite asks for, with every migration applied', async () => {
		expect(t.kind).toBe(pgUrl ? 'postgres' : 'pglite');
		expect(expectedMigrations()).toBeGreaterThan(0);
		expect(await appliedMigrations(t.db)).toBe(expectedMigrations());
	});

	it.runIf(pgUrl)('lets several processes start at once on one PostgreSQL: one migrates and seeds, none fails', async () => {
		const { default: pg } = await import('pg');
		const name = `koers_multi_${Date.now()}`;
		const admin = new pg.Client({ connectionString: pgUrl });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const url = new URL(pgUrl!);
		url.pathname = `/${name}`;
		try {
			const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url.toString() })));
			const seeded = await Promise.all(opened.map((d) => ensureDemoSchool(d.db)));
			expect(seeded.filter(Boolean)).toHaveLength(1);
			for (const d of opened) expect(await appliedMigrations(d.db)).toBe(expectedMigrations());
			await Promise.all(opened.map((d) => d.close()));
		} finally {
			await admin.query(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});
});
