// Builds Koers when `build/` is missing or older than its sources. Used by `npm start` and `npm run test:pg`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(dir) {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'paraglide' || entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
	}
	return latest;
}

export const builtServer = 'build/index.js';

/** Returns true when a usable build is there (built now or already fresh). */
export function buildIfStale() {
	const sources = ['src', 'messages/parts', 'static'].filter(existsSync).map(newest);
	const stale = !existsSync(builtServer) || Math.max(...sources, statSync('package.json').mtimeMs) > statSync(builtServer).mtimeMs;
	if (!stale) return true;
	console.log('Building Koers…');
	return spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
}
