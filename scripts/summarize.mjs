// Adds up the results of the test suites (Vitest and Playwright JSON reports) into one line:
// `N passed, N failed`. A suite that left no report counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

export function countReport(file) {
	if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, missing: true };
	const report = JSON.parse(readFileSync(file, 'utf8'));
	// Steps that are not test suites (type check, build): only their failures count.
	if (report.kind === 'steps') return { passed: 0, failed: report.failed.length, skipped: 0 };
	if (report.stats && 'expected' in report.stats) {
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

export function summarize(files) {
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
