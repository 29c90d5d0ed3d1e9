import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtServer } from '$test/server-process';

/** Test support (tests/support) builds databases and sessions by hand: it must never reach the product. */

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...filesUnder(full, keep));
		else if (keep(full)) out.push(full);
	}
	return out;
}

const isTestFile = (f: string) => /\.(test|spec)\.ts$/.test(f) || /\.svelte\.test\.ts$/.test(f);
const specifiers = (source: string) => [...source.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

/** Exported function and class names of the support modules: the marks they would leave in a bundle. */
function supportNames(): string[] {
	const names = new Set<string>();
	for (const file of filesUnder(path.resolve('tests/support'), (f) => f.endsWith('.ts'))) {
		for (const m of readFileSync(file, 'utf8').matchAll(/^export\s+(?:async\s+)?(?:function|class)\s+(\w+)/gm)) names.add(m[1]!);
	}
	return [...names];
}

describe('test support stays out of the product', () => {
	it('no source file of the app imports tests/support', () => {
		const product = filesUnder(path.resolve('src'), (f) => /\.(ts|js|svelte)$/.test(f) && !isTestFile(f) && !f.includes(`${path.sep}paraglide${path.sep}`));
		expect(product.length).toBeGreaterThan(100);
		const offenders = product.filter((f) => specifiers(readFileSync(f, 'utf8')).some((s) => s.startsWith('$test') || s.includes('tests/support')));
		expect(offenders).toEqual([]);
	});

	it.skipIf(!existsSync(builtServer))('the built server contains none of its functions', () => {
		const names = supportNames();
		expect(names).toContain('makeTwoSchools');
		const chunks = filesUnder(path.dirname(builtServer), (f) => f.endsWith('.js'));
		const code = chunks.map((f) => readFileSync(f, 'utf8')).join('\n');
		// The product's own functions are there by name, so a missing name means missing code, not mangling.
		expect(code).toMatch(/\bfunction ensureDemoSchool\b/);
		const found = names.filter((n) => new RegExp(`\\b(?:function|class)\\s+${n}\\b`).test(code));
		expect(found).toEqual([]);
	});
});
