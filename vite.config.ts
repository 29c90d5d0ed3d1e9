import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const generatedRuntime = fileURLToPath(new URL('./src/lib/paraglide/runtime.js', import.meta.url));
const clientRuntime = fileURLToPath(new URL('./src/lib/i18n/runtime.client.ts', import.meta.url));

/**
 * In the browser, Paraglide's generated runtime is swapped for src/lib/i18n/runtime.client.ts (the page's
 * language, without the locale strategies the server uses). Not under Vitest: the tests use the real one.
 */
function clientLocaleRuntime(): Plugin {
	return {
		name: 'koers:client-locale-runtime',
		enforce: 'pre',
		async resolveId(source, importer, options) {
			if (this.environment.config.consumer !== 'client' || !importer || !source.endsWith('runtime.js')) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			return resolved?.id === generatedRuntime ? clientRuntime : null;
		}
	};
}

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
		...(process.env.VITEST ? [] : [clientLocaleRuntime()]),
		sveltekit()
	],
	resolve: {
		// Dexie's package entry wraps its ES5 build (for one instance across require and import); Koers only
		// imports it, so it takes the modern build: 1.3 KB less gzip on every first load, and less to run.
		alias: [{ find: /^dexie$/, replacement: fileURLToPath(new URL('./node_modules/dexie/dist/modern/dexie.mjs', import.meta.url)) }]
	},
	build: {
		modulePreload: {
			// A page loaded later (a navigation, the hover preload) fetches its own imports; the list of every
			// page's imports otherwise rides in the app's entry, 1.7 KB gzip on every first load. After the first
			// visit the service worker has the whole app on the device, where that round trip costs nothing.
			resolveDependencies: (_file, deps, { hostType }) => (hostType === 'js' ? [] : deps)
		}
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
