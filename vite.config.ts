import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
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
	server: { port: 5173 },
	test: {
		expect: { requireAssertions: true },
		include: ['src/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		maxWorkers: 2
	}
}));
