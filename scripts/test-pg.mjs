// `npm run test:pg`: the server integration suite against a real PostgreSQL.
// Uses DATABASE_URL when set (it must be allowed to create databases); otherwise starts a
// throwaway cluster from Debian's postgresql in a temporary folder and removes it afterwards.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';

const extraArgs = process.argv.slice(2);
const report = 'test-results/vitest-pg.json';
mkdirSync('test-results', { recursive: true });
rmSync(report, { force: true });

function freePort() {
	return new Promise((resolve) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function findBin(name) {
	const roots = ['/usr/lib/postgresql'];
	for (const root of roots) {
		if (!existsSync(root)) continue;
		const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
		for (const v of versions) {
			const p = path.join(root, v, 'bin', name);
			if (existsSync(p)) return p;
		}
	}
	const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return which.status === 0 ? which.stdout.trim() : null;
}

export async function startThrowawayPostgres() {
	const initdb = findBin('initdb');
	const pgCtl = findBin('pg_ctl');
	if (!initdb || !pgCtl) {
		throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (or set DATABASE_URL).');
	}
	const isRoot = process.getuid?.() === 0;
	const dir = mkdtempSync(path.join(tmpdir(), 'koers-pg-'));
	chmodSync(dir, 0o777);
	const data = path.join(dir, 'data');
	const port = await freePort();
	const asPg = (cmd) => (isRoot ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { stdio: 'pipe', encoding: 'utf8' }) : spawnSync('sh', ['-c', cmd], { stdio: 'pipe', encoding: 'utf8' }));
	let r = asPg(`${initdb} -D ${data} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null`);
	if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr}`);
	r = asPg(`${pgCtl} -D ${data} -l ${dir}/log -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start`);
	if (r.status !== 0) throw new Error(`PostgreSQL did not start: ${r.stderr}`);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		stop() {
			asPg(`${pgCtl} -D ${data} -m immediate stop >/dev/null`);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	let cluster = null;
	let url = process.env.DATABASE_URL;
	if (!url) {
		cluster = await startThrowawayPostgres();
		url = cluster.url;
		console.log(`Started a throwaway PostgreSQL at ${url}`);
	}
	const stop = () => cluster?.stop();
	process.on('SIGINT', () => {
		stop();
		process.exit(130);
	});
	spawnSync('npm', ['run', '--silent', 'i18n'], { stdio: 'inherit' });
	// Some server tests run the built server as its own process.
	if (!buildIfStale()) {
		stop();
		process.exit(1);
	}
	const result = spawnSync(
		'npx',
		['vitest', 'run', 'src/lib/server', 'tests/server', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
		{ stdio: 'inherit', env: { ...process.env, KOERS_TEST_PG_URL: url } }
	);
	stop();
	process.exit(result.status ?? 1);
}
