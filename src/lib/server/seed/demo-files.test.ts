import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoError, folderDemo, minutesOf, readDemo, shippedDemo } from './demo-files';

const shippedDir = 'src/lib/server/seed/demo';
const dirs: string[] = [];
/** A copy of the shipped demo folder, changed by `edit` (file → its JSON, changed in place). */
function schoolFolder(edits: Record<string, (json: any) => void> = {}): string {
	const dir = mkdtempSync(join(tmpdir(), 'koers-demo-'));
	dirs.push(dir);
	cpSync(shippedDir, dir, { recursive: true });
	for (const [file, edit] of Object.entries(edits)) {
		const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
		edit(json);
		writeFileSync(join(dir, file), JSON.stringify(json));
	}
	return dir;
}
function problemsOf(dir: string): string[] {
	try {
		readDemo(folderDemo(dir));
	} catch (e) {
		if (e instanceof DemoError) return e.problems;
		throw e;
	}
	return [];
}
afterEach(() => vi.unstubAllEnvs());
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the demo as data files', () => {
	it('reads the shipped demo: its people, the boards in the open board format, the stories', () => {
		const demo = readDemo(shippedDemo);
		expect(demo.school).toBe('ROC De Koers (demo)');
		expect(demo.accounts.filter((a) => a.role === 'student')).toHaveLength(24);
		expect(demo.accounts.slice(0, 2).map((a) => [a.username, a.displayName])).toEqual([
			['student1', 'Daan Visser'],
			['student2', 'Lotte de Graaf']
		]);
		expect(demo.boards.map((b) => [b.key, b.file.board.mode, b.file.items.length])).toEqual([
			['verzorging', 'free', 12],
			['rekenen', 'stepPlan', 6]
		]);
		expect(demo.stories.map((s) => s.username)).toEqual(Array.from({ length: 12 }, (_, i) => `student${i + 1}`));
		expect(demo.autonomy).toHaveLength(24);
	});

	it('reads a school’s own folder (KOERS_DEMO_DIR) in the same layout', async () => {
		const dir = schoolFolder({ 'demo.json': (d) => (d.school = 'Eigen demo') });
		expect(readDemo(folderDemo(dir))).toEqual({ ...readDemo(shippedDemo), school: 'Eigen demo' });
		vi.stubEnv('KOERS_DEMO_DIR', dir);
		vi.resetModules();
		const { demoData } = await import('./demo-files');
		expect(demoData().school).toBe('Eigen demo');
	});

	it('names the file and the field of every mistake, and checks what the app checks', () => {
		const dir = schoolFolder({
			'students/student1.json': (s) => {
				s.choices[0].item = 'zwemmen';
				s.cycles[0].performance[0].daysAgo = 30;
			},
			'students/student7.json': (s) => (s.goals[0].title = ''),
			'students/student12.json': (s) => (s.ratings[0].stars = 9),
			'boards/rekenen.json': (b) => (b.items[0].level = 'expert'),
			'boards/verzorging.json': (b) => (b.items[1].workProcessIds = ['B9-K9-W9']),
			'feedback.json': (f) => (f[0].daysAgo = 30),
			'check-ins.json': (c) => (c[0].by = 'student2'),
			'autonomy.json': (a) => (a[0].level = 'free')
		});
		writeFileSync(join(dir, 'needs.json'), '[{"key": "x",');
		const problems = problemsOf(dir);
		const expected = [
			/^students\/student7\.json: goals\[0\]\.title: field_required$/,
			/^students\/student1\.json: choices\[0\]\.item: no item "zwemmen" on the boards of demo\.json$/,
			/^students\/student1\.json: cycles\[0\]\.performance\[0\]\.daysAgo: 30 days ago at 10:15 is before the cycle was started \(15 days ago at 09:05\)$/,
			/^students\/student12\.json: ratings\[0\]\.stars: /,
			/^boards\/rekenen\.json: items\[0\]\.level: unknownLevel/,
			/^boards\/verzorging\.json: items\[1\]\.workProcessIds\[0\]: "B9-K9-W9" is not a work process in qualification\.json$/,
			/^feedback\.json: \[0\]\.daysAgo: 30 days ago at 15:00 is before what it is about \(19 days ago at 10:00\)$/,
			/^check-ins\.json: \[0\]\.by: "student2" is not a coach in demo\.json$/,
			/^autonomy\.json: \[0\]\.level: /,
			/^needs\.json: not valid JSON/
		];
		for (const pattern of expected) expect(problems.some((p) => pattern.test(p)), `${pattern} in\n${problems.join('\n')}`).toBe(true);
		// One mistake, one line: nothing else is reported.
		expect(problems).toHaveLength(expected.length);
		// A students/ file must be named for a student of demo.json.
		writeFileSync(join(dir, 'students/coach1.json'), '{}');
		expect(problemsOf(dir)).toContain(`students/coach1.json: "coach1" is not a student in demo.json (the file is named for the student's username)`);
	});

	it('refuses a history out of order: a reply before its message, a pick before its goal, a mark before the reflection', () => {
		const dir = schoolFolder({
			'feedback.json': (f) => (f.find((x: { replies?: unknown[] }) => x.replies?.length).replies[0].daysAgo = 25),
			'students/student2.json': (s) => {
				s.choices[0].daysAgo = 16; // before its goal g-rapport (15 days ago)
				s.cycles[0].coachRating.daysAgo = 11; // before the reflection (10 days ago)
			}
		});
		const problems = problemsOf(dir);
		expect(problems).toContainEqual(expect.stringMatching(/^feedback\.json: \[\d+\]\.replies\[0\]\.daysAgo: 25 days ago .* is before the message it answers/));
		expect(problems).toContain('students/student2.json: choices[0].daysAgo: 16 days ago at 13:10 is before its goal (15 days ago at 13:00)');
		expect(problems).toContainEqual(expect.stringMatching(/^students\/student2\.json: cycles\[0\]\.coachRating\.daysAgo: 11 days ago .* is before the student's own part/));
	});

	it('reports a missing demo.json as such, naming the folder', () => {
		const dir = mkdtempSync(join(tmpdir(), 'koers-demo-empty-'));
		dirs.push(dir);
		expect(() => readDemo(folderDemo(dir))).toThrow(`demo school in ${dir}: 1 problem(s)\n  demo.json: file missing`);
	});

	it('orders moments by day, then by time', () => {
		expect(minutesOf({ daysAgo: 2, time: '23:59' })).toBeLessThan(minutesOf({ daysAgo: 1, time: '00:00' }));
		expect(minutesOf({ daysAgo: 1, time: '09:00' })).toBeLessThan(minutesOf({ daysAgo: 1, time: '09:01' }));
	});
});
