/**
 * Pages paint before their scripts run.
 *
 * SvelteKit lists every script of a page in a `Link: rel=modulepreload` header and starts the app from
 * an inline script at the end of the body. The browser then downloads and compiles the app while it
 * parses the page, and on a slow phone often runs all of it (hydration) before it paints the server's
 * HTML once: the student waits for JavaScript to see a page that had arrived. Here a page's scripts are
 * left out of the header, and its start-up script first waits until the browser has painted a frame,
 * then asks for all of the page's scripts at once (preload links, so there is no waterfall of imports)
 * and starts the app, in a task after the one that ran the scripts. A hidden page (a tab opened in the
 * background) paints no frame; it starts at once.
 */

/** The boot of SvelteKit's start-up script (split bundles): `Promise.all([ import(start), import(app) ])`. */
const boot = 'Promise.all([';

export interface PaintFirst {
	/** For `resolve`'s `preload`: scripts are remembered instead of going into the `Link` header. */
	preload: (input: { type: 'js' | 'css' | 'font' | 'asset'; path: string }) => boolean;
	/** For `transformPageChunk`: the start-up script waits for the first paint, then preloads the scripts. */
	transform: (html: string) => string;
}

/** One per request: `preload` collects the page's scripts while it renders, `transform` uses them. */
export function paintFirst(): PaintFirst {
	const scripts: string[] = [];
	return {
		preload: ({ type, path }) => {
			if (type !== 'js') return type === 'css' || type === 'font';
			scripts.push(path);
			return false;
		},
		transform: (html) => {
			// The start-up script is the page's last script, and only one under a nonce may change (a hashed
			// one would no longer match its hash). Its boot comes before the page's data, which can hold
			// anything a student wrote, so the search runs forwards from the script's start.
			const script = html.lastIndexOf('<script nonce=');
			const at = script < 0 ? -1 : html.indexOf(boot, script);
			const end = at < 0 ? -1 : html.indexOf('])', at);
			if (end < 0 || !scripts.length) return html;
			// What the person types or ticks before the app has started is noted as it happens (`input` and
			// `change` events) until the app puts it back: hydrating sets every field to the value the server
			// rendered (`restoreTyped()` in src/lib/client/typed.ts).
			const note =
				`const typed = new Map();` +
				`const fields = 'input:not([type=file]), textarea';` +
				`const ticks = (f) => f.type === 'checkbox' || f.type === 'radio';` +
				`const note = (f) => typed.set(f, ticks(f) ? f.checked : f.value);` +
				`const noted = (e) => { if (e.target.matches?.(fields)) note(e.target); };` +
				`document.addEventListener('input', noted, true); document.addEventListener('change', noted, true);` +
				`window.__koersTyped = { typed, stop: () => { document.removeEventListener('input', noted, true); document.removeEventListener('change', noted, true); } };`;
			const wait =
				note +
				`new Promise((go) => (document.visibilityState === 'hidden' ? go() : requestAnimationFrame(() => setTimeout(go))))` +
				`.then(() => {` +
				`const links = document.createDocumentFragment();` +
				`const scripts = ${JSON.stringify(scripts)};` +
				`for (const href of scripts) { const link = document.createElement('link'); link.rel = 'modulepreload'; link.href = href; links.append(link); }` +
				`document.head.append(links);` +
				`return ${boot}`;
			// The app starts in a task of its own once the scripts have run: running them, starting SvelteKit
			// and hydrating the page were one task, on a simulated phone 140–170 ms of blocking time.
			// Right before it starts, fields that differ from the page as it came without an event (a form the
			// browser filled in again on going back) are noted too.
			const apart =
				`.then((modules) => new Promise((go) => setTimeout(() => {` +
				`for (const f of document.querySelectorAll(fields)) if (ticks(f) ? f.checked !== f.defaultChecked : f.value !== f.defaultValue) note(f);` +
				`go(modules); })))`;
			return html.slice(0, at) + wait + html.slice(at + boot.length, end + 2) + apart + '; })' + html.slice(end + 2);
		}
	};
}
