import { describe, expect, it } from 'vitest';
import { areaOf, policy, type Actor } from './index';

const schoolA = '00000000-0000-4000-8000-00000000000a';
const schoolB = '00000000-0000-4000-8000-00000000000b';
const actor = (role: Actor['role'], id = `${role}-1`, schoolId = schoolA): Actor => ({ id, role, schoolId });
const none = { coachesStudent: false };
const coached = { coachesStudent: true };

describe('areaOf', () => {
	it('maps paths to the area that guards them', () => {
		expect(areaOf('/student')).toBe('student');
		expect(areaOf('/student/goals')).toBe('student');
		expect(areaOf('/coach/groups/x')).toBe('coach');
		expect(areaOf('/admin')).toBe('admin');
		expect(areaOf('/api/me')).toBe('signedIn');
		expect(areaOf('/api/sync')).toBe('signedIn');
	});
	it('leaves sign-in, health and look-alike paths public', () => {
		expect(areaOf('/login')).toBeNull();
		expect(areaOf('/api/health')).toBeNull();
		expect(areaOf('/api/auth/login')).toBeNull();
		expect(areaOf('/students-info')).toBeNull();
		expect(areaOf('/')).toBeNull();
	});
});

describe('policy.enterArea', () => {
	it('lets each role into its own area only', () => {
		for (const role of ['student', 'coach', 'admin'] as const) {
			for (const area of ['student', 'coach', 'admin'] as const) {
				expect(policy.enterArea(actor(role), area)).toBe(role === area);
			}
			expect(policy.enterArea(actor(role), 'signedIn')).toBe(true);
		}
	});
});

describe('policy.manageSchool', () => {
	it('is for admins of that school only', () => {
		expect(policy.manageSchool(actor('admin'), schoolA)).toBe(true);
		expect(policy.manageSchool(actor('admin'), schoolB)).toBe(false);
		expect(policy.manageSchool(actor('coach'), schoolA)).toBe(false);
		expect(policy.manageSchool(actor('student'), schoolA)).toBe(false);
	});
});

describe('policy.readUser', () => {
	const student = { id: 'student-1', schoolId: schoolA, role: 'student' as const };
	const classmate = { id: 'student-2', schoolId: schoolA, role: 'student' as const };
	const foreign = { id: 'student-9', schoolId: schoolB, role: 'student' as const };
	const otherCoach = { id: 'coach-2', schoolId: schoolA, role: 'coach' as const };

	it('a student reads only themselves', () => {
		expect(policy.readUser(actor('student'), student, none)).toBe(true);
		expect(policy.readUser(actor('student'), classmate, none)).toBe(false);
		expect(policy.readUser(actor('student'), foreign, none)).toBe(false);
	});
	it('a coach reads students of groups they coach, and no other coach', () => {
		expect(policy.readUser(actor('coach'), student, coached)).toBe(true);
		expect(policy.readUser(actor('coach'), student, none)).toBe(false);
		expect(policy.readUser(actor('coach'), otherCoach, coached)).toBe(false);
	});
	it('a coach never reads across schools, even with a (forged) group relation', () => {
		expect(policy.readUser(actor('coach'), foreign, coached)).toBe(false);
	});
	it('an admin reads everyone in their own school and nobody elsewhere', () => {
		expect(policy.readUser(actor('admin'), classmate, none)).toBe(true);
		expect(policy.readUser(actor('admin'), otherCoach, none)).toBe(true);
		expect(policy.readUser(actor('admin'), foreign, none)).toBe(false);
	});
});

describe('policy.readGroup', () => {
	const group = { schoolId: schoolA };
	it('is for the group’s coaches and the school’s admins', () => {
		expect(policy.readGroup(actor('coach'), group, 'coach')).toBe(true);
		expect(policy.readGroup(actor('coach'), group, null)).toBe(false);
		expect(policy.readGroup(actor('student'), group, 'student')).toBe(false);
		expect(policy.readGroup(actor('admin'), group, null)).toBe(true);
		expect(policy.readGroup(actor('admin', 'admin-1', schoolB), group, null)).toBe(false);
	});
});

describe('privacy rules', () => {
	const student = { id: 'student-1', schoolId: schoolA, role: 'student' as const };
	const otherSchoolStudent = { id: 'student-9', schoolId: schoolB, role: 'student' as const };

	it('guards /account for every signed-in role', () => {
		expect(areaOf('/account')).toBe('signedIn');
		expect(areaOf('/accounts')).toBeNull();
		for (const role of ['student', 'coach', 'admin'] as const) expect(policy.enterArea(actor(role), 'signedIn')).toBe(true);
	});

	it('lets only the student and their own coaches open the private note; not admins, classmates or other schools', () => {
		expect(policy.readPrivateNote(actor('student'), student, none)).toBe(true);
		expect(policy.readPrivateNote(actor('coach'), student, coached)).toBe(true);
		expect(policy.readPrivateNote(actor('coach'), student, none)).toBe(false);
		expect(policy.readPrivateNote(actor('admin'), student, none)).toBe(false);
		expect(policy.readPrivateNote(actor('student', 'student-2'), student, none)).toBe(false);
		expect(policy.readPrivateNote(actor('coach', 'coach-1', schoolB), student, coached)).toBe(false);
	});

	it('shows the access log to the student and their school’s admins', () => {
		expect(policy.readAccessLog(actor('student'), student)).toBe(true);
		expect(policy.readAccessLog(actor('admin'), student)).toBe(true);
		expect(policy.readAccessLog(actor('coach'), student)).toBe(false);
		expect(policy.readAccessLog(actor('admin'), otherSchoolStudent)).toBe(false);
	});

	it('lets an admin manage student data of their own school only', () => {
		expect(policy.manageStudentData(actor('admin'), student)).toBe(true);
		expect(policy.manageStudentData(actor('admin'), otherSchoolStudent)).toBe(false);
		expect(policy.manageStudentData(actor('admin'), { schoolId: schoolA, role: 'coach' })).toBe(false);
		expect(policy.manageStudentData(actor('coach'), student)).toBe(false);
	});

	it('says when an archived student’s retention period is over', () => {
		const archivedAt = new Date('2026-01-01T00:00:00Z');
		const at = (days: number) => new Date(archivedAt.getTime() + days * 86_400_000);
		expect(policy.retentionExpired({ role: 'student', archivedAt }, 30, at(29))).toBe(false);
		expect(policy.retentionExpired({ role: 'student', archivedAt }, 30, at(30))).toBe(true);
		expect(policy.retentionExpired({ role: 'student', archivedAt }, null, at(3000))).toBe(false);
		expect(policy.retentionExpired({ role: 'student', archivedAt: null }, 0, at(1))).toBe(false);
		expect(policy.retentionExpired({ role: 'coach', archivedAt }, 0, at(1))).toBe(false);
	});
});
