// `npm run screenshots`: the README's pictures, taken from the running demo school in Chromium.
// Starts the built server (build/, or KOERS_BUILD_DIR) on a fresh temporary database, signs in as a
// student (phone) and a coach (laptop), and writes docs/images/student-home.png and coach-dashboard.png.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const buildDir = process.env.KOERS_BUILD_DIR ?? 'build';
if (!existsSync(path.join(buildDir, 'index.js'))) {
	console.error(`No build in ${buildDir}/: run \`npm run build\` first.`);
	process.exit(1);
}
const port = process.env.PORT ?? '4399';
const base = `http://localhost:${port}`;
const data = mkdtempSync(path.join(tmpdir(), 'koers-shots-'));
const server = spawn(process.execPath, [buildDir], {
	stdio: 'ignore',
	env: { ...process.env, PORT: port, ORIGIN: base, KOERS_DATA_DIR: data, KOERS_LOG: 'silent' }
});
const exited = new Promise((resolve) => server.once('exit', resolve));
// The data folder goes only after the server has closed its database.
async function stop() {
	if (server.exitCode === null) server.kill('SIGTERM');
	await exited;
	rmSync(data, { recursive: true, force: true });
}

async function healthy() {
	for (let i = 0; i < 120; i++) {
		try {
			if ((await fetch(`${base}/api/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error('The server did not start within a minute.');
}

const browser = await (async () => {
	await healthy();
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
})().catch(async (e) => {
	await stop();
	throw e;
});

/** Signs in, opens the page, waits until the app runs and the first sync is in, and takes the picture. */
async function shoot(username, pathname, file, viewport) {
	const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'nl-NL' });
	const page = await context.newPage();
	await page.goto(`${base}/login`);
	await page.locator('#username').fill(username);
	await page.locator('#password').fill('koers-demo');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
	await page.goto(`${base}${pathname}`);
	await page.waitForFunction(() => document.documentElement.hasAttribute('data-hydrated'));
	await page.getByTestId('online-status').filter({ hasText: 'Alles opgeslagen' }).waitFor({ timeout: 30_000 });
	await page.waitForTimeout(500);
	await page.screenshot({ path: file });
	await context.close();
	console.log(`wrote ${file}`);
}

try {
	mkdirSync('docs/images', { recursive: true });
	await shoot('student1', '/student', 'docs/images/student-home.png', { width: 390, height: 844 });
	await shoot('coach1', '/coach', 'docs/images/coach-dashboard.png', { width: 1280, height: 800 });
} finally {
	await browser.close();
	await stop();
}
