// Adds up the results of the test suites (Vitest and Playwright JSON reports) into one line:
// `N passed, N failed`. A suite that left no report counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const isPlaywright = (report) => !!report.stats && 'expected' in report.stats;

export function countReport(file) {
	if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, missing: true };
	const report = JSON.parse(readFileSync(file, 'utf8'));
	// Steps that are not test suites (type check, build): only their failures count.
	if (report.kind === 'steps') return { passed: 0, failed: report.failed.length, skipped: 0 };
	if (isPlaywright(report)) {
		// Playwright
		return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
	}
	// Vitest (jest-compatible JSON)
	const failedSuites = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
	return {
		passed: report.numPassedTests ?? 0,
		failed: (report.numFailedTests ?? 0) + failedSuites,
		skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
	};
}

/** The tests that failed (and, in Playwright, passed only when run again), each with the first line of its error. */
export function failures(file) {
	if (!existsSync(file)) return [];
	const report = JSON.parse(readFileSync(file, 'utf8'));
	const out = [];
	const firstLine = (text) => String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? '';
	if (isPlaywright(report)) {
		const walk = (suite, outer) => {
			// A file's suite is titled by its file name; a describe() by its title.
			const titles = suite.title && !/\.(spec|test)\.ts$/.test(suite.title) ? [...outer, suite.title] : outer;
			for (const spec of suite.specs ?? []) {
				for (const test of spec.tests ?? []) {
					if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
					const error = test.results?.find((r) => r.status !== 'passed' && r.status !== 'skipped')?.error?.message;
					out.push({ kind: test.status === 'flaky' ? 'flaky (passed when run again)' : 'failed', name: `tests/${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}`, error: firstLine(error) });
				}
			}
			for (const child of suite.suites ?? []) walk(child, titles);
		};
		for (const suite of report.suites ?? []) walk(suite, []);
	} else if (report.testResults) {
		for (const r of report.testResults) {
			const file = r.name?.replace(`${process.cwd()}/`, '');
			if (r.status === 'failed' && !(r.assertionResults ?? []).length) out.push({ kind: 'failed', name: file, error: firstLine(r.message) });
			for (const a of r.assertionResults ?? []) if (a.status === 'failed') out.push({ kind: 'failed', name: `${file} › ${a.fullName}`, error: firstLine(a.failureMessages?.[0]) });
		}
	}
	return out;
}

export function summarize(files) {
	for (const file of files) {
		for (const f of failures(file)) console.log(`  ${f.kind}: ${f.name}${f.error ? `\n      ${f.error.slice(0, 300)}` : ''}`);
	}
	const total = { passed: 0, failed: 0, skipped: 0 };
	for (const file of files) {
		const c = countReport(file);
		total.passed += c.passed;
		total.failed += c.failed;
		total.skipped += c.skipped;
		console.log(`  ${file}: ${c.missing ? 'no report (counted as 1 failed)' : `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`}`);
	}
	return total;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const total = summarize(process.argv.slice(2));
	console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
	process.exit(total.failed ? 1 : 0);
}
