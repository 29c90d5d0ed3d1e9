// Serves the built Koers (`build/index.js`): one process, or with KOERS_WORKERS=N (PostgreSQL only) N processes
// sharing one port. One Node process uses one core; a school's devices polling every few seconds want more.
// The first worker runs the background work (facts refresher, retention); a worker that dies is started again;
// SIGTERM/SIGINT stop every worker gracefully (adapter-node finishes the requests in flight).
import cluster from 'node:cluster';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = pathToFileURL(path.resolve(process.env.KOERS_BUILD_DIR ?? 'build', 'index.js')).href;
const workers = Math.max(1, Math.floor(Number(process.env.KOERS_WORKERS ?? 1)) || 1);

if (workers > 1 && !process.env.DATABASE_URL) {
	console.error('KOERS_WORKERS > 1 needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process.');
	process.exit(1);
}

if (workers === 1) {
	await import(entry);
} else if (!cluster.isPrimary) {
	// The worker lets go of its channel to the primary once it has stopped (hooks.server.ts).
	await import(entry);
} else {
	let stopping = false;
	const start = (index) => {
		const worker = cluster.fork({ KOERS_BACKGROUND: index === 0 ? process.env.KOERS_BACKGROUND ?? '1' : '0' });
		worker.on('exit', (code, signal) => {
			if (stopping) return;
			console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'worker exited', worker: index, code, signal }));
			setTimeout(() => start(index), 1000);
		});
	};
	for (let i = 0; i < workers; i++) start(i);
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		const all = Object.values(cluster.workers ?? {});
		let left = all.length;
		if (!left) process.exit(0);
		for (const worker of all) {
			worker.once('exit', () => --left === 0 && process.exit(0));
			worker.process.kill(signal);
		}
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGTERM'));
}
