import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A plain script (node runs it without a build): imported by path, so the type check leaves it alone.
const { countReport, failures } = await import(path.resolve('scripts/summarize.mjs'));

/** The last lines CI prints: the totals, and which tests failed or needed a second run, by name. */
const dir = mkdtempSync(path.join(tmpdir(), 'koers-summary-'));
const write = (name: string, report: unknown) => {
	const file = path.join(dir, name);
	writeFileSync(file, JSON.stringify(report));
	return file;
};

const playwright = write('playwright.json', {
	stats: { expected: 1, unexpected: 1, flaky: 1, skipped: 0 },
	suites: [
		{
			title: 'coach-triage.spec.ts',
			specs: [{ file: 'coach-triage.spec.ts', line: 41, title: 'a handful need the coach now', tests: [{ status: 'unexpected', results: [{ status: 'failed', error: { message: '\u001b[31mError: expect(locator).toHaveCount(24)\u001b[39m\n\nCall log:' } }] }] }],
			suites: [
				{
					title: 'offline',
					specs: [
						{ file: 'coach-triage.spec.ts', line: 99, title: 'ticks off a talk', tests: [{ status: 'flaky', results: [{ status: 'timedOut', error: { message: 'Test timeout of 60000ms exceeded.' } }, { status: 'passed' }] }] },
						{ file: 'coach-triage.spec.ts', line: 120, title: 'two coaches', tests: [{ status: 'expected', results: [{ status: 'passed' }] }] }
					]
				}
			]
		}
	]
});

const vitest = write('vitest.json', {
	numPassedTests: 3,
	numFailedTests: 1,
	numPendingTests: 0,
	testResults: [
		{ name: path.join(process.cwd(), 'src/lib/a.test.ts'), status: 'failed', assertionResults: [{ status: 'passed', fullName: 'fine' }, { status: 'failed', fullName: 'sums up', failureMessages: ['AssertionError: expected 1 to be 2\n    at …'] }] },
		{ name: path.join(process.cwd(), 'src/lib/b.test.ts'), status: 'failed', message: 'SyntaxError: Unexpected token', assertionResults: [] }
	]
});

describe('the CI summary', () => {
	it('names each failed browser test with its first error line, and each that passed only on a second run', () => {
		expect(failures(playwright)).toEqual([
			{ kind: 'failed', name: 'tests/coach-triage.spec.ts:41 › a handful need the coach now', error: 'Error: expect(locator).toHaveCount(24)' },
			{ kind: 'flaky (passed when run again)', name: 'tests/coach-triage.spec.ts:99 › offline › ticks off a talk', error: 'Test timeout of 60000ms exceeded.' }
		]);
		// A flaky test counts as passed, a failed one as failed.
		expect(countReport(playwright)).toEqual({ passed: 2, failed: 1, skipped: 0 });
	});

	it('names failed unit tests and test files that did not load', () => {
		expect(failures(vitest)).toEqual([
			{ kind: 'failed', name: 'src/lib/a.test.ts › sums up', error: 'AssertionError: expected 1 to be 2' },
			{ kind: 'failed', name: 'src/lib/b.test.ts', error: 'SyntaxError: Unexpected token' }
		]);
		expect(countReport(vitest)).toEqual({ passed: 3, failed: 2, skipped: 0 });
	});
});
