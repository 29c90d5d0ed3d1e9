// Plain JavaScript (with JSDoc types) so that both the server and the `npm run backup`/`restore`
// scripts use this one lock.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** The embedded database may be opened by one process at a time: two would corrupt it. */
export const lockFileName = 'koers.lock';

/** @param {number} pid */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
	}
}

export class FolderInUseError extends Error {
	/** @param {string} dir @param {number} pid */
	constructor(dir, pid) {
		super(`The database folder ${dir} is in use by process ${pid}. Stop Koers first (or use another KOERS_DATA_DIR).`);
		this.pid = pid;
	}
}

/**
 * Takes the folder's lock file for this process. A lock left by a process that no longer runs
 * (a crash, a kill) is taken over. Returns the function that releases it.
 * @param {string} dir
 * @returns {() => void}
 */
export function lockFolder(dir) {
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, lockFileName);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(file, { force: true });
		} catch (e) {
			if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
			const pid = Number(readFileSync(file, 'utf8').trim());
			if (pid && pid !== process.pid && alive(pid)) throw new FolderInUseError(dir, pid);
			rmSync(file, { force: true });
		}
	}
	throw new Error(`Could not lock ${dir}`);
}
