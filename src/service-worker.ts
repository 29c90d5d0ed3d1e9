/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope;

/** Caches that hold a signed-in person's pages; emptied on sign-out. */
const PAGES = 'koers-pages';
const DATA = 'koers-data';
const HOME_KEY = '/__koers/home';

// The app shell: every built asset (hashed names, so no revision needed) and the static files.
precacheAndRoute([
	...build.map((url) => ({ url, revision: null })),
	...files.filter((f) => !f.endsWith('.gz') && !f.endsWith('.br')).map((url) => ({ url, revision: version }))
]);
cleanupOutdatedCaches();

const fromCache = { ignoreVary: true };
const onlyOk = new CacheableResponsePlugin({ statuses: [200] });

// The start URL only redirects to the person's home; offline we send them there ourselves.
registerRoute(
	({ request, url }) => request.mode === 'navigate' && url.origin === self.location.origin && url.pathname === '/',
	async ({ request }) => {
		try {
			return await fetch(request);
		} catch {
			const home = await (await caches.open(PAGES)).match(HOME_KEY);
			return Response.redirect(home ? await home.text() : '/login', 302);
		}
	}
);

// Pages: fresh when the network answers within a few seconds, else the copy from the last visit.
// Student pages take their details from the query (`/student/goals?goal=…`) and their content from
// the device store, so any copy of the same path serves them offline.
registerRoute(
	({ request, url }) => request.mode === 'navigate' && url.origin === self.location.origin,
	new NetworkFirst({
		cacheName: PAGES,
		networkTimeoutSeconds: 4,
		matchOptions: { ...fromCache, ignoreSearch: true },
		plugins: [onlyOk, new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 60 * 60 * 24 * 30 })]
	})
);

// SvelteKit's page data and our read endpoints, the same way. Sync and writes never touch a cache.
registerRoute(
	({ request, url }) =>
		request.method === 'GET' &&
		url.origin === self.location.origin &&
		(url.pathname.endsWith('/__data.json') || url.pathname === '/api/me'),
	new NetworkFirst({
		cacheName: DATA,
		networkTimeoutSeconds: 4,
		matchOptions: { ...fromCache, ignoreSearch: true },
		plugins: [onlyOk, new ExpirationPlugin({ maxEntries: 120, maxAgeSeconds: 60 * 60 * 24 * 30 })]
	})
);

self.addEventListener('message', (event) => {
	const msg = event.data as { type?: string; urls?: string[]; home?: string } | null;
	if (msg?.type === 'SKIP_WAITING') void self.skipWaiting();
	// The page asks us to keep the page it is on (the first visit happens before we control it).
	if (msg?.type === 'KEEP_PAGES' && Array.isArray(msg.urls)) {
		event.waitUntil(keepPages(msg.urls, msg.home));
	}
	if (msg?.type === 'FORGET_USER') {
		event.waitUntil(Promise.all([caches.delete(PAGES), caches.delete(DATA)]));
	}
});

async function keepPages(urls: string[], home?: string) {
	const pages = await caches.open(PAGES);
	const data = await caches.open(DATA);
	if (home?.startsWith('/')) await pages.put(HOME_KEY, new Response(home));
	await Promise.all(
		urls.map(async (href) => {
			const url = new URL(href, self.location.origin);
			if (url.origin !== self.location.origin) return;
			try {
				const res = await fetch(url, { credentials: 'same-origin', redirect: 'manual' });
				if (res.status !== 200) return;
				await (url.pathname.endsWith('/__data.json') ? data : pages).put(url.href, res);
			} catch {
				// Offline right now: the next visit tries again.
			}
		})
	);
}

// The very first visit: take control at once so that this page already works offline.
clientsClaim();
