import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtServer } from '$test/server-process';

/**
 * What every first load carries (bench/README.md measures it): the built browser code holds the small
 * language runtime, not Paraglide's strategies, and the app's entry does not list every page's scripts.
 */
const build = path.dirname(builtServer);
const immutable = path.join(build, 'client/_app/immutable');
const js = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(dir, f), 'utf8'));

describe.skipIf(!existsSync(builtServer))('the browser’s first load', () => {
	it('carries the page’s language only; the server keeps Paraglide’s locale strategies', () => {
		const strategies = /paraglidejs\.com\/errors#no-locale-found/;
		expect(js(path.join(build, 'server')).some((code) => strategies.test(code))).toBe(true);
		const client = js(immutable);
		expect(client.length).toBeGreaterThan(50);
		expect(client.filter((code) => strategies.test(code))).toEqual([]);
		// The messages still switch between Dutch and English at run time.
		expect(client.some((code) => code.includes('Mijn account') && code.includes('My account'))).toBe(true);
	});

	it('names no other page’s scripts in the app’s entry, only the styles a later page needs', () => {
		const [entry] = readdirSync(path.join(immutable, 'entry')).filter((f) => /^app\..*\.js$/.test(f));
		const code = readFileSync(path.join(immutable, 'entry', entry!), 'utf8');
		const deps = /m\.f=\[([^\]]*)\]/.exec(code)?.[1] ?? '';
		expect(deps).toMatch(/\.css"/);
		expect(deps).not.toMatch(/\.js"/);
	});
});
