import { describe, expect, it } from 'vitest';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { zipSync } from 'fflate';
import type { UploadedFile } from '$lib/domain/oneroster';
import { addToGroup, makeGroup, makeUser } from '$test/db';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { groups, memberships, users } from '../db/schema';
import { login } from '../auth/login';
import { ApiError } from '../http/api';
import { listUsers } from './school.service';
import { applyOneRoster, oneRosterCounts, previewOneRoster } from './oneroster.service';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

// ---------------------------------------------------------------------------------------------
// A realistic export: 200 students in 8 classes, 4 teachers, 2 parents, Dutch names.

const givenNames = ['Daan', 'Zoë', 'Sem', 'Anaïs', 'Mijke', 'Renée', 'Thijs', 'Kübra', 'Jeroen', 'Noëlle', 'Bram', 'Fenna', 'Ilse', 'André', 'Lotte', 'Yusuf', 'Sanne', 'Ömer', 'Fleur', 'Joël'];
const familyNames = [
	['van der', 'Berg'],
	['', 'Bijl'],
	['de', 'Vries'],
	['', 'Müller'],
	['van', 'Dijk'],
	['', 'Rijken'],
	['ter', 'Horst'],
	['', 'Yılmaz'],
	['van den', 'Heuvel'],
	['', 'Çelik']
] as const;
const classTitles = ['Zorg en Welzijn 1A', 'Zorg en Welzijn 1B', 'Verzorgende IG 2A', 'Verzorgende IG 2B', 'Pedagogisch Medewerker 1', 'Pedagogisch Medewerker 2', 'Onderwijsassistent 3', 'Maatschappelijke Zorg 4'];

interface Person {
	sourcedId: string;
	username: string;
	given: string;
	middle: string;
	family: string;
	role: string;
	email: string;
}

function makeExport() {
	const people: Person[] = [];
	for (let i = 0; i < 200; i++) {
		const given = givenNames[i % givenNames.length]!;
		const [middle, family] = familyNames[Math.floor(i / givenNames.length) % familyNames.length]!;
		// A third have a username, a third only an e-mail address, a third neither (the sourcedId then).
		const base = `${given}.${middle}${family}`.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/\s+/g, '').toLowerCase();
		people.push({
			sourcedId: `stu-${1000 + i}`,
			username: i % 3 === 0 ? `${base}${i}` : '',
			given,
			middle,
			family,
			role: 'student',
			email: i % 3 === 1 ? `${base}.${i}@leerling.roc-dekoers.nl` : ''
		});
	}
	const teachers: Person[] = [
		{ sourcedId: 'tea-1', username: 'mvandenberg', given: 'Marieke', middle: 'van den', family: 'Berg', role: 'teacher', email: 'm.vandenberg@roc-dekoers.nl' },
		{ sourcedId: 'tea-2', username: '', given: 'Ahmed', middle: '', family: 'Yousfi', role: 'teacher', email: 'a.yousfi@roc-dekoers.nl' },
		{ sourcedId: 'tea-3', username: 'ijsselmuiden', given: 'Ĳsbrand', middle: '', family: 'IJsselmuiden', role: 'teacher', email: '' },
		{ sourcedId: 'tea-4', username: '', given: 'Hélène', middle: "'t", family: 'Hart', role: 'aide', email: 'h.thart@roc-dekoers.nl' }
	];
	const parents: Person[] = [
		{ sourcedId: 'par-1', username: '', given: 'Karin', middle: 'de', family: 'Vries', role: 'guardian', email: 'karin@example.nl' },
		{ sourcedId: 'par-2', username: '', given: 'Hasan', middle: '', family: 'Yılmaz', role: 'parent', email: 'hasan@example.nl' }
	];
	const classes = classTitles.map((title, i) => ({ sourcedId: `cls-${i + 1}`, title, code: title.replace(/\W+/g, '').slice(0, 8) }));
	const enrollments: { sourcedId: string; status: string; classId: string; userId: string; role: string }[] = [];
	people.forEach((p, i) => enrollments.push({ sourcedId: `enr-s${i}`, status: '', classId: classes[i % 8]!.sourcedId, userId: p.sourcedId, role: 'student' }));
	classes.forEach((c, i) => enrollments.push({ sourcedId: `enr-t${i}`, status: '', classId: c.sourcedId, userId: teachers[i % 4]!.sourcedId, role: 'teacher' }));
	enrollments.push({ sourcedId: 'enr-p1', status: '', classId: 'cls-1', userId: 'par-1', role: 'guardian' });
	return { people: [...people, ...teachers, ...parents], classes, enrollments };
}

type Export = ReturnType<typeof makeExport>;

const quote = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (header: string[], rows: string[][]) => [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
const utf8 = (s: string) => new TextEncoder().encode(s);

function filesOf(x: Export, over: Partial<Record<string, string | Uint8Array>> = {}): Record<string, string | Uint8Array> {
	return {
		'manifest.csv': csv(['propertyName', 'value'], [
			['manifest.version', '1.0'],
			['oneroster.version', '1.2'],
			['file.academicSessions', 'absent'],
			['file.orgs', 'bulk'],
			['file.users', 'bulk'],
			['file.classes', 'bulk'],
			['file.enrollments', 'bulk'],
			['source.systemName', 'Somtoday']
		]),
		'orgs.csv': csv(['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'], [['org-1', '', '2026-08-01T08:00:00Z', 'ROC De Koers', 'school', '25XX', '']]),
		'users.csv': csv(
			['sourcedId', 'status', 'dateLastModified', 'enabledUser', 'username', 'userIds', 'givenName', 'familyName', 'middleName', 'role', 'identifier', 'email'],
			x.people.map((p) => [p.sourcedId, '', '2026-08-01T08:00:00Z', 'true', p.username, '', p.given, p.family, p.middle, p.role, '', p.email])
		),
		'classes.csv': csv(
			['sourcedId', 'status', 'dateLastModified', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location', 'schoolSourcedId', 'termSourcedIds'],
			x.classes.map((c) => [c.sourcedId, '', '2026-08-01T08:00:00Z', c.title, '', '', c.code, 'scheduled', '', 'org-1', 'term-1'])
		),
		'enrollments.csv': csv(
			['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
			x.enrollments.map((e) => [e.sourcedId, e.status, '2026-08-01T08:00:00Z', e.classId, 'org-1', e.userId, e.role, e.role === 'teacher' ? 'true' : 'false', '2026-08-15', ''])
		),
		...over
	} as Record<string, string | Uint8Array>;
}

const asZip = (files: Record<string, string | Uint8Array>): UploadedFile[] => [
	{ name: 'oneroster-export.zip', bytes: zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, typeof b === 'string' ? utf8(b) : b]))) }
];
const separate = (files: Record<string, string | Uint8Array>): UploadedFile[] => Object.entries(files).map(([name, b]) => ({ name, bytes: typeof b === 'string' ? utf8(b) : b }));

/** Everything of both schools an import could change, as text: unchanged means nothing was written. */
async function snapshot() {
	const rows = await t.db.execute(sql`select
		(select json_agg(u order by u.id) from (select id, school_id, username, display_name, role, sourced_id, password_hash from users) u) as users,
		(select json_agg(g order by g.id) from (select id, school_id, name, sourced_id from groups) g) as groups,
		(select json_agg(m order by m.group_id, m.user_id) from (select group_id, user_id, role from memberships) m) as memberships`);
	return JSON.stringify((rows as unknown as { rows: unknown[] }).rows);
}

async function status(p: Promise<unknown>): Promise<number> {
	try {
		await p;
		return 200;
	} catch (e) {
		if (e instanceof ApiError) return e.status;
		throw e;
	}
}

const accountsFromSis = () => t.db.select().from(users).where(and(eq(users.schoolId, w.a.school.id), isNotNull(users.sourcedId)));

describe('OneRoster import: a school of 200 students', () => {
	it('previews without writing, then imports accounts, groups and memberships in one go; passwords work', { timeout: 120_000 }, async () => {
		const x = makeExport();
		const files = asZip(filesOf(x));
		const before = await snapshot();

		const preview = await previewOneRoster(t.db, w.a.admin, files);
		expect(preview.problems).toEqual([]);
		expect(preview.ok).toBe(true);
		expect(preview.orgs).toEqual(['ROC De Koers']);
		expect(preview.newAccounts).toHaveLength(204);
		expect(preview.newGroups).toEqual(classTitles);
		expect(preview.membershipsAdded).toHaveLength(208);
		expect(preview.membershipsRemoved).toEqual([]);
		// The parents are left out, and the admin is told.
		expect(preview.notices.filter((n) => n.code === 'role_skipped').map((n) => [n.row, n.value])).toEqual([
			[206, 'guardian'],
			[207, 'parent']
		]);
		expect(await snapshot()).toBe(before);

		const result = await applyOneRoster(t.db, w.a.admin, files);
		expect(result.ok).toBe(true);
		expect(result.created).toHaveLength(204);
		expect(await oneRosterCounts(t.db, w.a.admin)).toEqual({ accounts: 204, groups: 8 });

		// Names as a Dutch school writes them, usernames as given, from the e-mail address, or the sourcedId.
		const list = await listUsers(t.db, w.a.admin);
		const byName = (n: string) => list.filter((u) => u.displayName === n);
		expect(byName('Daan van der Berg')[0]).toMatchObject({ username: 'daan.vanderberg0', role: 'student', groups: ['Zorg en Welzijn 1A'] });
		expect(byName('Zoë van der Berg')[0]).toMatchObject({ username: 'zoe.vanderberg.1' });
		expect(byName('Sem van der Berg')[0]).toMatchObject({ username: 'stu-1002' });
		expect(list.some((u) => u.displayName === 'Kübra Müller')).toBe(true);
		expect(list.some((u) => u.displayName === 'Mijke Rijken')).toBe(true);
		expect(byName('Ĳsbrand IJsselmuiden')[0]).toMatchObject({ username: 'ijsselmuiden', role: 'coach', groups: ['Onderwijsassistent 3', 'Verzorgende IG 2A'] });
		expect(byName("Hélène 't Hart")[0]).toMatchObject({ username: 'h.thart', role: 'coach' });
		expect(list.some((u) => u.displayName.startsWith('Karin'))).toBe(false);
		const [{ n }] = (await t.db.select({ n: sql<number>`count(*)::int` }).from(memberships).innerJoin(groups, eq(groups.id, memberships.groupId)).where(isNotNull(groups.sourcedId))) as [{ n: number }];
		expect(n).toBe(208);

		const daan = result.created.find((c) => c.username === 'daan.vanderberg0')!;
		expect(daan.password.length).toBeGreaterThanOrEqual(10);
		expect((await login(t.db, { username: daan.username, password: daan.password }, '127.0.0.1')).ok).toBe(true);
	});

	it('a second import with 10 students changed updates them, duplicates nobody and moves memberships', { timeout: 120_000 }, async () => {
		const x = makeExport();
		await applyOneRoster(t.db, w.a.admin, asZip(filesOf(x)));
		const passwordsBefore = new Map((await accountsFromSis()).map((u) => [u.sourcedId, u.passwordHash]));

		// Ten students: a new family name (married, corrected), two of them also change class, one a new username.
		const changed = x.people.slice(10, 20);
		changed.forEach((p, i) => ((p.family = `${p.family}-Ünal`), (p.middle = i === 0 ? 'van' : p.middle)));
		changed[0]!.username = 'een-andere-naam';
		const moved = x.enrollments.filter((e) => e.userId === changed[1]!.sourcedId || e.userId === changed[2]!.sourcedId);
		moved.forEach((e) => (e.classId = 'cls-8'));
		// A student leaves a class (tobedeleted), another leaves school (tobedeleted as a person).
		x.enrollments.find((e) => e.userId === 'stu-1030')!.status = 'tobedeleted';
		const files = separate(filesOf(x, { 'users.csv': (filesOf(x)['users.csv'] as string).replace('stu-1040,,', 'stu-1040,tobedeleted,') }));

		const preview = await previewOneRoster(t.db, w.a.admin, files);
		expect(preview.problems).toEqual([]);
		expect(preview.newAccounts).toEqual([]);
		expect(preview.newGroups).toEqual([]);
		expect(preview.renamed).toHaveLength(10);
		expect(preview.renamed[0]).toMatchObject({ from: 'Bram van der Berg', displayName: 'Bram van Berg-Ünal' });
		expect(preview.membershipsAdded.map((m) => m.group)).toEqual(['Maatschappelijke Zorg 4', 'Maatschappelijke Zorg 4']);
		expect(preview.membershipsRemoved.map((m) => m.displayName).sort()).toEqual(
			['Fenna van der Berg-Ünal', 'Ilse van der Berg-Ünal', 'Bram Bijl', 'Daan de Vries'].sort()
		);

		const result = await applyOneRoster(t.db, w.a.admin, files);
		expect(result.ok).toBe(true);
		expect(result.created).toEqual([]);
		const after = await accountsFromSis();
		expect(after).toHaveLength(204);
		// Matched by sourcedId: the username and the password stay.
		const first = after.find((u) => u.sourcedId === changed[0]!.sourcedId)!;
		expect(first.username).toBe('bram.vanderberg.10');
		expect(first.displayName).toBe('Bram van Berg-Ünal');
		for (const u of after) expect(u.passwordHash).toBe(passwordsBefore.get(u.sourcedId));
		// The leaver keeps the account (data until retention ends), without groups.
		const list = await listUsers(t.db, w.a.admin);
		expect(list.find((u) => u.displayName === 'Daan de Vries')?.groups).toEqual([]);
		expect(list.find((u) => u.displayName === 'Bram Bijl')?.groups).toEqual([]);
		expect(list.find((u) => u.username === 'stu-1011')?.groups).toEqual(['Maatschappelijke Zorg 4']);

		// The same set once more changes nothing at all.
		const again = await previewOneRoster(t.db, w.a.admin, files);
		expect([again.newAccounts, again.renamed, again.membershipsAdded, again.membershipsRemoved]).toEqual([[], [], [], []]);
		expect(again.unchanged).toBe(203);
	});
});

describe('OneRoster import: broken sets import nothing', () => {
	const problemsOf = async (files: UploadedFile[]) => {
		const before = await snapshot();
		const result = await applyOneRoster(t.db, w.a.admin, files);
		expect(result.ok).toBe(false);
		expect(result.created).toEqual([]);
		expect(await snapshot()).toBe(before);
		return result.problems;
	};

	it('a missing column, an unknown class, a duplicate sourcedId: each named by file and row', { timeout: 60_000 }, async () => {
		const x = makeExport();
		const good = filesOf(x);
		const noFamily = good['users.csv']!.toString().replace(',familyName,', ',achternaam,');
		expect(await problemsOf(asZip({ ...good, 'users.csv': noFamily }))).toEqual([{ file: 'users.csv', row: 1, code: 'missing_column', value: 'familyName' }]);

		x.enrollments[13]!.classId = 'cls-99';
		expect(await problemsOf(asZip(filesOf(x)))).toEqual([{ file: 'enrollments.csv', row: 15, code: 'unknown_class', value: 'cls-99' }]);

		const y = makeExport();
		y.people[41]!.sourcedId = 'stu-1005';
		expect(await problemsOf(separate(filesOf(y)))).toEqual([
			{ file: 'users.csv', row: 43, code: 'duplicate_sourced_id', value: 'stu-1005', at: 7 },
			// Her enrollment now points at nobody in the file.
			{ file: 'enrollments.csv', row: 43, code: 'unknown_user', value: 'stu-1041' }
		]);

		const z = makeExport();
		const { 'manifest.csv': _manifest, ...withoutManifest } = filesOf(z);
		expect(await problemsOf(separate(withoutManifest))).toEqual([{ file: 'manifest.csv', row: 0, code: 'missing_file', value: 'manifest.csv' }]);
	});

	it('refuses what only the school can tell: a username of another school, an account with another role, a taken group name', async () => {
		const x = makeExport();
		x.people[0]!.username = w.b.student.username;
		x.people[3]!.username = w.a.coach.username;
		await makeGroup(t.db, w.a.school.id, 'Zorg en Welzijn 1B').then((g) => t.db.update(groups).set({ sourcedId: 'iets-anders' }).where(eq(groups.id, g.id)));
		expect(await problemsOf(asZip(filesOf(x)))).toEqual([
			{ file: 'users.csv', row: 2, code: 'username_taken', value: w.b.student.username },
			{ file: 'users.csv', row: 5, code: 'role_conflict', value: w.a.coach.username },
			{ file: 'classes.csv', row: 3, code: 'group_name_taken', value: 'Zorg en Welzijn 1B' }
		]);
	});
});

describe('OneRoster import: details', () => {
	it('reads a Windows-1252 users.csv right', async () => {
		const x = makeExport();
		x.people = [x.people[1]!, x.people[3]!, x.people[200]!];
		x.enrollments = x.enrollments.filter((e) => x.people.some((p) => p.sourcedId === e.userId));
		const text = filesOf(x)['users.csv'] as string;
		const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
		expect(bytes.every((b) => b < 256)).toBe(true);
		const result = await applyOneRoster(t.db, w.a.admin, separate(filesOf(x, { 'users.csv': bytes })));
		expect(result.problems).toEqual([]);
		expect(result.notices).toContainEqual({ file: 'users.csv', row: 0, code: 'windows_1252' });
		expect(result.created.map((c) => c.displayName)).toEqual(['Zoë van der Berg', 'Anaïs van der Berg', 'Marieke van den Berg']);
	});

	it('links existing accounts and groups by username and name; hand-made memberships stay', async () => {
		// The admin made Daan and the group by hand before; a hand-added coach stays in the group.
		const daan = await makeUser(t.db, w.a.school.id, 'student', 'daan.vanderberg0');
		const group = await makeGroup(t.db, w.a.school.id, 'zorg en welzijn 1a');
		await addToGroup(t.db, group, daan);
		await addToGroup(t.db, group, w.a.coach);
		const x = makeExport();
		x.people = [x.people[0]!, x.people[8]!];
		x.enrollments = x.enrollments.filter((e) => e.userId === 'stu-1000' || e.userId === 'stu-1008');
		x.classes = [x.classes[0]!];
		const preview = await previewOneRoster(t.db, w.a.admin, asZip(filesOf(x)));
		expect(preview.linked.map((l) => l.username)).toEqual(['daan.vanderberg0']);
		expect(preview.renamed).toEqual([expect.objectContaining({ from: 'Test daan.vanderberg0', displayName: 'Daan van der Berg' })]);
		expect(preview.newGroups).toEqual([]);
		expect(preview.membershipsAdded.map((m) => m.username)).toEqual(['stu-1008']);

		await applyOneRoster(t.db, w.a.admin, asZip(filesOf(x)));
		const [linked] = await t.db.select().from(users).where(eq(users.id, daan.id));
		expect(linked).toMatchObject({ sourcedId: 'stu-1000', displayName: 'Daan van der Berg' });
		const [g] = await t.db.select().from(groups).where(eq(groups.id, group.id));
		expect(g).toMatchObject({ sourcedId: 'cls-1', name: 'zorg en welzijn 1a' });
		const members = await t.db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.groupId, group.id));
		expect(members.map((m) => m.userId)).toContain(w.a.coach.id);

		// A bulk set without Daan in the class: he leaves it (he came from the system), the coach stays.
		x.enrollments = x.enrollments.filter((e) => e.userId !== 'stu-1000');
		const result = await applyOneRoster(t.db, w.a.admin, asZip(filesOf(x)));
		expect(result.membershipsRemoved.map((m) => m.username)).toEqual(['daan.vanderberg0']);
		const left = await t.db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.groupId, group.id));
		expect(left.map((m) => m.userId).sort()).toEqual([w.a.coach.id, ...(await accountsFromSis()).filter((u) => u.sourcedId === 'stu-1008').map((u) => u.id)].sort());
	});

	it('a made-up username that another account has moves aside, unless it is the same person', async () => {
		await makeUser(t.db, w.b.school.id, 'student', 'stu-1002'); // school B has one by chance
		await makeUser(t.db, w.a.school.id, 'student', 'zoe.vanderberg.1'); // someone else in school A
		const renee = await makeUser(t.db, w.a.school.id, 'student', 'stu-1005');
		await t.db.update(users).set({ displayName: 'Renée van der Berg' }).where(eq(users.id, renee.id)); // her, made by hand
		const x = makeExport();
		x.people = [x.people[1]!, x.people[2]!, x.people[5]!];
		x.enrollments = x.enrollments.filter((e) => x.people.some((p) => p.sourcedId === e.userId));
		const result = await applyOneRoster(t.db, w.a.admin, asZip(filesOf(x)));
		expect(result.created.map((c) => c.username)).toEqual(['zoe.vanderberg.1-2', 'stu-1002-2']);
		expect(result.linked.map((c) => c.username)).toEqual(['stu-1005']);
	});

	it("only admins, and only their own school: school B's admin cannot touch school A's import", async () => {
		const x = makeExport();
		x.people = x.people.slice(0, 6);
		x.enrollments = x.enrollments.filter((e) => x.people.some((p) => p.sourcedId === e.userId));
		const files = asZip(filesOf(x));
		for (const actor of [w.a.coach, w.a.student]) {
			expect(await status(previewOneRoster(t.db, actor, files))).toBe(403);
			expect(await status(applyOneRoster(t.db, actor, files))).toBe(403);
		}
		await applyOneRoster(t.db, w.a.admin, files);
		const before = await snapshot();

		// The same export in school B: the given usernames are school A's, so nothing happens at all.
		const b = await applyOneRoster(t.db, w.b.admin, files);
		expect(b.ok).toBe(false);
		expect(b.problems.map((p) => [p.row, p.code])).toEqual([
			[2, 'username_taken'],
			[5, 'username_taken']
		]);
		expect(await snapshot()).toBe(before);

		// Without those two, school B gets its own accounts and groups; school A's stay as they were.
		const rest = { ...x, people: x.people.filter((p) => !p.username) };
		rest.enrollments = x.enrollments.filter((e) => rest.people.some((p) => p.sourcedId === e.userId));
		const aBefore = JSON.stringify(await t.db.select().from(users).where(eq(users.schoolId, w.a.school.id)).orderBy(users.id));
		const own = await applyOneRoster(t.db, w.b.admin, asZip(filesOf(rest)));
		expect(own.ok).toBe(true);
		expect(own.created.map((c) => c.username)).toEqual(['zoe.vanderberg.1-2', 'stu-1002-2', 'mijke.vanderberg.4-2', 'stu-1005-2']);
		expect(JSON.stringify(await t.db.select().from(users).where(eq(users.schoolId, w.a.school.id)).orderBy(users.id))).toBe(aBefore);
		expect((await oneRosterCounts(t.db, w.b.admin)).accounts).toBe(4);
	});
});
