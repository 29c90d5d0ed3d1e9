import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Role } from '$lib/domain/constants';
import type { NewUser } from '$lib/domain/user';
import { parseRoster, type RosterProblem, type RosterRow } from '$lib/domain/roster';
import type { Db } from '../db';
import { groups, memberships, users } from '../db/schema';
import { generatePassword, hashPassword } from '../auth/password';
import { deleteUserSessions } from '../auth/session';
import { pollCache } from '../sync/poll-cache';
import { policy, type Actor } from '../policy';
import { ApiError } from '../http/api';

export function assertAdmin(actor: Actor) {
	if (!policy.manageSchool(actor, actor.schoolId)) throw new ApiError(403, 'forbidden');
}

export interface UserRow {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	active: boolean;
	groups: string[];
}

export async function schoolCounts(db: Db, actor: Actor) {
	assertAdmin(actor);
	const rows = await db
		.select({ role: users.role, n: sql<number>`count(*)::int` })
		.from(users)
		.where(eq(users.schoolId, actor.schoolId))
		.groupBy(users.role);
	const [{ n: groupCount } = { n: 0 }] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(groups)
		.where(eq(groups.schoolId, actor.schoolId));
	const by = (r: Role) => rows.find((x) => x.role === r)?.n ?? 0;
	return { students: by('student'), coaches: by('coach'), admins: by('admin'), groups: groupCount };
}

export async function listUsers(db: Db, actor: Actor): Promise<UserRow[]> {
	assertAdmin(actor);
	const rows = await db
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			role: users.role,
			active: users.active,
			groups: sql<string[]>`coalesce(array_agg(${groups.name} order by ${groups.name}) filter (where ${groups.id} is not null), '{}')`
		})
		.from(users)
		.leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.schoolId, users.schoolId)))
		.leftJoin(groups, eq(groups.id, memberships.groupId))
		.where(eq(users.schoolId, actor.schoolId))
		.groupBy(users.id)
		.orderBy(asc(users.role), asc(users.displayName));
	return rows;
}

async function usernameTaken(db: Db, username: string): Promise<boolean> {
	const rows = await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
	return rows.length > 0;
}

export async function createUser(db: Db, actor: Actor, input: NewUser) {
	assertAdmin(actor);
	if (await usernameTaken(db, input.username)) throw new ApiError(409, 'username_taken');
	const passwordHash = await hashPassword(input.password);
	const [user] = await db
		.insert(users)
		.values({ schoolId: actor.schoolId, username: input.username, displayName: input.displayName, role: input.role, passwordHash })
		.onConflictDoNothing()
		.returning({ id: users.id });
	if (!user) throw new ApiError(409, 'username_taken');
	return user;
}

/** Gives the account a new readable password to hand over, and signs it out everywhere. */
export async function resetPassword(db: Db, actor: Actor, userId: string): Promise<{ username: string; password: string }> {
	assertAdmin(actor);
	const password = generatePassword();
	const passwordHash = await hashPassword(password);
	const [user] = await db
		.update(users)
		.set({ passwordHash, updatedAt: new Date() })
		.where(and(eq(users.id, userId), eq(users.schoolId, actor.schoolId)))
		.returning({ username: users.username });
	if (!user) throw new ApiError(404, 'not_found');
	await deleteUserSessions(db, actor.schoolId, userId);
	pollCache.heard('s'); // this process at once (as after a sign-out); the others on the change feed's word
	return { username: user.username, password };
}

export interface GroupRow {
	id: string;
	name: string;
	students: number;
	coaches: string[];
}

export async function listGroups(db: Db, actor: Actor): Promise<GroupRow[]> {
	assertAdmin(actor);
	return db
		.select({
			id: groups.id,
			name: groups.name,
			students: sql<number>`count(${memberships.userId}) filter (where ${memberships.role} = 'student')::int`,
			coaches: sql<string[]>`coalesce(array_agg(${users.displayName} order by ${users.displayName}) filter (where ${memberships.role} = 'coach'), '{}')`
		})
		.from(groups)
		.leftJoin(memberships, eq(memberships.groupId, groups.id))
		.leftJoin(users, eq(users.id, memberships.userId))
		.where(eq(groups.schoolId, actor.schoolId))
		.groupBy(groups.id)
		.orderBy(asc(groups.name));
}

export async function createGroup(db: Db, actor: Actor, name: string) {
	assertAdmin(actor);
	const [group] = await db
		.insert(groups)
		.values({ schoolId: actor.schoolId, name })
		.onConflictDoNothing()
		.returning({ id: groups.id });
	if (!group) throw new ApiError(409, 'group_name_taken');
	return group;
}

export async function groupWithMembers(db: Db, actor: Actor, groupId: string) {
	assertAdmin(actor);
	const [group] = await db
		.select()
		.from(groups)
		.where(and(eq(groups.id, groupId), eq(groups.schoolId, actor.schoolId)));
	if (!group) throw new ApiError(404, 'not_found');
	const members = await db
		.select({ id: users.id, username: users.username, displayName: users.displayName, role: memberships.role })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.groupId, groupId), eq(memberships.schoolId, actor.schoolId)))
		.orderBy(asc(memberships.role), asc(users.displayName));
	const memberIds = new Set(members.map((m) => m.id));
	const candidates = (
		await db
			.select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role })
			.from(users)
			.where(and(eq(users.schoolId, actor.schoolId), inArray(users.role, ['student', 'coach']), eq(users.active, true)))
			.orderBy(asc(users.displayName))
	).filter((u) => !memberIds.has(u.id));
	return { group, members, candidates };
}

/** Adds a student or coach to a group, in the role their account has. */
export async function addMember(db: Db, actor: Actor, groupId: string, userId: string) {
	assertAdmin(actor);
	const [group] = await db.select({ id: groups.id }).from(groups).where(and(eq(groups.id, groupId), eq(groups.schoolId, actor.schoolId)));
	const [user] = await db.select({ id: users.id, role: users.role }).from(users).where(and(eq(users.id, userId), eq(users.schoolId, actor.schoolId)));
	if (!group || !user) throw new ApiError(404, 'not_found');
	if (user.role === 'admin') throw new ApiError(400, 'admin_not_member');
	await db
		.insert(memberships)
		.values({ schoolId: actor.schoolId, groupId, userId, role: user.role })
		.onConflictDoNothing();
}

export async function removeMember(db: Db, actor: Actor, groupId: string, userId: string) {
	assertAdmin(actor);
	await db
		.delete(memberships)
		.where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId), eq(memberships.schoolId, actor.schoolId)));
}

export interface RosterPerson {
	username: string;
	displayName: string;
}

/** An existing student whose group in the file is not one she is in yet. */
export interface RosterMove extends RosterPerson {
	line: number;
	from: string[];
	to: string;
}

/** What an import would do that the admin must know about or decide before anything is written. */
export interface RosterPlan {
	/** Move to the file's group, or keep her old groups too: the admin decides, keeping both unless told. */
	moves: RosterMove[];
	/** Students who end up in no group: no coach sees them. */
	noGroup: RosterPerson[];
	/** Groups of the file that end up without a coach: nobody sees their students either. */
	coachless: string[];
	/** False when the file has no role column and everyone in it becomes a student. */
	hasRoles: boolean;
}

/** The admin's answer to the plan: `move` lists the usernames to move; the others keep both groups. */
export interface RosterChoices {
	decided: boolean;
	move: string[];
}

export type RosterResult =
	| ({
			ok: true;
			done: true;
			created: { username: string; displayName: string; role: Role; password: string }[];
			updated: number;
			groupsCreated: string[];
			moved: RosterMove[];
			keptBoth: RosterMove[];
	  } & RosterPlan)
	| ({ ok: true; done: false } & RosterPlan)
	| { ok: false; problems: RosterProblem[] };

const undecided: RosterChoices = { decided: false, move: [] };

/**
 * Imports a roster file in one transaction: new accounts get a readable first password (shown once),
 * existing accounts of this school are matched by username and added to their group. A file with any
 * bad row imports nothing. When an existing student's group changes or the file has no roles, nothing
 * is written until the admin has seen the plan and decided (`choices.decided`).
 */
export async function importRoster(db: Db, actor: Actor, text: string, choices: RosterChoices = undecided): Promise<RosterResult> {
	assertAdmin(actor);
	const { rows, problems, hasRoles } = parseRoster(text);
	if (problems.length) return { ok: false, problems };

	const existing = rows.length
		? await db
				.select({ id: users.id, username: users.username, schoolId: users.schoolId, role: users.role })
				.from(users)
				.where(inArray(users.username, rows.map((r) => r.username)))
		: [];
	const byName = new Map(existing.map((u) => [u.username, u]));
	for (const row of rows) {
		const found = byName.get(row.username);
		if (!found) continue;
		if (found.schoolId !== actor.schoolId) problems.push({ line: row.line, code: 'username_taken', value: row.username, who: row.displayName });
		else if (found.role !== row.role) problems.push({ line: row.line, code: 'roster_role_conflict', value: row.username, who: row.displayName, existingRole: found.role });
	}
	if (problems.length) return { ok: false, problems };

	const plan = { ...(await rosterPlan(db, actor, rows, existing)), hasRoles };
	if (!choices.decided && (plan.moves.length || !hasRoles)) return { ok: true, done: false, ...plan };
	const moving = new Set(choices.move);
	const moved = plan.moves.filter((m) => moving.has(m.username));

	const fresh = rows.filter((r) => !byName.has(r.username));
	const passwords = fresh.map(() => generatePassword());
	const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));

	return db.transaction(async (tx) => {
		const groupNames = [...new Set(rows.map((r) => r.group).filter((g): g is string => !!g))];
		const known = groupNames.length
			? await tx
					.select({ id: groups.id, name: groups.name })
					.from(groups)
					.where(and(eq(groups.schoolId, actor.schoolId), inArray(sql`lower(${groups.name})`, groupNames.map((g) => g.toLowerCase()))))
			: [];
		const groupId = new Map(known.map((g) => [g.name.toLowerCase(), g.id]));
		const groupsCreated: string[] = [];
		for (const name of groupNames) {
			if (groupId.has(name.toLowerCase())) continue;
			const [g] = await tx.insert(groups).values({ schoolId: actor.schoolId, name }).returning({ id: groups.id });
			groupId.set(name.toLowerCase(), g!.id);
			groupsCreated.push(name);
		}
		const inserted = fresh.length
			? await tx
					.insert(users)
					.values(fresh.map((r, i) => ({ schoolId: actor.schoolId, username: r.username, displayName: r.displayName, role: r.role, passwordHash: hashes[i]! })))
					.returning({ id: users.id, username: users.username })
			: [];
		const idOf = new Map([...existing.map((u) => [u.username, u.id] as const), ...inserted.map((u) => [u.username, u.id] as const)]);
		const links = rows
			.filter((r) => r.group)
			.map((r) => ({ schoolId: actor.schoolId, groupId: groupId.get(r.group!.toLowerCase())!, userId: idOf.get(r.username)!, role: r.role }));
		if (links.length) await tx.insert(memberships).values(links).onConflictDoNothing();
		for (const m of moved) {
			await tx
				.delete(memberships)
				.where(
					and(
						eq(memberships.schoolId, actor.schoolId),
						eq(memberships.userId, idOf.get(m.username)!),
						eq(memberships.role, 'student'),
						ne(memberships.groupId, groupId.get(m.to.toLowerCase())!)
					)
				);
		}
		// Names in the file win for existing accounts: the roster is the school's source of truth.
		for (const r of rows.filter((r) => byName.has(r.username))) {
			await tx
				.update(users)
				.set({ displayName: r.displayName, updatedAt: new Date() })
				.where(and(eq(users.username, r.username), eq(users.schoolId, actor.schoolId)));
		}
		return {
			ok: true as const,
			done: true as const,
			created: fresh.map((r, i) => ({ username: r.username, displayName: r.displayName, role: r.role, password: passwords[i]! })),
			updated: rows.length - fresh.length,
			groupsCreated,
			moved,
			keptBoth: plan.moves.filter((m) => !moving.has(m.username)),
			...plan
		};
	});
}

/** Reads what the plan needs: the groups the file's existing people are in, and which groups have a coach. */
async function rosterPlan(db: Db, actor: Actor, rows: RosterRow[], existing: { id: string; username: string }[]): Promise<Omit<RosterPlan, 'hasRoles'>> {
	const ids = existing.map((u) => u.id);
	const current = ids.length
		? await db
				.select({ userId: memberships.userId, name: groups.name })
				.from(memberships)
				.innerJoin(groups, eq(groups.id, memberships.groupId))
				.where(and(eq(memberships.schoolId, actor.schoolId), inArray(memberships.userId, ids)))
				.orderBy(asc(groups.name))
		: [];
	const groupsOf = new Map<string, string[]>();
	for (const u of existing) groupsOf.set(u.username, current.filter((c) => c.userId === u.id).map((c) => c.name));

	const fileGroups = new Map<string, string>();
	for (const r of rows) if (r.group && !fileGroups.has(r.group.toLowerCase())) fileGroups.set(r.group.toLowerCase(), r.group);
	const coached = fileGroups.size
		? await db
				.selectDistinct({ name: groups.name })
				.from(groups)
				.innerJoin(memberships, eq(memberships.groupId, groups.id))
				.where(
					and(
						eq(groups.schoolId, actor.schoolId),
						eq(memberships.role, 'coach'),
						inArray(sql`lower(${groups.name})`, [...fileGroups.keys()])
					)
				)
		: [];
	const hasCoach = new Set([...coached.map((g) => g.name.toLowerCase()), ...rows.filter((r) => r.role === 'coach' && r.group).map((r) => r.group!.toLowerCase())]);

	const students = rows.filter((r) => r.role === 'student');
	const person = (r: RosterRow) => ({ username: r.username, displayName: r.displayName });
	return {
		moves: students
			.filter((r) => r.group && groupsOf.get(r.username)?.length && !groupsOf.get(r.username)!.some((g) => g.toLowerCase() === r.group!.toLowerCase()))
			.map((r) => ({ ...person(r), line: r.line, from: groupsOf.get(r.username)!, to: r.group! })),
		noGroup: students.filter((r) => !r.group && !groupsOf.get(r.username)?.length).map(person),
		coachless: [...fileGroups.entries()].filter(([key]) => !hasCoach.has(key)).map(([, name]) => name)
	};
}
