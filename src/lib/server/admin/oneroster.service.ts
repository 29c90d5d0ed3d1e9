import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { MembershipRole, Role } from '$lib/domain/constants';
import {
	freeUsername,
	readOneRoster,
	type OneRosterNotice,
	type OneRosterProblem,
	type OneRosterSet,
	type UploadedFile
} from '$lib/domain/oneroster';
import type { Db } from '../db';
import { groups, memberships, users } from '../db/schema';
import { generatePassword, hashPassword } from '../auth/password';
import type { Actor } from '../policy';
import { assertAdmin } from './school.service';

/**
 * A OneRoster set brought into the admin's school: accounts matched by sourcedId first, then by
 * username (an account made by hand or by the roster CSV gets its sourcedId), classes as groups,
 * enrollments as memberships. Removals only touch memberships of accounts that came from the student
 * information system (have a sourcedId) in groups that did: what the admin arranged by hand stays.
 */

export interface PersonChange {
	username: string;
	displayName: string;
	role: MembershipRole;
}

export interface MembershipChange extends PersonChange {
	group: string;
}

export interface OneRosterSummary {
	ok: boolean;
	problems: OneRosterProblem[];
	notices: OneRosterNotice[];
	orgs: string[];
	newAccounts: PersonChange[];
	/** Existing accounts whose name the set changes. */
	renamed: (PersonChange & { from: string })[];
	/** Existing accounts (same username) that now get the set's sourcedId. */
	linked: PersonChange[];
	unchanged: number;
	newGroups: string[];
	renamedGroups: { from: string; to: string }[];
	membershipsAdded: MembershipChange[];
	membershipsRemoved: MembershipChange[];
}

export interface OneRosterResult extends OneRosterSummary {
	/** New accounts with their first password, shown once. */
	created: (PersonChange & { password: string })[];
}

const withSuffix = (name: string, n: number) => name.slice(0, 63 - `-${n}`.length) + `-${n}`;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Conn = Db | Tx;

interface Account {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	sourcedId: string | null;
	archived: boolean;
}

interface Plan {
	summary: OneRosterSummary;
	newUsers: { sourcedId: string; username: string; displayName: string; role: MembershipRole }[];
	/** Existing accounts: new name and/or sourcedId. */
	userUpdates: { id: string; displayName?: string; sourcedId?: string }[];
	newGroups: { sourcedId: string; name: string }[];
	groupUpdates: { id: string; name?: string; sourcedId?: string }[];
	/** Keys are account ids or `new:<sourcedId>`, group ids or `new:<sourcedId>`. */
	add: { groupKey: string; userKey: string; role: MembershipRole }[];
	remove: { groupId: string; userId: string }[];
}

const emptySummary = (set: OneRosterSet, problems: OneRosterProblem[]): OneRosterSummary => ({
	ok: false,
	problems,
	notices: set.notices,
	orgs: set.orgs.map((o) => o.name),
	newAccounts: [],
	renamed: [],
	linked: [],
	unchanged: 0,
	newGroups: [],
	renamedGroups: [],
	membershipsAdded: [],
	membershipsRemoved: []
});

async function readSet(db: Conn, actor: Actor, files: UploadedFile[]): Promise<OneRosterSet> {
	const [knownUsers, knownClasses] = await Promise.all([
		db.select({ s: users.sourcedId }).from(users).where(and(eq(users.schoolId, actor.schoolId), isNotNull(users.sourcedId))),
		db.select({ s: groups.sourcedId }).from(groups).where(and(eq(groups.schoolId, actor.schoolId), isNotNull(groups.sourcedId)))
	]);
	return readOneRoster(files, { users: new Set(knownUsers.map((r) => r.s!)), classes: new Set(knownClasses.map((r) => r.s!)) });
}

/** Usernames among `names` that accounts anywhere in the installation have (usernames are unique across schools). */
async function takenAnywhere(db: Conn, names: string[]): Promise<Set<string>> {
	const out = new Set<string>();
	for (let i = 0; i < names.length; i += 1000) {
		const chunk = names.slice(i, i + 1000);
		const rows = await db.select({ username: users.username }).from(users).where(inArray(users.username, chunk));
		for (const r of rows) out.add(r.username);
	}
	return out;
}

async function makePlan(db: Conn, actor: Actor, set: OneRosterSet): Promise<Plan> {
	const problems: OneRosterProblem[] = [...set.problems];
	const notices = [...set.notices];
	const school = actor.schoolId;
	const [accounts, schoolGroups, links] = await Promise.all([
		db
			.select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, sourcedId: users.sourcedId, archivedAt: users.archivedAt })
			.from(users)
			.where(eq(users.schoolId, school)),
		db.select({ id: groups.id, name: groups.name, sourcedId: groups.sourcedId }).from(groups).where(eq(groups.schoolId, school)),
		db.select({ groupId: memberships.groupId, userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.schoolId, school))
	]);
	const plan: Plan = { summary: emptySummary(set, problems), newUsers: [], userUpdates: [], newGroups: [], groupUpdates: [], add: [], remove: [] };
	const summary = plan.summary;
	summary.notices = notices;

	// People.
	const account = new Map<string, Account>(accounts.map((a) => [a.id, { ...a, archived: !!a.archivedAt }]));
	const bySourced = new Map(accounts.filter((a) => a.sourcedId).map((a) => [a.sourcedId!, a.id]));
	const byUsername = new Map(accounts.map((a) => [a.username, a.id]));
	const elsewhere = await takenAnywhere(db, [...new Set(set.users.map((u) => u.username))].filter((n) => !byUsername.has(n)));
	const claimed = new Map<string, number>(); // account id → users.csv row
	const userKey = new Map<string, string>(); // sourcedId → account id or new:<sourcedId>
	const managed = new Set(accounts.filter((a) => a.sourcedId).map((a) => a.id));
	const reserved = new Set(set.users.map((u) => u.username));
	const person = new Map<string, PersonChange>(); // user key → how the admin sees them
	const needFreeName: typeof set.users = [];

	for (const u of set.users) {
		let id = bySourced.get(u.sourcedId);
		const sameName = byUsername.get(u.username);
		let link = false;
		if (!id && sameName) {
			const other = account.get(sameName)!;
			// A username made up here ("jan" from jan@…) is a guess: it finds an account only with the same name.
			const samePerson = u.usernameGiven || other.displayName.toLowerCase() === u.displayName.toLowerCase();
			if (other.sourcedId === null && !claimed.has(sameName) && samePerson) {
				id = sameName;
				link = true;
			} else if (u.usernameGiven) {
				problems.push({ file: 'users.csv', row: u.row, code: 'username_taken', value: u.username });
				continue;
			}
		}
		if (id) {
			const a = account.get(id)!;
			if (claimed.has(id)) {
				problems.push({ file: 'users.csv', row: u.row, code: 'username_taken', value: a.username, at: claimed.get(id) });
				continue;
			}
			claimed.set(id, u.row);
			if (a.role !== u.role) {
				problems.push({ file: 'users.csv', row: u.row, code: 'role_conflict', value: a.username });
				continue;
			}
			const change: PersonChange = { username: a.username, displayName: u.displayName, role: u.role };
			const update: Plan['userUpdates'][number] = { id };
			if (a.displayName !== u.displayName) {
				update.displayName = u.displayName;
				summary.renamed.push({ ...change, from: a.displayName });
			}
			if (link) {
				update.sourcedId = u.sourcedId;
				summary.linked.push(change);
			}
			if (update.displayName || update.sourcedId) plan.userUpdates.push(update);
			else summary.unchanged++;
			if (a.archived) notices.push({ file: 'users.csv', row: u.row, code: 'archived_account', value: a.username });
			managed.add(id);
			userKey.set(u.sourcedId, id);
			person.set(id, change);
			continue;
		}
		// A new account. A username the school information system gave is kept or refused; one made up here moves aside.
		if (sameName || elsewhere.has(u.username)) {
			if (u.usernameGiven) {
				problems.push({ file: 'users.csv', row: u.row, code: 'username_taken', value: u.username });
				continue;
			}
			needFreeName.push(u);
			continue;
		}
		addNew(u, u.username);
	}
	function addNew(u: OneRosterSet['users'][number], username: string) {
		const key = `new:${u.sourcedId}`;
		plan.newUsers.push({ sourcedId: u.sourcedId, username, displayName: u.displayName, role: u.role });
		userKey.set(u.sourcedId, key);
		const change = { username, displayName: u.displayName, role: u.role };
		person.set(key, change);
		summary.newAccounts.push(change);
	}
	if (needFreeName.length) {
		// Candidates name-2 … name-20 for each, looked up at once; then the first free one.
		const candidates = needFreeName.flatMap((u) => Array.from({ length: 19 }, (_, i) => withSuffix(u.username, i + 2)));
		const taken = await takenAnywhere(db, candidates);
		for (const u of needFreeName) {
			const name = freeUsername(u.username, (n) => taken.has(n) || reserved.has(n) || byUsername.has(n));
			reserved.add(name);
			addNew(u, name);
		}
	}
	for (const a of accounts) if (!person.has(a.id) && a.role !== 'admin') person.set(a.id, { username: a.username, displayName: a.displayName, role: a.role });

	// Classes.
	const group = new Map(schoolGroups.map((g) => [g.id, g]));
	const groupBySourced = new Map(schoolGroups.filter((g) => g.sourcedId).map((g) => [g.sourcedId!, g.id]));
	const groupByName = new Map(schoolGroups.map((g) => [g.name.toLowerCase(), g.id]));
	const groupKey = new Map<string, string>(); // class sourcedId → group id or new:<sourcedId>
	const groupName = new Map<string, string>(schoolGroups.map((g) => [g.id, g.name]));
	const managedGroups = new Set(schoolGroups.filter((g) => g.sourcedId).map((g) => g.id));
	const inFile = new Set<string>();
	const groupClaimed = new Set<string>();
	for (const c of set.classes) {
		if (c.deleted) {
			const id = groupBySourced.get(c.sourcedId);
			if (id) groupKey.set(c.sourcedId, id);
			continue;
		}
		let id = groupBySourced.get(c.sourcedId);
		const named = groupByName.get(c.title.toLowerCase());
		if (id) {
			const g = group.get(id)!;
			if (g.name !== c.title) {
				if (named && named !== id) {
					problems.push({ file: 'classes.csv', row: c.row, code: 'group_name_taken', value: c.title });
					continue;
				}
				plan.groupUpdates.push({ id, name: c.title });
				summary.renamedGroups.push({ from: g.name, to: c.title });
				groupName.set(id, c.title);
			}
		} else if (named) {
			const g = group.get(named)!;
			if (g.sourcedId !== null || groupClaimed.has(named)) {
				problems.push({ file: 'classes.csv', row: c.row, code: 'group_name_taken', value: c.title });
				continue;
			}
			id = named;
			// The group the admin made by hand is the class: it keeps its name's spelling and gets the sourcedId.
			plan.groupUpdates.push({ id, sourcedId: c.sourcedId });
		} else {
			const key = `new:${c.sourcedId}`;
			plan.newGroups.push({ sourcedId: c.sourcedId, name: c.title });
			summary.newGroups.push(c.title);
			groupKey.set(c.sourcedId, key);
			groupName.set(key, c.title);
			inFile.add(key);
			continue;
		}
		groupClaimed.add(id);
		managedGroups.add(id);
		groupKey.set(c.sourcedId, id);
		inFile.add(id);
	}

	// Memberships. Accounts known only from an earlier import (a delta set) are found by sourcedId.
	const keyOfUser = (sourcedId: string) => userKey.get(sourcedId) ?? bySourced.get(sourcedId);
	const keyOfGroup = (sourcedId: string) => groupKey.get(sourcedId) ?? groupBySourced.get(sourcedId);
	const existing = new Set(links.map((l) => `${l.groupId}|${l.userId}`));
	const wanted = new Map<string, { groupKey: string; userKey: string; role: MembershipRole }>();
	const unwanted = new Set<string>();
	const deletedClasses = new Set(set.classes.filter((c) => c.deleted).map((c) => c.sourcedId));
	for (const e of set.enrollments) {
		const u = keyOfUser(e.userSourcedId);
		const g = keyOfGroup(e.classSourcedId);
		if (!u || !g) continue;
		const pair = `${g}|${u}`;
		if (e.deleted) {
			unwanted.add(pair);
			continue;
		}
		const a = account.get(u);
		if (a?.archived || a?.role === 'admin') continue;
		const role = (a?.role ?? person.get(u)?.role) as MembershipRole;
		wanted.set(pair, { groupKey: g, userKey: u, role });
	}
	const gone = new Set(set.deletedUsers.map((s) => bySourced.get(s)).filter((id): id is string => !!id));
	const goneGroups = new Set([...deletedClasses].map((s) => groupBySourced.get(s)).filter((id): id is string => !!id));
	for (const l of links) {
		const pair = `${l.groupId}|${l.userId}`;
		if (wanted.has(pair)) continue;
		const fromSis = managed.has(l.userId) && managedGroups.has(l.groupId);
		const drop =
			unwanted.has(pair) ||
			(fromSis && gone.has(l.userId)) ||
			(fromSis && goneGroups.has(l.groupId)) ||
			// A complete (bulk) enrollments file is the truth for the classes in it.
			(fromSis && set.modes.enrollments === 'bulk' && inFile.has(l.groupId));
		if (drop) plan.remove.push({ groupId: l.groupId, userId: l.userId });
	}
	for (const [pair, w] of wanted) if (!existing.has(pair)) plan.add.push(w);

	const change = (g: string, u: string): MembershipChange => ({ group: groupName.get(g) ?? '', ...person.get(u)! });
	const byGroupThenName = (a: MembershipChange, b: MembershipChange) => a.group.localeCompare(b.group, 'nl') || a.displayName.localeCompare(b.displayName, 'nl');
	summary.membershipsAdded = plan.add.map((a) => change(a.groupKey, a.userKey)).sort(byGroupThenName);
	summary.membershipsRemoved = plan.remove.map((r) => change(r.groupId, r.userId)).sort(byGroupThenName);
	summary.ok = problems.length === 0;
	return plan;
}

/** What an import of `files` would do in the admin's school, without writing anything. */
export async function previewOneRoster(db: Db, actor: Actor, files: UploadedFile[]): Promise<OneRosterSummary> {
	assertAdmin(actor);
	const set = await readSet(db, actor, files);
	if (set.problems.length) return emptySummary(set, set.problems);
	return (await makePlan(db, actor, set)).summary;
}

/**
 * Imports `files` in one transaction, or (any problem) writes nothing. New accounts get a readable
 * first password, as in the roster CSV import; the answer carries them, once.
 */
export async function applyOneRoster(db: Db, actor: Actor, files: UploadedFile[]): Promise<OneRosterResult> {
	assertAdmin(actor);
	const first = await readSet(db, actor, files);
	if (first.problems.length) return { ...emptySummary(first, first.problems), created: [] };
	const draft = await makePlan(db, actor, first);
	if (!draft.summary.ok) return { ...draft.summary, created: [] };
	// scrypt is slow on purpose: hash before the transaction, not while it holds the school's rows.
	const passwords = new Map<string, { password: string; hash: Promise<string> }>();
	const passwordFor = (username: string) => {
		let p = passwords.get(username);
		if (!p) {
			const password = generatePassword();
			p = { password, hash: hashPassword(password) };
			passwords.set(username, p);
		}
		return p;
	};
	for (const u of draft.newUsers) passwordFor(u.username);
	await Promise.all([...passwords.values()].map((p) => p.hash));

	return db.transaction(async (tx) => {
		// Planned again inside the transaction, so that it acts on the rows as they are now.
		const set = await readSet(tx, actor, files);
		const plan = await makePlan(tx, actor, set);
		if (!plan.summary.ok) return { ...plan.summary, created: [] };
		const school = actor.schoolId;
		const now = new Date();

		for (const g of plan.groupUpdates) {
			await tx
				.update(groups)
				.set({ ...(g.name ? { name: g.name } : {}), ...(g.sourcedId ? { sourcedId: g.sourcedId } : {}) })
				.where(and(eq(groups.id, g.id), eq(groups.schoolId, school)));
		}
		const groupIds = new Map<string, string>();
		if (plan.newGroups.length) {
			const rows = await tx
				.insert(groups)
				.values(plan.newGroups.map((g) => ({ schoolId: school, name: g.name, sourcedId: g.sourcedId })))
				.returning({ id: groups.id, sourcedId: groups.sourcedId });
			for (const r of rows) groupIds.set(`new:${r.sourcedId}`, r.id);
		}
		for (const u of plan.userUpdates) {
			await tx
				.update(users)
				.set({ ...(u.displayName ? { displayName: u.displayName } : {}), ...(u.sourcedId ? { sourcedId: u.sourcedId } : {}), updatedAt: now })
				.where(and(eq(users.id, u.id), eq(users.schoolId, school)));
		}
		const userIds = new Map<string, string>();
		const created: OneRosterResult['created'] = [];
		for (let i = 0; i < plan.newUsers.length; i += 500) {
			const chunk = plan.newUsers.slice(i, i + 500);
			const values = await Promise.all(
				chunk.map(async (u) => ({ schoolId: school, username: u.username, displayName: u.displayName, role: u.role, sourcedId: u.sourcedId, passwordHash: await passwordFor(u.username).hash }))
			);
			const rows = await tx.insert(users).values(values).returning({ id: users.id, sourcedId: users.sourcedId });
			for (const r of rows) userIds.set(`new:${r.sourcedId}`, r.id);
			for (const u of chunk) created.push({ username: u.username, displayName: u.displayName, role: u.role, password: passwordFor(u.username).password });
		}
		for (const r of plan.remove) {
			await tx.delete(memberships).where(and(eq(memberships.groupId, r.groupId), eq(memberships.userId, r.userId), eq(memberships.schoolId, school)));
		}
		const adds = plan.add.map((a) => ({
			schoolId: school,
			groupId: groupIds.get(a.groupKey) ?? a.groupKey,
			userId: userIds.get(a.userKey) ?? a.userKey,
			role: a.role
		}));
		for (let i = 0; i < adds.length; i += 1000) await tx.insert(memberships).values(adds.slice(i, i + 1000)).onConflictDoNothing();
		return { ...plan.summary, created };
	});
}

/** For tests and the page: how many accounts and groups of the school came from a student information system. */
export async function oneRosterCounts(db: Db, actor: Actor): Promise<{ accounts: number; groups: number }> {
	assertAdmin(actor);
	const [u] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(and(eq(users.schoolId, actor.schoolId), isNotNull(users.sourcedId)));
	const [g] = await db.select({ n: sql<number>`count(*)::int` }).from(groups).where(and(eq(groups.schoolId, actor.schoolId), isNotNull(groups.sourcedId)));
	return { accounts: u?.n ?? 0, groups: g?.n ?? 0 };
}
