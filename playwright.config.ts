import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const dataDir = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';

/** End-to-end tests run the built app (`npm run build`) in Debian's Chromium, on a fresh embedded database. */
export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.spec.ts',
	// Playwright empties its output folder at the start; the JSON reports of the other suites live beside it.
	outputDir: 'test-results/e2e-artifacts',
	fullyParallel: false,
	workers: 1,
	// In CI a test that fails is run once more: a real browser on a shared machine has the odd slow second.
	// One that passes then is reported as flaky by name (scripts/summarize.mjs), to be fixed, not hidden.
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		baseURL: `http://localhost:${port}`,
		locale: 'nl-NL',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: `rm -rf ${dataDir} && node ${process.env.KOERS_BUILD_DIR ?? 'build'}`,
		url: `http://localhost:${port}/api/health`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			KOERS_DATA_DIR: dataDir,
			KOERS_LOG: 'silent'
		}
	}
});
