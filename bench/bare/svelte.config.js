// The bare reference app: one SvelteKit page built with the same adapter, CSP and compiler settings
// as Koers, so first-load JS can be read as "Koers ÷ what SvelteKit itself costs".
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import main from '../../svelte.config.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		csp: main.kit.csp,
		serviceWorker: { register: false }
	}
};

export default config;
