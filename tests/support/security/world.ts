import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Role } from '$lib/domain/constants';
import type { Op } from '$lib/domain/sync';
import { queryRows, type Db } from '$lib/server/db';
import { createSession } from '$lib/server/auth/session';
import { sync } from '$lib/server/sync/sync';
import { addToGroup, makeGroup, makeSchool, makeUser } from '$test/db';
import { put } from '$test/ops';

/**
 * The people and records the security tests run against: two schools shaped like `makeTwoSchools`,
 * where every name and every record carries a unique marker string. A response may then be searched
 * for markers of people its reader may not see. Records are written through the real sync path.
 */

const hex = () => randomBytes(5).toString('hex');

/**
 * Marker kinds: a person's name, their (coach-visible) learning data, their private evidence, the
 * private note of their intake, a group's name, a group's boards, a school's qualifications.
 */
export type MarkerKind = 'name' | 'data' | 'private' | 'note' | 'group' | 'board' | 'qualification';

/** `spare` and `leaver` are students in no group, for the admin's allowed cells (reset, move, archive, erase). */
export const personKeys = ['student', 'classmate', 'otherStudent', 'coach', 'otherCoach', 'admin', 'spare', 'leaver'] as const;
export type PersonKey = (typeof personKeys)[number];
export type SchoolKey = 'a' | 'b';
export type GroupKey = 'group' | 'otherGroup';

export interface Person {
	id: string;
	schoolId: string;
	role: Role;
	username: string;
}

export interface SchoolWorld {
	key: SchoolKey;
	school: { id: string; name: string };
	group: { id: string; schoolId: string; name: string };
	otherGroup: { id: string; schoolId: string; name: string };
	people: Record<PersonKey, Person>;
	/** Ids of seeded records, per student: their intake, goal and pick. */
	intakes: Partial<Record<PersonKey, string>>;
	goals: Partial<Record<PersonKey, string>>;
	choices: Partial<Record<PersonKey, string>>;
	boards: Record<GroupKey, { boardId: string; itemId: string }>;
}

export interface World {
	a: SchoolWorld;
	b: SchoolWorld;
	/** marker string → a readable label like `data:a.classmate`. */
	markers: Map<string, string>;
}

/** The marker of something: `marker(w, 'data', 'a', 'student')`. */
export function markerOf(w: World, label: string): string {
	for (const [m, l] of w.markers) if (l === label) return m;
	throw new Error(`No marker ${label}`);
}

/** Membership of the seeded people: [person, group]. The spare student is in no group. */
const placement: [PersonKey, GroupKey][] = [
	['coach', 'group'],
	['student', 'group'],
	['classmate', 'group'],
	['otherCoach', 'otherGroup'],
	['otherStudent', 'otherGroup']
];

const roleOf: Record<PersonKey, Role> = {
	student: 'student',
	classmate: 'student',
	otherStudent: 'student',
	spare: 'student',
	leaver: 'student',
	coach: 'coach',
	otherCoach: 'coach',
	admin: 'admin'
};

const students: PersonKey[] = ['student', 'classmate', 'otherStudent'];

async function run(db: Db, actor: Person, ops: Op[]): Promise<void> {
	const res = await sync(db, actor, { cursor: null, ops });
	const refused = res.results.filter((r) => r.status !== 'applied');
	if (refused.length) throw new Error(`Seeding as ${actor.username} was refused: ${JSON.stringify(refused)}`);
}

async function seedSchool(db: Db, key: SchoolKey, markers: Map<string, string>): Promise<SchoolWorld> {
	const label = (kind: MarkerKind, who: string) => {
		const m = `${kind.slice(0, 3)}-${key}-${who.toLowerCase()}-${hex()}`;
		markers.set(m, `${kind}:${key}.${who}`);
		return m;
	};
	const school = await makeSchool(db, `School ${key.toUpperCase()}`);
	const group = await makeGroup(db, school.id, label('group', 'group'));
	const otherGroup = await makeGroup(db, school.id, label('group', 'otherGroup'));
	const people = {} as Record<PersonKey, Person>;
	for (const p of personKeys) {
		// The username is the name marker; the display name ("Test <username>") carries it too.
		const username = `${key}-${p.toLowerCase()}-${hex()}`;
		markers.set(username, `name:${key}.${p}`);
		const u = await makeUser(db, school.id, roleOf[p], username);
		people[p] = { id: u.id, schoolId: u.schoolId, role: u.role, username: u.username };
	}
	const groupsByKey = { group, otherGroup };
	for (const [p, g] of placement) await addToGroup(db, groupsByKey[g], people[p]);

	// School-wide reference data, written by the admin.
	await run(db, people.admin, [put('qualification', { title: label('qualification', 'school'), coreTasks: [] })]);

	// Each group's coach makes a board with one item.
	const boards = {} as SchoolWorld['boards'];
	for (const [coach, g] of [['coach', 'group'], ['otherCoach', 'otherGroup']] as const) {
		const boardId = randomUUID();
		const itemId = randomUUID();
		const title = label('board', g);
		await run(db, people[coach], [
			put('board', { title, groupIds: [groupsByKey[g].id] }, boardId),
			put('item', { boardId, title: `${title} item`, level: 'basis' }, itemId)
		]);
		boards[g] = { boardId, itemId };
	}

	// Every student writes a learning record with their data marker, and private evidence.
	const intakes: SchoolWorld['intakes'] = {};
	const goals: SchoolWorld['goals'] = {};
	const choices: SchoolWorld['choices'] = {};
	for (const s of students) {
		const data = label('data', s);
		const secret = label('private', s);
		const note = label('note', s);
		const intakeId = randomUUID();
		const goalId = randomUUID();
		const choiceId = randomUUID();
		const board = boards[s === 'otherStudent' ? 'otherGroup' : 'group'];
		await run(db, people[s], [
			put('intake', { interests: data, privateNote: `Notitie ${note}`, confidence: 6 }, intakeId),
			put('goal', { title: `Doel ${data}`, why: data, status: 'active' }, goalId),
			put('question', { goalId, text: `Vraag ${data}` }),
			put('evidence', { title: `Bewijs ${data}`, body: data, visibility: 'coach' }),
			put('evidence', { title: `Geheim ${secret}`, body: secret, visibility: 'private' }),
			put('choice', { itemId: board.itemId, boardId: board.boardId, status: 'planned' }, choiceId),
			put('cycle', { goalId, forethought: { aim: data, ratingNow: 5, ratingTarget: 8 } })
		]);
		intakes[s] = intakeId;
		goals[s] = goalId;
		choices[s] = choiceId;
	}

	// Coaches write about their own students: feedback, a check-in, autonomy, a need.
	for (const [coach, g, ss] of [
		['coach', 'group', ['student', 'classmate']],
		['otherCoach', 'otherGroup', ['otherStudent']]
	] as const) {
		const ops: Op[] = [];
		for (const s of ss) {
			const data = markerOf({ markers } as World, `data:${key}.${s}`);
			ops.push(
				put('feedback', { targetEntity: 'goal', targetId: goals[s]!, kind: 'feedback', body: `Feedback ${data}` }),
				put('checkIn', { studentId: people[s].id, date: '2026-11-20', notes: data }),
				put('autonomy', { studentId: people[s].id, level: 'guided', reason: data }),
				put('need', { groupId: groupsByKey[g].id, kind: 'didactic', category: `Behoefte ${data}`, studentIds: [people[s].id] })
			);
		}
		await run(db, people[coach], ops);
	}
	return { key, school, group, otherGroup, people, intakes, goals, choices, boards };
}

export async function seedWorld(db: Db): Promise<World> {
	const markers = new Map<string, string>();
	const a = await seedSchool(db, 'a', markers);
	const b = await seedSchool(db, 'b', markers);
	return { a, b, markers };
}

/**
 * What must never change through anything the matrix does: everything of school B, the learning
 * records of school A's students other than `student` (whose own record the matrix may write, and on
 * which their coach gives feedback), the accounts (password hashes included) and group memberships of
 * school A apart from the spare and leaver accounts, which the admin's allowed cells reset, move, archive and erase.
 */
export async function fingerprint(db: Db, w: World): Promise<Map<string, string>> {
	const b = w.b.school.id;
	const a = w.a.school.id;
	const spare = w.a.people.spare.id;
	const leaver = w.a.people.leaver.id;
	const watched = [w.a.people.classmate.id, w.a.people.otherStudent.id];
	// School A's seeded accounts (new accounts made by the admin's allowed cells are not watched).
	const seededA = Object.values(w.a.people).map((p) => p.id).filter((id) => id !== spare && id !== leaver);
	type Row = Record<string, unknown>;
	const [users, groups, memberships, records] = await Promise.all([
		queryRows<Row>(db, sql`select id, school_id, username, display_name, role, password_hash, active from users
			where school_id = ${b} or id in (${sql.join(seededA.map((id) => sql`${id}`), sql`, `)}) order by id`),
		queryRows<Row>(db, sql`select id, school_id, name from groups where school_id in (${a}, ${b}) and id in (${w.a.group.id}, ${w.a.otherGroup.id}, ${w.b.group.id}, ${w.b.otherGroup.id}) order by id`),
		queryRows<Row>(db, sql`select group_id, user_id, role from memberships where (school_id = ${b} or school_id = ${a}) and user_id not in (${spare}, ${leaver}) order by group_id, user_id`),
		queryRows<Row>(db, sql`select id, entity, rev, deleted, data::text as data, owner_id, group_ids::text as group_ids from records
			where school_id = ${b} or owner_id in (${watched[0]}, ${watched[1]}) or (school_id = ${a} and entity in ('board', 'item', 'qualification')) order by id`)
	]);
	const out = new Map<string, string>();
	const add = (table: string, rows: Record<string, unknown>[], key: (r: Record<string, unknown>) => unknown) => {
		for (const r of rows) out.set(`${table}:${String(key(r))}`, JSON.stringify(r));
	};
	add('users', users, (r) => r.id);
	add('groups', groups, (r) => r.id);
	add('memberships', memberships, (r) => `${r.group_id}/${r.user_id}`);
	add('records', records, (r) => `${r.entity}/${r.id}`);
	return out;
}

/** What differs between two fingerprints, one line per row: `records:goal/… changed`. */
export function fingerprintDiff(before: Map<string, string>, after: Map<string, string>): string[] {
	const out: string[] = [];
	for (const [k, v] of before) {
		if (!after.has(k)) out.push(`${k} gone`);
		else if (after.get(k) !== v) out.push(`${k} changed: ${v} → ${after.get(k)}`);
	}
	for (const k of after.keys()) if (!before.has(k)) out.push(`${k} added: ${after.get(k)}`);
	return out;
}

/** Rows anywhere in the database that contain `needle` (names, usernames, group names, record data, history). */
export async function rowsContaining(db: Db, needle: string): Promise<string[]> {
	const like = `%${needle}%`;
	const rows = await queryRows<{ place: string }>(
		db,
		sql`select 'users:' || username as place from users where username like ${like} or display_name like ${like}
			union all select 'groups:' || name from groups where name like ${like}
			union all select 'identity_providers:' || name from identity_providers where name like ${like}
			union all select 'lti_platforms:' || name from lti_platforms where name like ${like}
			union all select 'records:' || entity from records where data::text like ${like}
			union all select 'record_history:' || entity from record_history where data::text like ${like}`
	);
	return rows.map((r) => r.place);
}

/** `n` sessions for a person, made the way sign-in makes them (for clients that need no password check). */
export async function openSessions(db: Db, person: { id: string; schoolId: string }, n: number): Promise<string[]> {
	const tokens: string[] = [];
	for (let i = 0; i < n; i++) tokens.push((await createSession(db, person)).token);
	return tokens;
}
