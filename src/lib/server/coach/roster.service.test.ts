import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addToGroup, makeUser } from '$test/db';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { users } from '../db/schema';
import { ApiError } from '../http/api';
import { coachStudents } from './roster.service';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('coachStudents', () => {
	it('lists the students of the groups the coach coaches, with their names, and nobody else', async () => {
		const rows = await coachStudents(t.db, w.a.coach);
		expect(ids(rows)).toEqual([w.a.student.id, w.a.classmate.id].sort());
		expect(rows).toContainEqual({ id: w.a.student.id, displayName: w.a.student.displayName, groupIds: [w.a.group.id] });
		// Not the other group's student, not the coach, not another school's students.
		expect(ids(rows)).not.toContain(w.a.otherStudent.id);
		expect(ids(rows)).not.toContain(w.a.coach.id);
		expect(ids(rows)).not.toContain(w.b.student.id);
	});

	it('a coach of another group sees only their own group; another school’s coach sees none of school A', async () => {
		expect(ids(await coachStudents(t.db, w.a.otherCoach))).toEqual([w.a.otherStudent.id]);
		const other = await coachStudents(t.db, w.b.coach);
		expect(ids(other)).toEqual([w.b.student.id, w.b.classmate.id].sort());
	});

	it('lists a student in two of the coach’s groups once, sorted by name, and leaves out inactive students', async () => {
		await addToGroup(t.db, w.a.otherGroup, w.a.coach);
		await addToGroup(t.db, w.a.otherGroup, w.a.student);
		const late = await makeUser(t.db, w.a.school.id, 'student', 'aaa-first');
		await addToGroup(t.db, w.a.group, late);
		await t.db.update(users).set({ active: false }).where(eq(users.id, w.a.classmate.id));
		const rows = await coachStudents(t.db, w.a.coach);
		expect(rows.find((r) => r.id === w.a.student.id)?.groupIds).toEqual([w.a.group.id, w.a.otherGroup.id].sort());
		expect(rows.map((r) => r.id)).toEqual([late.id, ...[w.a.student, w.a.otherStudent].sort((a, b) => a.displayName.localeCompare(b.displayName)).map((u) => u.id)]);
	});

	it('is forbidden for students and admins', async () => {
		for (const actor of [w.a.student, w.a.admin]) {
			await expect(coachStudents(t.db, actor)).rejects.toMatchObject({ status: 403 });
			await expect(coachStudents(t.db, actor)).rejects.toBeInstanceOf(ApiError);
		}
	});
});
