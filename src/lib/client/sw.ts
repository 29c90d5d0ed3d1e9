import { dev } from '$app/environment';

let registration: ServiceWorkerRegistration | undefined;
let registering: Promise<void> | undefined;
let settings: { onUpdate: () => void; home: string | undefined; pages: readonly string[] } | undefined;
/** Set when this tab asked the waiting version to take over: it reloads once that version controls it. */
let updating = false;

/**
 * Registers the service worker; `onUpdate` is called when a new version waits to take over.
 *
 * The first install saves the whole app (a few seconds). If the network drops meanwhile (a student
 * who signs in and steps onto the train), the install fails and the browser forgets the worker. We
 * then install it again as soon as the network is back or the student moves to another page, without
 * waiting for a reload, so that the pages are kept for offline use at the first chance.
 */
export async function registerServiceWorker(onUpdate: () => void, home: string | undefined, pages: readonly string[] = []): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	const first = !settings;
	settings = { onUpdate, home, pages };
	if (first) {
		window.addEventListener('online', () => void ensureServiceWorker());
		// The first install takes control without a reload (the worker claims this page); a new version
		// takes over only when the student asked for it in this tab, and the page reloads into it.
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			if (updating) location.reload();
		});
	}
	await ensureServiceWorker(true);
}

/** Registers (again) when this page has no service worker: never registered yet, or the install failed. */
async function ensureServiceWorker(force = false): Promise<void> {
	if (!settings || registering) return registering;
	if (!force) {
		const reg = await navigator.serviceWorker.getRegistration().catch(() => undefined);
		if (reg?.active || reg?.waiting || reg?.installing) return;
	}
	registering = register(settings).finally(() => (registering = undefined));
	return registering;
}

async function register({ onUpdate, home, pages }: NonNullable<typeof settings>): Promise<void> {
	let reg: ServiceWorkerRegistration;
	try {
		reg = await navigator.serviceWorker.register('/service-worker.js', { type: dev ? 'module' : 'classic' });
	} catch {
		// No service worker (private mode, old browser, offline right now): Koers works, just not offline yet.
		return;
	}
	registration = reg;
	// A version is waiting when it installed while an older one controls this page: from this visit, or
	// from an earlier one that was never applied.
	const announce = () => {
		if (reg.waiting && navigator.serviceWorker.controller) onUpdate();
	};
	announce();
	reg.addEventListener('updatefound', () => {
		const worker = reg.installing;
		worker?.addEventListener('statechange', () => {
			if (worker.state === 'installed') announce();
		});
	});
	void keepForOffline(location.href, home, pages);
}

/**
 * Installs the waiting version; the page reloads when it takes control. When another tab has installed
 * it already, this page only needs the reload.
 */
export function applyUpdate(): void {
	const waiting = registration?.waiting;
	if (!waiting) return location.reload();
	updating = true;
	waiting.postMessage({ type: 'SKIP_WAITING' });
}

function dataUrl(href: string): string {
	const url = new URL(href);
	const path = url.pathname.endsWith('/') ? url.pathname : url.pathname + '/';
	return url.origin + path + '__data.json';
}

/**
 * Keeps the page (and its data) a signed-in person is on, so that it opens without a network next time;
 * `home` is where the start URL should lead when offline. A navigation in the app is also the moment to
 * install the worker again if its first install failed.
 */
export async function keepForOffline(href: string, home: string | undefined, more: readonly string[] = []): Promise<void> {
	if (!('serviceWorker' in navigator) || !home) return;
	void ensureServiceWorker();
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
