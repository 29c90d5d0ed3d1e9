/**
 * A development probe for the client figures (not part of `npm run bench`): seeds a small bench school
 * once (kept in a folder between runs), starts the built server (KOERS_BUILD_DIR) on it and prints
 * first-load JS per file (student home and group dashboard) and Lighthouse details (LCP element, layout shifts, long tasks) for the
 * student home and the group dashboard.
 *
 *   KOERS_BUILD_DIR=build-client npx tsx bench/client-probe.ts [--only student|coach] [--runs N] [--fresh]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { openDatabase } from '$lib/server/db';
import { HttpClient, startServer } from '$test/server-process';
import { benchPassword, seedSchool, type BenchSchool } from './school';
import { chromiumPath, dexieFigures, firstLoadJs, lighthouseRun } from './browser';

const { values: args } = parseArgs({
	options: { only: { type: 'string' }, runs: { type: 'string', default: '1' }, fresh: { type: 'boolean', default: false }, dexie: { type: 'boolean', default: false }, students: { type: 'string', default: '60' }, verbose: { type: 'boolean', default: false } }
});
const dir = '/tmp/koers-client-probe';
const dataDir = `${dir}/db`;
const schoolFile = `${dir}/school.json`;

async function school(): Promise<BenchSchool> {
	if (args.fresh) rmSync(dir, { recursive: true, force: true });
	if (existsSync(schoolFile)) {
		const s = JSON.parse(readFileSync(schoolFile, 'utf8'));
		return { ...s, usernames: new Map(s.usernames) };
	}
	mkdirSync(dataDir, { recursive: true });
	const database = await openDatabase({ dataDir });
	try {
		const s = await seedSchool(database.db, { students: Number(args.students), recordsPerStudent: 200, heavyRecords: 400, seed: 20261123, log: () => {} });
		writeFileSync(schoolFile, JSON.stringify({ ...s, usernames: [...s.usernames] }));
		return s;
	} finally {
		await database.close();
	}
}

async function main() {
	if (args.dexie) {
		const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox'] });
		for (let r = 0; r < Number(args.runs); r++) {
			for (const d of await dexieFigures(browser, [1000, 10000])) console.log(`dexie ${d.n}: app ${((d.appMs / d.n) * 1000).toFixed(0)} ms per 1,000, raw ${((d.rawMs / d.n) * 1000).toFixed(0)}, stored ${d.stored}`);
		}
		await browser.close();
		return;
	}
	const s = await school();
	const server = await startServer({ database: { config: {}, env: { KOERS_DATA_DIR: dataDir }, dispose: async () => {} }, readyTimeoutMs: 120_000 });
	try {
		const student = new HttpClient(server.url);
		await student.signIn(s.usernames.get(s.dashboardGroup.studentIds[1]!)!, benchPassword);
		const coach = new HttpClient(server.url);
		await coach.signIn(s.usernames.get(s.dashboardGroup.coachIds[0]!)!, benchPassword);
		const pages: [string, string, string][] = [
			['student', '/student', student.cookie],
			['coach', `/coach/groups/${s.dashboardGroup.id}`, coach.cookie]
		];
		const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox'] });
		for (const [name, path, cookie] of pages) {
			if (args.only && args.only !== name) continue;
			const js = await firstLoadJs(browser, server.url + path, cookie);
			console.log(`${name}: first-load JS ${(js.bytes / 1024).toFixed(1)} KB in ${js.files} files on the page; ${(js.workerBytes / 1024).toFixed(1)} KB in ${js.workerFiles} in workers`);
			for (const f of js.list.sort((a, b) => b.gzip - a.gzip).slice(0, args.verbose ? 100 : 8)) console.log(`  ${(f.gzip / 1024).toFixed(1).padStart(6)} ${new URL(f.url).pathname}${f.worker ? ' (worker)' : ''}`);
		}
		await browser.close();
		for (const [name, path, cookie] of pages) {
			if (args.only && args.only !== name) continue;
			for (let r = 0; r < Number(args.runs); r++) {
				const lh = await lighthouseRun(server.url + path, cookie);
				console.log(`${name}: score ${lh.score} FCP ${lh.fcp.toFixed(0)} LCP ${lh.lcp.toFixed(0)} CLS ${lh.cls.toFixed(3)} TBT ${lh.tbt.toFixed(0)}`);
				if (r > 0 && !args.verbose) continue;
				const a = lh.lhr.audits;
				const items = (id: string) => ((a[id]?.details as { items?: unknown[] } | undefined)?.items ?? []) as Record<string, unknown>[];
				for (const it of items('largest-contentful-paint-element')) console.log('  LCP element', JSON.stringify(it).slice(0, 400));
				for (const it of items('layout-shifts')) console.log('  shift', JSON.stringify(it).slice(0, 300));
				for (const it of items('long-tasks').slice(0, args.verbose ? 100 : 12)) console.log('  long task', JSON.stringify(it).slice(0, 200));
				for (const it of items('bootup-time').slice(0, 5)) console.log('  bootup', JSON.stringify(it).slice(0, 200));
				for (const it of items('mainthread-work-breakdown')) console.log('  main thread', it.groupLabel ?? it.group, Math.round(Number(it.duration)));
				for (const it of items('network-requests')) console.log('  req', String(it.url).replace(server.url, ''), it.resourceType, Math.round(Number(it.networkRequestTime)), Math.round(Number(it.networkEndTime)), it.transferSize, it.priority, it.statusCode);
				const metrics = items('metrics')[0] ?? {};
				console.log('  observed', JSON.stringify(Object.fromEntries(Object.entries(metrics).filter(([k]) => /^observed(FirstContentfulPaint|LargestContentfulPaint|Load|DomContentLoaded)$/.test(k)))));
			}
		}
	} finally {
		await server.stop();
	}
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
