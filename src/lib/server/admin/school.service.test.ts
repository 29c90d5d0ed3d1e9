import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeUser } from '$test/db';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { groups, memberships, users } from '../db/schema';
import { login } from '../auth/login';
import { createSession, validateSession } from '../auth/session';
import { coachGroup, coachGroups } from '../coach/groups.service';
import { studentGroups } from '../student/home.service';
import { relationTo } from '../policy/relations';
import { ApiError } from '../http/api';
import {
	addMember,
	createGroup,
	createUser,
	groupWithMembers,
	importRoster,
	listGroups,
	listUsers,
	removeMember,
	resetPassword,
	schoolCounts
} from './school.service';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

async function status(p: Promise<unknown>): Promise<number> {
	try {
		await p;
		return 200;
	} catch (e) {
		if (e instanceof ApiError) return e.status;
		throw e;
	}
}

describe('admin: users and groups', () => {
	it('lists only the admin’s own school', async () => {
		const list = await listUsers(t.db, w.a.admin);
		expect(list).toHaveLength(6);
		expect(list.map((u) => u.id)).not.toContain(w.b.student.id);
		const student = list.find((u) => u.id === w.a.student.id);
		expect(student?.groups).toEqual(['Groep 1']);
		expect(await schoolCounts(t.db, w.a.admin)).toEqual({ students: 3, coaches: 2, admins: 1, groups: 2 });
	});

	it('creates a user who can then sign in; a taken username is refused, also across schools', async () => {
		await createUser(t.db, w.a.admin, { username: 'nieuw', displayName: 'Nieuwe Student', role: 'student', password: 'een-lang-wachtwoord' });
		expect((await login(t.db, { username: 'nieuw', password: 'een-lang-wachtwoord' }, '127.0.0.1')).ok).toBe(true);
		expect(await status(createUser(t.db, w.b.admin, { username: 'nieuw', displayName: 'X', role: 'student', password: 'een-lang-wachtwoord' }))).toBe(409);
	});

	it('resets a password: the old one stops working and sessions end; not for another school', async () => {
		const session = await createSession(t.db, w.a.student);
		const { password } = await resetPassword(t.db, w.a.admin, w.a.student.id);
		expect(await validateSession(t.db, session.token)).toBeNull();
		expect((await login(t.db, { username: w.a.student.username, password }, '127.0.0.1')).ok).toBe(true);
		expect(await status(resetPassword(t.db, w.a.admin, w.b.student.id))).toBe(404);
	});

	it('creates groups and manages members within the school only', async () => {
		const group = await createGroup(t.db, w.a.admin, 'Zorg 3B');
		expect(await status(createGroup(t.db, w.a.admin, 'zorg 3b'))).toBe(409);
		await addMember(t.db, w.a.admin, group.id, w.a.student.id);
		await addMember(t.db, w.a.admin, group.id, w.a.coach.id);
		const detail = await groupWithMembers(t.db, w.a.admin, group.id);
		expect(detail.members.map((m) => [m.id, m.role])).toEqual(
			expect.arrayContaining([
				[w.a.student.id, 'student'],
				[w.a.coach.id, 'coach']
			])
		);
		expect(await status(addMember(t.db, w.a.admin, group.id, w.a.admin.id))).toBe(400);
		expect(await status(addMember(t.db, w.a.admin, group.id, w.b.student.id))).toBe(404);
		expect(await status(addMember(t.db, w.b.admin, group.id, w.b.student.id))).toBe(404);
		expect(await status(groupWithMembers(t.db, w.b.admin, group.id))).toBe(404);
		await removeMember(t.db, w.b.admin, group.id, w.a.student.id); // another school's admin: no effect
		expect((await groupWithMembers(t.db, w.a.admin, group.id)).members).toHaveLength(2);
		await removeMember(t.db, w.a.admin, group.id, w.a.student.id);
		expect((await groupWithMembers(t.db, w.a.admin, group.id)).members).toHaveLength(1);
	});

	it('refuses admin work to coaches and students', async () => {
		for (const actor of [w.a.coach, w.a.student]) {
			expect(await status(listUsers(t.db, actor))).toBe(403);
			expect(await status(listGroups(t.db, actor))).toBe(403);
			expect(await status(createGroup(t.db, actor, 'Stiekem'))).toBe(403);
			expect(await status(importRoster(t.db, actor, 'username,name,role,group\nx1,X,student,G\n'))).toBe(403);
		}
	});
});

describe('roster import', () => {
	it('imports a good file: accounts, groups and memberships, each with a first password that works', async () => {
		const file = '\uFEFFusername;name;role;group\nzoe.l;Zoë van Leeuwen;student;Zorg 2C\nbram;Bram Mulder;student;Zorg 2C\npetra;Petra Bakker;coach;Zorg 2C\n';
		const result = await importRoster(t.db, w.a.admin, file);
		if (!result.ok || !result.done) throw new Error('not imported');
		expect(result.created.map((c) => c.username)).toEqual(['zoe.l', 'bram', 'petra']);
		expect(result.groupsCreated).toEqual(['Zorg 2C']);
		expect(result).toMatchObject({ moves: [], noGroup: [], coachless: [] });
		const zoe = result.created[0]!;
		expect((await login(t.db, { username: 'zoe.l', password: zoe.password }, '127.0.0.1')).ok).toBe(true);
		const [group] = await t.db.select().from(groups).where(eq(groups.name, 'Zorg 2C'));
		const members = await t.db.select().from(memberships).where(eq(memberships.groupId, group!.id));
		expect(members.map((m) => m.role).sort()).toEqual(['coach', 'student', 'student']);
		expect(group!.schoolId).toBe(w.a.school.id);
	});

	it('matches existing accounts of the school and adds them to an existing group, case-insensitively', async () => {
		const file = `username,name,role,group\n${w.a.otherStudent.username},Nieuwe Naam,student,groep 2\n`;
		const result = await importRoster(t.db, w.a.admin, file);
		expect(result).toMatchObject({ ok: true, done: true, created: [], updated: 1, groupsCreated: [], moves: [] });
		const detail = await groupWithMembers(t.db, w.a.admin, w.a.otherGroup.id);
		expect(detail.members.find((m) => m.id === w.a.otherStudent.id)?.displayName).toBe('Nieuwe Naam');
	});

	it('asks before giving an existing student a new group, keeps both unless told, and moves when told', async () => {
		const groupsOf = async (userId: string) =>
			(await t.db.select({ name: groups.name }).from(memberships).innerJoin(groups, eq(groups.id, memberships.groupId)).where(eq(memberships.userId, userId)))
				.map((g) => g.name)
				.sort();
		const file = `username;name;role;group\n${w.a.student.username};Sanne de Vries;student;Groep 2\n${w.a.classmate.username};Bo Bakker;student;Groep 2\n`;
		const asked = await importRoster(t.db, w.a.admin, file);
		expect(asked).toEqual({
			ok: true,
			done: false,
			hasRoles: true,
			noGroup: [],
			coachless: [],
			moves: [
				{ line: 2, username: w.a.student.username, displayName: 'Sanne de Vries', from: ['Groep 1'], to: 'Groep 2' },
				{ line: 3, username: w.a.classmate.username, displayName: 'Bo Bakker', from: ['Groep 1'], to: 'Groep 2' }
			]
		});
		// Asking wrote nothing: not the group, not the name.
		expect(await groupsOf(w.a.student.id)).toEqual(['Groep 1']);
		expect((await t.db.select().from(users).where(eq(users.id, w.a.student.id)))[0]!.displayName).not.toBe('Sanne de Vries');

		const done = await importRoster(t.db, w.a.admin, file, { decided: true, move: [w.a.classmate.username] });
		if (!done.ok || !done.done) throw new Error('not imported');
		expect(done.moved.map((m) => m.username)).toEqual([w.a.classmate.username]);
		expect(done.keptBoth.map((m) => m.username)).toEqual([w.a.student.username]);
		expect(await groupsOf(w.a.student.id)).toEqual(['Groep 1', 'Groep 2']);
		expect(await groupsOf(w.a.classmate.id)).toEqual(['Groep 2']);
		// The coach of Groep 1 keeps the student who stayed and no longer sees the one who moved.
		expect(await relationTo(t.db, w.a.coach, w.a.student.id)).toEqual({ coachesStudent: true });
		expect(await relationTo(t.db, w.a.coach, w.a.classmate.id)).toEqual({ coachesStudent: false });
		expect(await relationTo(t.db, w.a.otherCoach, w.a.classmate.id)).toEqual({ coachesStudent: true });
	});

	it('names the students who end up in no group and the groups that end up without a coach', async () => {
		const loner = await makeUser(t.db, w.a.school.id, 'student');
		const file = [
			'username;name;role;group',
			'nina;Nina Zonder Groep;student;',
			`${loner.username};Lars Los;student;`,
			`${w.a.otherStudent.username};Al In Groep;student;`,
			'fleur;Fleur Nieuw;student;Zorg 3A',
			'tim;Tim Gecoacht;student;Groep 1'
		].join('\n');
		const result = await importRoster(t.db, w.a.admin, file);
		if (!result.ok || !result.done) throw new Error('not imported');
		expect(result.noGroup).toEqual([
			{ username: 'nina', displayName: 'Nina Zonder Groep' },
			{ username: loner.username, displayName: 'Lars Los' }
		]);
		expect(result.coachless).toEqual(['Zorg 3A']);
	});

	it('a file without roles imports everyone as a student, after asking', async () => {
		const file = 'Stamnr;Roepnaam;Tussenv.;Achternaam;Klas;Login\n104233;Sanne;de;Vries;ZW2B;s.devries\n';
		const asked = await importRoster(t.db, w.a.admin, file);
		expect(asked).toMatchObject({ ok: true, done: false, hasRoles: false, moves: [], coachless: ['ZW2B'] });
		expect(await t.db.select().from(users).where(eq(users.username, 's.devries'))).toEqual([]);
		const done = await importRoster(t.db, w.a.admin, file, { decided: true, move: [] });
		expect(done).toMatchObject({ ok: true, done: true, created: [{ username: 's.devries', displayName: 'Sanne de Vries', role: 'student' }] });
	});

	it('imports nothing when any row is bad, and says which line, whose row and why', async () => {
		const before = await t.db.select().from(users);
		const file = [
			'username;name;role;group',
			'goed1;Goed Een;student;Nieuwe Groep',
			`${w.b.student.username};Van School B;student;Nieuwe Groep`,
			`${w.a.coach.username};Was Coach;student;Nieuwe Groep`,
			'goed2;Goed Twee;stagiair;Nieuwe Groep'
		].join('\n');
		const first = await importRoster(t.db, w.a.admin, file);
		expect(first).toEqual({ ok: false, problems: [{ line: 5, code: 'role_invalid', value: 'stagiair', who: 'Goed Twee' }] });
		const second = await importRoster(t.db, w.a.admin, file.replace('stagiair', 'student'));
		expect(second).toEqual({
			ok: false,
			problems: [
				{ line: 3, code: 'username_taken', value: w.b.student.username, who: 'Van School B' },
				{ line: 4, code: 'roster_role_conflict', value: w.a.coach.username, who: 'Was Coach', existingRole: 'coach' }
			]
		});
		// Deciding does not get a bad file past the checks.
		expect(await importRoster(t.db, w.a.admin, file.replace('stagiair', 'student'), { decided: true, move: [] })).toMatchObject({ ok: false });
		expect(await t.db.select().from(users)).toHaveLength(before.length);
		expect((await t.db.select().from(groups).where(eq(groups.name, 'Nieuwe Groep'))).length).toBe(0);
	});
});

describe('tenancy: a user of school A reads nothing of school B', () => {
	it('coaches see only the groups they coach, in their own school', async () => {
		expect((await coachGroups(t.db, w.a.coach)).map((g) => g.id)).toEqual([w.a.group.id]);
		const mine = await coachGroup(t.db, w.a.coach, w.a.group.id);
		expect(mine.students.map((s) => s.id).sort()).toEqual([w.a.student.id, w.a.classmate.id].sort());
		expect(await status(coachGroup(t.db, w.a.coach, w.a.otherGroup.id))).toBe(404);
		expect(await status(coachGroup(t.db, w.a.coach, w.b.group.id))).toBe(404);
		expect(await status(coachGroup(t.db, w.a.student, w.a.group.id))).toBe(404);
	});

	it('relations never cross schools', async () => {
		expect(await relationTo(t.db, w.a.coach, w.a.student.id)).toEqual({ coachesStudent: true });
		expect(await relationTo(t.db, w.a.coach, w.a.otherStudent.id)).toEqual({ coachesStudent: false });
		expect(await relationTo(t.db, w.a.coach, w.b.student.id)).toEqual({ coachesStudent: false });
	});

	it('a student sees their own groups and coaches only', async () => {
		const groupsOfStudent = await studentGroups(t.db, w.a.student);
		expect(groupsOfStudent).toEqual([
			{
				id: w.a.group.id,
				name: 'Groep 1',
				coaches: [`Test ${w.a.coach.username}`],
				coachIds: [{ id: w.a.coach.id, displayName: `Test ${w.a.coach.username}` }]
			}
		]);
		const loner = await makeUser(t.db, w.a.school.id, 'student');
		expect(await studentGroups(t.db, loner)).toEqual([]);
	});

	it('a session of school A never yields a user of school B', async () => {
		const { token } = await createSession(t.db, w.a.student);
		const session = await validateSession(t.db, token);
		expect(session?.user).toMatchObject({ id: w.a.student.id, schoolId: w.a.school.id, schoolName: 'School A' });
	});
});
