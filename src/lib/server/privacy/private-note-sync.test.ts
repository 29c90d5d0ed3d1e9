import { describe, expect, it } from 'vitest';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { put } from '$test/ops';
import { sync } from '../sync/sync';

/**
 * The private note through `/api/sync`: the student's own devices get it; a coach's device gets the
 * intake without it (the coach opens it on the server, logged). Needs the one-line redaction in
 * `sync/changes-since.ts` (see the privacy report).
 */
let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

const note = 'Ik slaap slecht door de situatie thuis';

describe('sync and the private note', () => {
	it('sends the intake to the coach without the note, and to the student with it', async () => {
		const { a } = w;
		const intake = put('intake', { interests: 'Sporten', privateNote: note, completedAt: '2026-09-01T10:00:00.000Z' });
		const pushed = await sync(t.db, a.student, { cursor: null, ops: [intake] });
		expect(pushed.results[0]?.status).toBe('applied');

		const coach = await sync(t.db, a.coach, { cursor: null, ops: [] });
		const seen = coach.changes.find((c) => c.id === intake.id);
		expect(seen?.deleted).toBe(false);
		expect(seen?.data).toMatchObject({ interests: 'Sporten', completedAt: '2026-09-01T10:00:00.000Z' });
		expect(seen?.data).not.toHaveProperty('privateNote');
		expect(JSON.stringify(coach)).not.toContain(note);

		const own = await sync(t.db, a.student, { cursor: null, ops: [] });
		expect(own.changes.find((c) => c.id === intake.id)?.data).toMatchObject({ privateNote: note });
	});

	it('keeps the note when the student edits another field of the intake after a coach synced', async () => {
		const { a } = w;
		const intake = put('intake', { interests: 'Sporten', privateNote: note });
		await sync(t.db, a.student, { cursor: null, ops: [intake] });
		await sync(t.db, a.coach, { cursor: null, ops: [] });
		await sync(t.db, a.student, { cursor: null, ops: [put('intake', { interests: 'Sporten en koken' }, intake.id)] });
		const own = await sync(t.db, a.student, { cursor: null, ops: [] });
		expect(own.changes.find((c) => c.id === intake.id)?.data).toMatchObject({ interests: 'Sporten en koken', privateNote: note });
		const coach = await sync(t.db, a.coach, { cursor: null, ops: [] });
		expect(JSON.stringify(coach)).not.toContain(note);
	});
});
