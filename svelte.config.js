import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// KOERS_BUILD_DIR / KOERS_KIT_DIR let a second build live beside the main one (parallel work, benchmarks).
		adapter: adapter({ out: process.env.KOERS_BUILD_DIR ?? 'build', precompress: true }),
		outDir: process.env.KOERS_KIT_DIR ?? '.svelte-kit',
		// The first page's CSS (a few KB) goes inside its HTML: no render-blocking round trip before the
		// first paint. The CSP allows it (style-src has 'unsafe-inline', so Kit adds no hashes).
		inlineStyleThreshold: 16 * 1024,
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		// The cross-site form check is ours (src/lib/server/http/origin.ts): the same rule, except for the
		// LTI launch an LMS posts from its own origin.
		csrf: { checkOrigin: false },
		serviceWorker: { register: false },
		// Test support (databases, server processes, the security matrix) lives outside src/: nothing the
		// product ships imports it (checked by tests/server/bundle-boundary.test.ts).
		alias: { $domain: 'src/lib/domain', $test: 'tests/support' }
	}
};

export default config;
