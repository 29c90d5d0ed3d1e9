// `npm run restore -- backups/koers-….tar.gz`: puts a backup made by `npm run backup` back.
// Koers must be stopped. The current data folder is never deleted: it is moved aside to
// `<data>.before-restore-<time>`, so a restore of the wrong file can be undone.
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { lockFileName } from '../src/lib/server/db/folder-lock.js';
import { dataFolder, lockOrExit, stamp } from './data-folder.mjs';

const { values, positionals } = parseArgs({ options: { data: { type: 'string' } }, allowPositionals: true });
const file = positionals[0];
if (!file || !existsSync(file)) {
	console.error(file ? `No such backup file: ${file}` : 'Which backup? npm run restore -- backups/koers-….tar.gz');
	process.exit(2);
}
const dataDir = dataFolder(values.data);
const incoming = `${dataDir}.restoring-${stamp}`;

let unlock = lockOrExit(dataDir);
try {
	const { PGlite } = await import('@electric-sql/pglite');
	// Load into a new folder first and check it opens: a broken file leaves the current data alone.
	const bytes = readFileSync(file);
	let n;
	try {
		const db = await PGlite.create(incoming, { loadDataDir: new Blob([bytes]) });
		n = (await db.query('select count(*)::int as n from schools')).rows[0].n;
		await db.close();
	} catch (e) {
		rmSync(incoming, { recursive: true, force: true });
		console.error(`This file is not a Koers backup that can be restored (${e instanceof Error ? e.message : e}). Nothing was changed.`);
		process.exit(1);
	}
	const hasData = readdirSync(dataDir).some((f) => f !== lockFileName);
	// The lock file moves with the folder it is in; the restored folder starts unlocked.
	const aside = `${dataDir}.before-restore-${stamp}`;
	if (hasData) renameSync(dataDir, aside);
	else rmSync(dataDir, { recursive: true, force: true });
	unlock = hasData ? () => rmSync(path.join(aside, lockFileName), { force: true }) : undefined;
	renameSync(incoming, dataDir);
	console.log(`Restored ${file} into ${dataDir} (${n} school${n === 1 ? '' : 's'}).${hasData ? ` The previous data is kept in ${dataDir}.before-restore-${stamp}.` : ''}`);
} finally {
	unlock?.();
}
