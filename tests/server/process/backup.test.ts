import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { schools } from '$lib/server/db/schema';
import { makeSchool } from '$test/db';
import { freshDatabase, startServer, withDatabase } from '$test/server-process';

/** `npm run backup` / `npm run restore` for the embedded database: a round trip on real files. */
const onPostgres = Boolean(process.env.KOERS_TEST_PG_URL);
const work = mkdtempSync(path.join(tmpdir(), 'koers-backup-'));
const dataDir = path.join(work, 'data');
const script = (name: string, ...args: string[]) =>
	spawnSync(process.execPath, [`scripts/${name}.mjs`, '--data', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(onPostgres)('backup and restore of the embedded database', () => {
	it('restores exactly what was backed up, keeps the replaced data aside, and refuses while Koers runs', async () => {
		await withDatabase({ dataDir }, async (db) => {
			await makeSchool(db, 'Vóór de back-up');
		});
		const file = path.join(work, 'koers.tar.gz');
		const backup = script('backup', '--out', file);
		expect(backup.stderr).toBe('');
		expect(backup.status).toBe(0);
		expect(backup.stdout).toMatch(/Backup written: .*\(.* MB, 1 school\)/);

		await withDatabase({ dataDir }, async (db) => {
			await makeSchool(db, 'Na de back-up');
			await db.delete(schools).where(eq(schools.name, 'Vóór de back-up'));
		});

		const restore = script('restore', file);
		expect(restore.stderr).toBe('');
		expect(restore.status).toBe(0);
		const names = await withDatabase({ dataDir }, async (db) => (await db.select({ name: schools.name }).from(schools)).map((s) => s.name));
		expect(names).toEqual(['Vóór de back-up']);
		const aside = readdirSync(work).filter((f) => f.startsWith('data.before-restore-'));
		expect(aside).toHaveLength(1);
		const kept = await withDatabase({ dataDir: path.join(work, aside[0]!) }, async (db) => (await db.select({ name: schools.name }).from(schools)).map((s) => s.name));
		expect(kept).toEqual(['Na de back-up']);

		// While the server has the folder open, neither command touches it.
		const server = await startServer({ database: { config: { dataDir }, env: { KOERS_DATA_DIR: dataDir }, dispose: async () => {} } });
		try {
			const refused = script('backup', '--out', path.join(work, 'second.tar.gz'));
			expect(refused.status).toBe(1);
			expect(refused.stderr).toMatch(/in use by process \d+\. Stop Koers first/);
			expect(existsSync(path.join(work, 'second.tar.gz'))).toBe(false);
			expect(script('restore', file).status).toBe(1);
		} finally {
			await server.stop();
		}
	}, 120_000);

	it('says so and changes nothing when the file is not a backup', async () => {
		const bogus = path.join(work, 'bogus.tar.gz');
		writeFileSync(bogus, 'dit is geen back-up');
		const before = readdirSync(work).sort();
		const restore = script('restore', bogus);
		expect(restore.status).toBe(1);
		expect(restore.stderr).toMatch(/not a Koers backup.*Nothing was changed/);
		expect(readdirSync(work).sort()).toEqual(before);
		expect(script('restore', path.join(work, 'missing.tar.gz')).stderr).toMatch(/No such backup file/);
	}, 60_000);
});

it.runIf(onPostgres)('leaves PostgreSQL backups to pg_dump and says so', () => {
	const r = spawnSync(process.execPath, ['scripts/backup.mjs'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://x@localhost/koers' } });
	expect(r.status).toBe(2);
	expect(r.stderr).toMatch(/pg_dump/);
});
