import { dev } from '$app/environment';
import type { Workbox } from 'workbox-window';

let wb: Workbox | undefined;

/** Registers the service worker; `onUpdate` is called when a new version waits to take over. */
export async function registerServiceWorker(onUpdate: () => void, home: string | undefined, pages: readonly string[] = []): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	// Loaded in the browser only (it is not meant for server rendering).
	const { Workbox } = await import('workbox-window');
	wb = new Workbox('/service-worker.js', { type: dev ? 'module' : 'classic' });
	wb.addEventListener('waiting', onUpdate);
	wb.addEventListener('controlling', (event) => {
		if (event.isUpdate) location.reload();
	});
	try {
		await wb.register();
		void keepForOffline(location.href, home, pages);
	} catch {
		// No service worker (private mode, old browser): Koers works, just not offline.
	}
}

/** Installs the waiting version; the page reloads when it takes control. */
export function applyUpdate(): void {
	wb?.messageSkipWaiting();
}

function dataUrl(href: string): string {
	const url = new URL(href);
	const path = url.pathname.endsWith('/') ? url.pathname : url.pathname + '/';
	return url.origin + path + '__data.json';
}

/**
 * Keeps the page (and its data) a signed-in person is on, so that it opens without a network next time;
 * `home` is where the start URL should lead when offline.
 */
export async function keepForOffline(href: string, home: string | undefined, more: readonly string[] = []): Promise<void> {
	if (!('serviceWorker' in navigator) || !home) return;
	const reg = await navigator.serviceWorker.ready;
	const pages = [href, ...more.map((p) => new URL(p, location.origin).href)];
	reg.active?.postMessage({ type: 'KEEP_PAGES', urls: [...new Set(pages.flatMap((p) => [p, dataUrl(p)]))], home });
}

/** Forgets every cached page of the signed-in person (shared computers). */
export async function forgetUser(): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	const reg = await navigator.serviceWorker.getRegistration();
	reg?.active?.postMessage({ type: 'FORGET_USER' });
	if ('caches' in window) await Promise.all(['koers-pages', 'koers-data'].map((c) => caches.delete(c)));
}
