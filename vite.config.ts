import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Paraglide's Vite plugin watches messages in dev; in build and test it leaves timers running,
// so there we compile once beforehand (`npm run i18n`).
export default defineConfig(({ command }) => ({
	plugins: [
		...(command === 'serve' && !process.env.VITEST
			? [
					paraglideVitePlugin({
						project: './project.inlang',
						outdir: './src/lib/paraglide',
						strategy: ['cookie', 'baseLocale']
					})
				]
			: []),
		sveltekit()
	],
	resolve: {
		// Dexie's package entry wraps its ES5 build (for one instance across require and import); Koers only
		// imports it, so it takes the modern build: 1.3 KB less gzip on every first load, and less to run.
		alias: [{ find: /^dexie$/, replacement: fileURLToPath(new URL('./node_modules/dexie/dist/modern/dexie.mjs', import.meta.url)) }]
	},
	// The device store's worker (src/lib/client/sync/store-worker.ts) is a module worker.
	worker: { format: 'es' },
	server: { port: 5173 },
	test: {
		expect: { requireAssertions: true },
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		maxWorkers: 2
	}
}));
