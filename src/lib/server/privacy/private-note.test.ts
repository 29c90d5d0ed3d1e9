import { describe, expect, it } from 'vitest';
import type { Op } from '$lib/domain/sync';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { put } from '$test/ops';
import { sync } from '../sync/sync';
import { ApiError } from '../http/api';
import type { Actor } from '../policy';
import { coachedStudent } from '../coach/student.service';
import { groupDashboard } from '../coach/dashboard.service';
import { coachPeople } from '../coach/people.service';
import { coachStudents } from '../coach/roster.service';
import { exportStudentData, exportStudentForAdmin } from '../student/export.service';
import { accessLogOf, intakesWithPrivateNote, revealPrivateNote } from './access-log.service';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

const note = 'Mijn moeder is ziek, daarom ben ik soms te laat';

async function push(actor: Actor, ...ops: Op[]) {
	const res = await sync(t.db, actor, { cursor: null, ops });
	expect(res.results.map((r) => r.status), JSON.stringify(res.results)).toEqual(ops.map(() => 'applied'));
}

async function status(promise: Promise<unknown>): Promise<number | null> {
	return promise.then(
		() => null,
		(e: unknown) => (e instanceof ApiError ? e.status : -1)
	);
}

async function intakeWithNote() {
	const intake = put('intake', { interests: 'Sporten', privateNote: note, completedAt: '2026-09-01T10:00:00.000Z' });
	const withoutNote = put('intake', { interests: 'Eerder', completedAt: '2026-08-01T10:00:00.000Z' });
	await push(w.a.student, intake, withoutNote);
	return intake;
}

describe('the private note: one deliberate, logged look', () => {
	it('tells the own coach which intake has a note (ids only), reveals it on request and logs who and when', async () => {
		const { a } = w;
		const intake = await intakeWithNote();
		const ids = await intakesWithPrivateNote(t.db, a.coach, a.student.id);
		expect(ids).toEqual([intake.id]);
		expect(JSON.stringify(ids)).not.toContain(note);
		expect(await accessLogOf(t.db, a.student, a.student.id)).toEqual([]);

		const at = new Date('2026-11-23T08:15:00Z');
		expect(await revealPrivateNote(t.db, a.coach, a.student.id, intake.id, at)).toEqual({ intakeId: intake.id, note });
		expect(await accessLogOf(t.db, a.student, a.student.id)).toEqual([
			{ at: at.toISOString(), what: 'intake.privateNote', readerName: a.coach.displayName, readerRole: 'coach' }
		]);
	});

	it('refuses everyone else with 404 and logs nothing', async () => {
		const { a, b } = w;
		const intake = await intakeWithNote();
		for (const reader of [a.otherCoach, b.coach, a.classmate, a.admin, b.admin]) {
			expect(await status(revealPrivateNote(t.db, reader, a.student.id, intake.id)), reader.username).toBe(404);
			expect(await intakesWithPrivateNote(t.db, reader, a.student.id)).toEqual([]);
		}
		// The own coach, but an intake id of another student, or a record that is not an intake.
		const classmateIntake = put('intake', { privateNote: 'Van de klasgenoot' });
		await push(a.classmate, classmateIntake);
		expect(await status(revealPrivateNote(t.db, a.coach, a.student.id, classmateIntake.id))).toBe(404);
		expect(await accessLogOf(t.db, a.student, a.student.id)).toEqual([]);
	});

	it('shows the log to the student and their school’s admins only', async () => {
		const { a, b } = w;
		const intake = await intakeWithNote();
		await revealPrivateNote(t.db, a.coach, a.student.id, intake.id);
		expect(await accessLogOf(t.db, a.admin, a.student.id)).toHaveLength(1);
		for (const reader of [a.classmate, a.coach, b.admin]) expect(await status(accessLogOf(t.db, reader, a.student.id))).toBe(404);
	});

	it('puts the log in the student’s own download, and an admin’s download in the log', async () => {
		const { a, b } = w;
		const intake = await intakeWithNote();
		await revealPrivateNote(t.db, a.coach, a.student.id, intake.id, new Date('2026-11-20T10:00:00Z'));
		const byAdmin = await exportStudentForAdmin(t.db, a.admin, a.student.id, new Date('2026-11-21T10:00:00Z'));
		expect(byAdmin.records.intake.some((r) => r.data?.privateNote === note)).toBe(true);
		expect(byAdmin.accessLog.map((e) => [e.what, e.readerName])).toEqual([
			['intake.privateNote', a.coach.displayName],
			['export', a.admin.displayName]
		]);
		const own = await exportStudentData(t.db, a.student);
		expect(own.accessLog.map((e) => e.what)).toEqual(['intake.privateNote', 'export']);
		expect(await status(exportStudentForAdmin(t.db, b.admin, a.student.id))).toBe(404);
		expect(await status(exportStudentForAdmin(t.db, a.coach, a.student.id))).toBe(404);
		expect(await status(exportStudentForAdmin(t.db, a.admin, a.coach.id))).toBe(404);
	});
});

describe('the private note reaches a coach by no other path', () => {
	it('is not in the coach student page load, the dashboard, the people list or the roster', async () => {
		const { a } = w;
		await intakeWithNote();
		const paths = {
			studentPage: { student: await coachedStudent(t.db, a.coach, a.student.id), ids: await intakesWithPrivateNote(t.db, a.coach, a.student.id) },
			dashboard: await groupDashboard(t.db, a.coach, a.group.id),
			people: await coachPeople(t.db, a.coach),
			roster: await coachStudents(t.db, a.coach)
		};
		for (const [name, value] of Object.entries(paths)) {
			const text = JSON.stringify(value);
			expect(text.length, name).toBeGreaterThan(2);
			expect(text.includes(note), name).toBe(false);
		}
	});
});
