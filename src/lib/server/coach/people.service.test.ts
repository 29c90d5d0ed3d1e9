import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addToGroup, makeGroup, makeUser } from '$test/db';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { users } from '../db/schema';
import { ApiError } from '../http/api';
import { coachPeople } from './people.service';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

async function status(promise: Promise<unknown>) {
	try {
		await promise;
		return 200;
	} catch (e) {
		if (e instanceof ApiError) return e.status;
		throw e;
	}
}

describe('coachPeople', () => {
	it('lists the groups the coach coaches and their students, by name', async () => {
		const people = await coachPeople(t.db, w.a.coach);
		expect(people.groups).toEqual([{ id: w.a.group.id, name: 'Groep 1' }]);
		expect(people.students.map((s) => s.id).sort()).toEqual([w.a.student.id, w.a.classmate.id].sort());
		expect(people.students.every((s) => s.groupIds.length === 1 && s.groupIds[0] === w.a.group.id)).toBe(true);
		expect(people.students[0]).toEqual({ id: expect.any(String), displayName: expect.stringMatching(/^Test /), groupIds: [w.a.group.id] });
	});

	it('gives a student in two coached groups both group ids, and leaves out inactive students', async () => {
		await addToGroup(t.db, w.a.otherGroup, w.a.coach);
		await addToGroup(t.db, w.a.otherGroup, w.a.student);
		await t.db.update(users).set({ active: false }).where(eq(users.id, w.a.classmate.id));
		const people = await coachPeople(t.db, w.a.coach);
		expect(people.groups.map((g) => g.name)).toEqual(['Groep 1', 'Groep 2']);
		const byId = new Map(people.students.map((s) => [s.id, s]));
		expect(byId.get(w.a.student.id)?.groupIds.sort()).toEqual([w.a.group.id, w.a.otherGroup.id].sort());
		expect(byId.has(w.a.otherStudent.id)).toBe(true);
		expect(byId.has(w.a.classmate.id)).toBe(false);
	});

	it('never shows another group’s or another school’s students', async () => {
		const other = await coachPeople(t.db, w.a.otherCoach);
		expect(other.students.map((s) => s.id)).toEqual([w.a.otherStudent.id]);
		const b = await coachPeople(t.db, w.b.coach);
		expect(b.students.map((s) => s.id).sort()).toEqual([w.b.student.id, w.b.classmate.id].sort());
		expect(b.groups.map((g) => g.id)).toEqual([w.b.group.id]);
	});

	it('narrows to one coached group; another group, another school’s group or a bad id is not found', async () => {
		const one = await coachPeople(t.db, w.a.coach, w.a.group.id);
		expect(one.groups.map((g) => g.id)).toEqual([w.a.group.id]);
		expect(await status(coachPeople(t.db, w.a.coach, w.a.otherGroup.id))).toBe(404);
		expect(await status(coachPeople(t.db, w.a.coach, w.b.group.id))).toBe(404);
		expect(await status(coachPeople(t.db, w.a.coach, randomUUID()))).toBe(404);
		expect(await status(coachPeople(t.db, w.a.coach, 'nope'))).toBe(404);
	});

	it('is for coaches only', async () => {
		expect(await status(coachPeople(t.db, w.a.student))).toBe(403);
		expect(await status(coachPeople(t.db, w.a.admin))).toBe(403);
	});

	it('answers empty lists for a coach without groups', async () => {
		const lonely = await makeUser(t.db, w.a.school.id, 'coach');
		await makeGroup(t.db, w.a.school.id, 'Leeg');
		expect(await coachPeople(t.db, lonely)).toEqual({ groups: [], students: [] });
	});
});
