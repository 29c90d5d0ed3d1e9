import { describe, expect, it } from 'vitest';
import { paintFirst } from './paint-first';

/** The end of a page as SvelteKit 2 renders it (split bundles, CSP nonce). */
const page = (nonce = ' nonce="abc"', text = 'Hoi') => `<!doctype html><html><head><title>Start</title></head><body><div style="display: contents">
<main><h1>Hoi Daan!</h1></main>
			<script${nonce}>
				{
					__sveltekit_x = { base: new URL(".", location).pathname.slice(0, -1) };

					const element = document.currentScript.parentElement;

					Promise.all([
						import("./_app/immutable/entry/start.abc.js"),
						import("./_app/immutable/entry/app.def.js")
					]).then(([kit, app]) => {
						kit.start(app, element, { node_ids: [0, 5], data: [{ goal: ${JSON.stringify(text)} }] });
					});
				}
			</script>
		</div></body></html>`;

function scriptOf(html: string): string {
	return html.slice(html.indexOf('>', html.indexOf('<script')) + 1, html.lastIndexOf('</script>'));
}

/** Runs a page's start-up script against a stand-in browser and tells what happened, in order. */
type Field = { type: string; value: string; defaultValue: string; checked?: boolean; defaultChecked?: boolean; matches?: (s: string) => boolean };
type Fire = (type: 'input' | 'change', target: Field) => void;

async function boot(html: string, visibility: 'visible' | 'hidden' = 'visible', fields: Field[] = [], typing?: (fire: Fire) => void) {
	const steps: string[] = [];
	const window: { __koersTyped?: { typed: Map<Field, string | boolean>; stop: () => void } } = {};
	const listeners = new Set<{ type: string; fn: (e: { target: Field }) => void }>();
	for (const f of fields) f.matches = () => f.type !== 'file';
	const frames: (() => void)[] = [];
	const appended: string[] = [];
	const document = {
		visibilityState: visibility,
		currentScript: { parentElement: 'body' },
		createDocumentFragment: () => ({ nodes: [] as { href: string; rel: string }[], append(n: { href: string; rel: string }) { this.nodes.push(n); } }),
		createElement: () => ({ rel: '', href: '' }),
		head: { append: (f: { nodes: { href: string; rel: string }[] }) => f.nodes.forEach((n) => appended.push(`${n.rel} ${n.href}`)) },
		querySelectorAll: (selector: string) => {
			steps.push(`fields read (${selector})`);
			return fields.filter((f) => f.matches!(selector));
		},
		addEventListener: (type: string, fn: (e: { target: Field }) => void) => listeners.add({ type, fn }),
		removeEventListener: (type: string, fn: (e: { target: Field }) => void) => {
			for (const l of listeners) if (l.type === type && l.fn === fn) listeners.delete(l);
		}
	};
	const requestAnimationFrame = (f: () => void) => {
		steps.push('frame requested');
		frames.push(f);
	};
	const setTimeout = (f: () => void) => {
		steps.push('next task');
		f();
	};
	const imports: string[] = [];
	const load = (path: string) => {
		steps.push(`import ${path}`);
		imports.push(path);
		return Promise.resolve({ start: () => steps.push('started') });
	};
	const body = scriptOf(html).replaceAll('import(', '__import(');
	new Function('document', 'requestAnimationFrame', 'setTimeout', '__import', 'location', 'window', body)(document, requestAnimationFrame, setTimeout, load, 'http://x/', window);
	const tick = () => new Promise((r) => globalThis.setTimeout(r, 0));
	typing?.((type, target) => {
		for (const l of listeners) if (l.type === type) l.fn({ target });
	});
	await tick();
	const beforeFrame = [...steps];
	frames.forEach((f) => f());
	await tick();
	const noted = window.__koersTyped;
	noted?.stop();
	return { beforeFrame, steps, appended, imports, typed: noted ? [...noted.typed].map(([f, v]) => [f.value, v]) : undefined, listening: listeners.size };
}

describe('paintFirst', () => {
	it('keeps scripts out of the Link header and other files in it', () => {
		const paint = paintFirst();
		expect(paint.preload({ type: 'js', path: '/_app/immutable/entry/start.abc.js' })).toBe(false);
		expect(paint.preload({ type: 'css', path: '/_app/immutable/assets/0.css' })).toBe(true);
		expect(paint.preload({ type: 'font', path: '/font.woff2' })).toBe(true);
		expect(paint.preload({ type: 'asset', path: '/x.png' })).toBe(false);
	});

	it('starts the app only after the browser has painted a frame, with every script preloaded at once', async () => {
		const paint = paintFirst();
		for (const path of ['./_app/immutable/entry/start.abc.js', './_app/immutable/chunks/svelte.js', './_app/immutable/entry/app.def.js']) paint.preload({ type: 'js', path });
		const run = await boot(paint.transform(page()));
		expect(run.beforeFrame).toEqual(['frame requested']);
		expect(run.appended).toEqual([
			'modulepreload ./_app/immutable/entry/start.abc.js',
			'modulepreload ./_app/immutable/chunks/svelte.js',
			'modulepreload ./_app/immutable/entry/app.def.js'
		]);
		// The app starts in a task after the one that ran its scripts.
		expect(run.steps).toEqual([
			'frame requested',
			'next task',
			'import ./_app/immutable/entry/start.abc.js',
			'import ./_app/immutable/entry/app.def.js',
			'next task',
			'fields read (input:not([type=file]), textarea)',
			'started'
		]);
	});

	it('notes what is typed or ticked before the app starts, as it happens and right before the start', async () => {
		const paint = paintFirst();
		paint.preload({ type: 'js', path: './_app/immutable/entry/start.abc.js' });
		const name = { type: 'text', value: '', defaultValue: '' };
		const password = { type: 'password', value: 'wachtwoord-van-de-browser', defaultValue: '' };
		const untouched = { type: 'text', value: 'Zorg 2A', defaultValue: 'Zorg 2A' };
		const ticked = { type: 'checkbox', checked: false, defaultChecked: false, value: 'on', defaultValue: 'on' };
		const unticked = { type: 'radio', checked: false, defaultChecked: false, value: 'a', defaultValue: 'a' };
		const file = { type: 'file', value: 'C:\\fakepath\\foto.jpg', defaultValue: '' };
		const run = await boot(paint.transform(page()), 'visible', [name, password, untouched, ticked, unticked, file], (fire) => {
			// Typed and ticked while the page shows: noted as it happens.
			name.value = 'Daa';
			fire('input', name);
			name.value = 'Daan';
			fire('input', name);
			ticked.checked = true;
			fire('change', ticked);
			fire('input', file);
		});
		// The password the browser filled in without an event is noted right before the start.
		expect(run.typed).toEqual([
			['Daan', 'Daan'],
			['on', true],
			['wachtwoord-van-de-browser', 'wachtwoord-van-de-browser']
		]);
		expect(run.steps.slice(-2)).toEqual(['fields read (input:not([type=file]), textarea)', 'started']);
		expect(run.listening).toBe(0);
	});

	it('is not misled by what a student wrote into the page', async () => {
		const paint = paintFirst();
		paint.preload({ type: 'js', path: './_app/immutable/entry/start.abc.js' });
		const run = await boot(paint.transform(page(undefined, 'Promise.all([ x ]) ])')));
		expect(run.beforeFrame).toEqual(['frame requested']);
		expect(run.steps.at(-1)).toBe('started');
	});

	it('starts at once in a hidden tab, which paints no frame', async () => {
		const paint = paintFirst();
		paint.preload({ type: 'js', path: './_app/immutable/entry/start.abc.js' });
		const run = await boot(paint.transform(page()), 'hidden');
		expect(run.beforeFrame).toContain('started');
		expect(run.steps).not.toContain('frame requested');
	});

	it('leaves a page alone when it has no start-up script under a nonce, or no scripts were listed', () => {
		const listed = paintFirst();
		listed.preload({ type: 'js', path: './a.js' });
		expect(listed.transform(page(''))).toBe(page(''));
		expect(listed.transform('<p>error</p>')).toBe('<p>error</p>');
		expect(paintFirst().transform(page())).toBe(page());
	});
});
