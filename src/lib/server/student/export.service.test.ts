import { describe, expect, it } from 'vitest';
import type { Op } from '$lib/domain/sync';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import type { Actor } from '../policy';
import { sync } from '../sync/sync';
import { ApiError } from '../http/api';
import { exportFileName, exportStudentData } from './export.service';
import { put, del } from '$test/ops';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));


async function push(actor: Actor, ...ops: Op[]) {
	const res = await sync(t.db, actor, { cursor: null, ops });
	expect(res.results.map((r) => r.status), JSON.stringify(res.results)).toEqual(ops.map(() => 'applied'));
	return res;
}

describe('exportStudentData', () => {
	it('holds the student’s own records, private evidence and what coaches wrote about them; nobody else’s', async () => {
		const { a, b } = w;
		const goal = put('goal', { title: 'Medicatie veilig aanreiken', status: 'active' });
		const cycle = put('cycle', { goalId: goal.id, phase: 'done', reflection: { howItWent: 'Goed', ratingAfter: 7 } });
		const shared = put('evidence', { title: 'Foto van het medicijnrooster', visibility: 'coach', goalIds: [goal.id] });
		const secret = put('evidence', { title: 'Mijn eigen aantekeningen', visibility: 'private' });
		const gone = put('evidence', { title: 'Weggegooid', visibility: 'coach' });
		await push(a.student, goal, cycle, shared, secret, gone);
		await push(a.student, del('evidence', gone.id));
		const feedback = put('feedback', { targetEntity: 'goal', targetId: goal.id, kind: 'feedforward', body: 'Wat ga je morgen anders doen?' });
		const checkIn = put('checkIn', { studentId: a.student.id, date: '2025-11-20', notes: 'Gaat de goede kant op' });
		await push(a.coach, feedback, checkIn);

		// Others: a classmate in the same group, and a student of another school.
		const classmateGoal = put('goal', { title: 'Van een klasgenoot' });
		await push(a.classmate, classmateGoal, put('evidence', { title: 'Klasgenoot privé', visibility: 'private' }));
		await push(b.student, put('goal', { title: 'Andere school' }));

		const out = await exportStudentData(t.db, a.student, new Date('2025-11-23T10:00:00Z'));
		expect(out.format).toBe('koers-student-export');
		expect(out.exportedAt).toBe('2025-11-23T10:00:00.000Z');
		expect(out.user).toMatchObject({ id: a.student.id, username: a.student.username, role: 'student', school: { id: a.school.id, name: 'School A' } });
		expect(JSON.stringify(out)).not.toMatch(/password|scrypt|token/i);
		expect(out.groups).toEqual([{ id: a.group.id, name: 'Groep 1', role: 'student', coaches: [a.coach.displayName] }]);

		expect(out.records.goal.map((r) => r.data?.title)).toEqual(['Medicatie veilig aanreiken']);
		expect(out.records.cycle[0]!.data).toMatchObject({ phase: 'done', reflection: { howItWent: 'Goed', ratingAfter: 7 } });
		expect(out.records.evidence.map((r) => [r.data?.title, r.private]).sort()).toEqual([
			['Foto van het medicijnrooster', false],
			['Mijn eigen aantekeningen', true]
		]);
		expect(out.records.feedback).toEqual([
			expect.objectContaining({ id: feedback.id, author: { id: a.coach.id, displayName: a.coach.displayName }, data: expect.objectContaining({ body: 'Wat ga je morgen anders doen?' }) })
		]);
		expect(out.records.checkIn.map((r) => r.data?.notes)).toEqual(['Gaat de goede kant op']);
		expect(out.records.goal[0]!.author).toBe('self');
		expect(out.counts).toMatchObject({ goal: 1, cycle: 1, evidence: 2, feedback: 1, checkIn: 1, board: 0 });

		const text = JSON.stringify(out);
		for (const foreign of ['Van een klasgenoot', 'Klasgenoot privé', 'Andere school', 'Weggegooid']) expect(text).not.toContain(foreign);
		expect(text).not.toContain(a.classmate.id);
		expect(text).not.toContain(b.student.id);
	});

	it('a classmate’s export holds only the classmate’s data, and a student of another school sees nothing of school A', async () => {
		await push(w.a.student, put('evidence', { title: 'Van Daan', visibility: 'private' }));
		const classmate = await exportStudentData(t.db, w.a.classmate);
		expect(classmate.user.id).toBe(w.a.classmate.id);
		expect(Object.values(classmate.counts).every((n) => n === 0)).toBe(true);
		const other = await exportStudentData(t.db, w.b.student);
		expect(other.user.school.name).toBe('School B');
		expect(JSON.stringify(other)).not.toContain('Van Daan');
	});

	it('a forged actor with another school’s id finds no profile and gets nothing', async () => {
		await push(w.a.student, put('goal', { title: 'Geheim doel' }));
		await expect(exportStudentData(t.db, { ...w.a.student, schoolId: w.b.school.id })).rejects.toMatchObject({ status: 404 });
	});

	it('coaches and admins are refused: they own no learning records', async () => {
		for (const actor of [w.a.coach, w.a.admin]) {
			const error = await exportStudentData(t.db, actor).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ApiError);
			expect(error).toMatchObject({ status: 403, code: 'forbidden' });
		}
	});
});

describe('exportFileName', () => {
	it('is koers-<username>-<date in the Netherlands>.json and cannot break the header', () => {
		expect(exportFileName('student14', new Date('2025-11-23T10:00:00Z'))).toBe('koers-student14-2025-11-23.json');
		expect(exportFileName('student14', new Date('2025-11-23T23:30:00Z'))).toBe('koers-student14-2025-11-24.json');
		expect(exportFileName('a"b\r\nc', new Date('2025-06-01T12:00:00Z'))).toBe('koers-a_b__c-2025-06-01.json');
	});
});
