import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '$test/db';
import { users, groups } from '../db/schema';
import { ensureDemoSchool } from '../seed/demo';
import { groupDashboard, type Dashboard } from './dashboard.service';
import { reasonUrgency } from '$lib/domain/triage';
import { reasonLabel } from '$lib/components/coach/dashboard/labels';
import { firstName } from '$lib/domain/names';

/** The demo group as coach1 sees it: "Heeft je nu nodig" must mean now, for few students, with a reason. */
let t: Awaited<ReturnType<typeof openTestDatabase>>;
let dashboard: Dashboard;
beforeAll(async () => {
	t = await openTestDatabase();
	await ensureDemoSchool(t.db);
	const coach = (await t.db.select().from(users)).find((u) => u.username === 'coach1')!;
	const [group] = await t.db.select().from(groups);
	dashboard = await groupDashboard(t.db, { id: coach.id, schoolId: coach.schoolId, role: coach.role }, group!.id);
}, 180_000);
afterAll(async () => t.close());

describe('triage on the demo school', () => {
	it('marks at most 6 of the 24 students "now", each for something that waits on the coach', () => {
		expect(dashboard.rows).toHaveLength(24);
		const now = dashboard.rows.filter((r) => r.status === 'now');
		expect(now.length).toBeGreaterThanOrEqual(3);
		expect(now.length).toBeLessThanOrEqual(6);
		for (const r of now) expect(r.attention.reasons.some((x) => reasonUrgency[x.kind] === 'now'), r.username).toBe(true);
		// Noah (student5): a pick waits for approval; Jayden and Samira too.
		for (const username of ['student5', 'student10', 'student3']) {
			const row = dashboard.rows.find((r) => r.username === username)!;
			expect(row.status, username).toBe('now');
			expect(row.attention.reasons[0]?.kind).toBe('approval');
		}
		// A quiet spell or a learning question alone is never "now".
		for (const r of dashboard.rows.filter((r) => r.attention.reasons.every((x) => ['quietWeek', 'question', 'notStarted'].includes(x.kind)))) {
			expect(r.status, r.username).not.toBe('now');
		}
	});

	it('phrases every reason as what the coach can do, with the student’s first name', () => {
		const noah = dashboard.rows.find((r) => r.username === 'student5')!;
		const lines = noah.attention.reasons.map((x) => reasonLabel(x, noah.name));
		expect(lines[0]).toMatch(/^Keur Noahs keuze goed \(wacht al \d+ schooldagen\)$/);
		for (const r of dashboard.rows) {
			for (const x of r.attention.reasons) expect(reasonLabel(x, r.name)).toContain(firstName(r.name));
		}
	});

	it('keeps students without anything waiting on course, and sorts now before soon before fine', () => {
		expect(dashboard.rows.some((r) => r.status === 'fine')).toBe(true);
		const ranked = [...dashboard.rows].sort((a, b) => b.attention.score - a.attention.score).map((r) => r.status);
		const order = { now: 0, soon: 1, fine: 2 };
		for (let i = 1; i < ranked.length; i++) expect(order[ranked[i]!]).toBeGreaterThanOrEqual(order[ranked[i - 1]!]);
	});
});
