// `npm run backup [-- --out file.tar.gz]`: a consistent copy of the embedded database (PGlite).
// Koers must be stopped: the embedded database belongs to one process at a time, and a copy
// taken from a folder that is being written to would not be consistent.
// With PostgreSQL (DATABASE_URL) use pg_dump instead; see the README.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataFolder, lockOrExit, stamp } from './data-folder.mjs';

const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
if (process.env.DATABASE_URL && !values.data) {
	console.error('DATABASE_URL is set: Koers uses PostgreSQL here. Back it up with pg_dump (see the README).');
	process.exit(2);
}
const dataDir = dataFolder(values.data);
const out = path.resolve(values.out ?? path.join('backups', `koers-${stamp}.tar.gz`));

const unlock = lockOrExit(dataDir);
try {
	const { PGlite } = await import('@electric-sql/pglite');
	const db = await PGlite.create(dataDir);
	const [{ n }] = (await db.query('select count(*)::int as n from schools')).rows;
	const dump = await db.dumpDataDir('gzip');
	await db.close();
	mkdirSync(path.dirname(out), { recursive: true });
	writeFileSync(out, Buffer.from(await dump.arrayBuffer()));
	console.log(`Backup written: ${out} (${(dump.size / 1024 / 1024).toFixed(1)} MB, ${n} school${n === 1 ? '' : 's'})`);
} finally {
	unlock();
}
