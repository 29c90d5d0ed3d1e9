// What `npm run backup` and `npm run restore` share: which folder, a time stamp, and its lock.
import path from 'node:path';
import { lockFolder } from '../src/lib/server/db/folder-lock.js';

export const stamp = new Date().toISOString().replaceAll(':', '-').replace(/\..*/, '');

export function dataFolder(option) {
	return path.resolve(option ?? process.env.KOERS_DATA_DIR ?? 'data');
}

/** Locks the data folder, or says who has it and exits: Koers must be stopped first. */
export function lockOrExit(dataDir) {
	try {
		return lockFolder(dataDir);
	} catch (e) {
		console.error(e instanceof Error ? e.message : String(e));
		process.exit(1);
	}
}
