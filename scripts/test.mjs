// `npm test`: type checks, unit and integration tests (Vitest, in-memory PGlite), then the built app
// in Chromium (Playwright). Every suite runs even when an earlier one fails; the last line sums them up.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { summarize } from './summarize.mjs';

const run = (cmd, args, env = {}) =>
	spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;

mkdirSync('test-results', { recursive: true });
for (const f of ['vitest.json', 'playwright.json', 'steps.json']) rmSync(`test-results/${f}`, { force: true });

const steps = [];
const step = (name, ok) => {
	steps.push({ name, ok });
	console.log(`\n── ${name}: ${ok ? 'ok' : 'FAILED'}\n`);
	return ok;
};

step('paraglide compile', run('npm', ['run', '--silent', 'i18n']));
step('svelte-check', run('npm', ['run', '--silent', 'check']));
// Built before Vitest: some server tests run the built server as its own process (crash safety, shutdown, access).
const built = step('build', run('npx', ['vite', 'build', '--logLevel', 'warn']));
step('vitest', run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']));
const chromium = step('chromium', run('node', ['scripts/ensure-chromium.mjs']));
if (built && chromium) step('playwright', run('npx', ['playwright', 'test']));
// The benchmark on a tiny school, budgets not enforced: it must keep working (`npm run bench` for the figures).
if (built && chromium) step('bench quick', run('npm', ['run', '--silent', 'bench', '--', '--quick']));

// A step that is not a test suite (type check, build) counts as one failure when it fails.
const failedSteps = steps.filter((s) => !s.ok && !['vitest', 'playwright'].includes(s.name)).map((s) => s.name);
writeFileSync('test-results/steps.json', JSON.stringify({ kind: 'steps', failed: failedSteps }));
const total = summarize(['test-results/steps.json', 'test-results/vitest.json', 'test-results/playwright.json']);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed || steps.some((s) => !s.ok) ? 1 : 0);
