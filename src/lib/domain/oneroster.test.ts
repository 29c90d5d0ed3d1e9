import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { bundleFiles, collectFiles, decodeText, displayNameOf, freeUsername, readOneRoster, usernameFrom, type UploadedFile } from './oneroster';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Windows-1252 bytes of a string (only characters that code page has). */
function cp1252(s: string): Uint8Array {
	const high: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94 };
	return Uint8Array.from([...s].map((c) => high[c] ?? c.charCodeAt(0)));
}

const manifest = (extra: Record<string, string> = {}) =>
	[
		'propertyName,value',
		'manifest.version,1.0',
		'oneroster.version,1.2',
		'file.academicSessions,absent',
		'file.orgs,bulk',
		'file.users,bulk',
		'file.classes,bulk',
		'file.enrollments,bulk',
		...Object.entries(extra).map(([k, v]) => `${k},${v}`)
	].join('\n') + '\n';

const orgs = 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\norg-1,,,ROC De Koers,school,01AB,\n';

const users = [
	'sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,middleName,role,email',
	'u-1,,,true,jdevries,Jan,Vries,de,student,jan.devries@school.nl',
	'u-2,,,true,,Zoë,Çelik,,student,zoe.celik@school.nl',
	'u-3,,,true,,Iris,Berg,van der,learner,',
	'u-4,,,true,pbakker,Petra,Bakker,,teacher,p.bakker@school.nl',
	'u-5,,,true,,Ouder,Vries,de,guardian,ouder@example.nl',
	'u-6,,,true,,Sem,Ĳzerman,,aide,sem@school.nl'
].join('\n');

const classes = 'sourcedId,status,dateLastModified,title,classCode,classType,schoolSourcedId\nc-1,,,Zorg en Welzijn 2B,ZW2B,scheduled,org-1\nc-2,,,Mentoruur,MU1,homeroom,org-1\n';

const enrollments = [
	'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary',
	'e-1,,,c-1,org-1,u-1,student,false',
	'e-2,,,c-1,org-1,u-2,student,false',
	'e-3,,,c-1,org-1,u-3,student,false',
	'e-4,,,c-1,org-1,u-4,teacher,true',
	'e-5,,,c-2,org-1,u-6,aide,false',
	'e-6,,,c-2,org-1,u-5,guardian,false'
].join('\n');

const set = (over: Record<string, string | Uint8Array | null> = {}): UploadedFile[] => {
	const files: Record<string, string | Uint8Array | null> = {
		'manifest.csv': manifest(),
		'orgs.csv': orgs,
		'users.csv': users,
		'classes.csv': classes,
		'enrollments.csv': enrollments,
		...over
	};
	return Object.entries(files)
		.filter((e): e is [string, string | Uint8Array] => e[1] !== null)
		.map(([name, body]) => ({ name, bytes: typeof body === 'string' ? utf8(body) : body }));
};

const zipOf = (files: UploadedFile[], folder = '') => zipSync(Object.fromEntries(files.map((f) => [folder + f.name, f.bytes])));

describe('readOneRoster: a good set', () => {
	it('maps people, classes and enrollments, with Dutch names and usernames made where none is given', () => {
		const r = readOneRoster(set());
		expect(r.problems).toEqual([]);
		expect(r.orgs).toEqual([{ sourcedId: 'org-1', name: 'ROC De Koers' }]);
		expect(r.users.map((u) => [u.sourcedId, u.username, u.displayName, u.role])).toEqual([
			['u-1', 'jdevries', 'Jan de Vries', 'student'],
			['u-2', 'zoe.celik', 'Zoë Çelik', 'student'],
			['u-3', 'u-3', 'Iris van der Berg', 'student'],
			['u-4', 'pbakker', 'Petra Bakker', 'coach'],
			['u-6', 'sem', 'Sem Ĳzerman', 'coach']
		]);
		expect(r.classes.map((c) => c.title)).toEqual(['Zorg en Welzijn 2B', 'Mentoruur']);
		// The guardian has no place in Koers: a notice, no account, no membership.
		expect(r.notices).toEqual([{ file: 'users.csv', row: 6, code: 'role_skipped', value: 'guardian' }]);
		expect(r.enrollments.map((e) => `${e.classSourcedId}/${e.userSourcedId}`)).toEqual(['c-1/u-1', 'c-1/u-2', 'c-1/u-3', 'c-1/u-4', 'c-2/u-6']);
		expect(r.modes).toEqual({ users: 'bulk', classes: 'bulk', enrollments: 'bulk' });
	});

	it('reads the same from a zip (also with the files in a folder) as from separate files', () => {
		const plain = readOneRoster(set());
		expect(readOneRoster([{ name: 'export.zip', bytes: zipOf(set()) }])).toEqual(plain);
		expect(readOneRoster([{ name: 'Export Somtoday.ZIP', bytes: zipOf(set(), 'oneroster/') }])).toEqual(plain);
	});

	it('reads a Windows-1252 file right, and says so', () => {
		const text = 'sourcedId,givenName,middleName,familyName,role\nu-1,Jérôme,,Müller,student\nu-2,Anaïs,van der,Hoek,student\n';
		const r = readOneRoster(set({ 'users.csv': cp1252(text), 'enrollments.csv': 'sourcedId,classSourcedId,userSourcedId,role\n' }));
		expect(r.problems).toEqual([]);
		expect(r.users.map((u) => u.displayName)).toEqual(['Jérôme Müller', 'Anaïs van der Hoek']);
		expect(r.notices).toContainEqual({ file: 'users.csv', row: 0, code: 'windows_1252' });
	});

	it('takes a BOM, semicolons (Excel saved it again) and Windows line ends', () => {
		const text = '\uFEFFsourcedId;givenName;familyName;role\r\nu-1;Sanne;de Jong;student\r\n\r\n';
		const r = readOneRoster(set({ 'users.csv': text, 'enrollments.csv': 'sourcedId,classSourcedId,userSourcedId,role\n' }));
		expect(r.problems).toEqual([]);
		expect(r.users).toMatchObject([{ sourcedId: 'u-1', displayName: 'Sanne de Jong', username: 'u-1' }]);
		expect(r.notices.some((n) => n.code === 'windows_1252')).toBe(false);
	});

	it('takes roles from roles.csv (OneRoster 1.2) or else from the enrollments', () => {
		const users12 = 'sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName\nu-1,,,true,,Jan,Jansen\nu-2,,,true,,Els,Smit\nu-3,,,true,,Kees,Kok\n';
		const roles = 'sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId\nr-1,,,u-2,secondary,student,org-1\nr-2,,,u-2,primary,teacher,org-1\n';
		const enr = 'sourcedId,classSourcedId,userSourcedId,role\ne-1,c-1,u-1,student\ne-2,c-1,u-2,teacher\n';
		const r = readOneRoster(set({ 'users.csv': users12, 'roles.csv': roles, 'enrollments.csv': enr }));
		expect(r.problems).toEqual([]);
		expect(r.users.map((u) => [u.sourcedId, u.role])).toEqual([
			['u-1', 'student'],
			['u-2', 'coach']
		]);
		// Kees has no role anywhere: no account, and the admin is told.
		expect(r.notices).toContainEqual({ file: 'users.csv', row: 4, code: 'no_role', value: '' });
	});

	it('honours tobedeleted: a person loses memberships (no account is deleted), a class its members, an enrollment its membership', () => {
		const u = users.replace('u-3,,,', 'u-3,tobedeleted,,');
		const c = classes.replace('c-2,,,', 'c-2,tobedeleted,,');
		const e = enrollments.replace('e-1,,,', 'e-1,tobedeleted,,');
		const r = readOneRoster(set({ 'users.csv': u, 'classes.csv': c, 'enrollments.csv': e }));
		expect(r.problems).toEqual([]);
		expect(r.deletedUsers).toEqual(['u-3']);
		expect(r.users.map((x) => x.sourcedId)).not.toContain('u-3');
		expect(r.classes.find((x) => x.sourcedId === 'c-2')?.deleted).toBe(true);
		const deleted = r.enrollments.filter((x) => x.deleted).map((x) => x.sourcedId);
		expect(deleted).toEqual(['e-1', 'e-3', 'e-5']);
	});

	it('gives a class title used twice its class code, so both become groups', () => {
		const c = 'sourcedId,title,classCode\nc-1,Wiskunde,WI-2A\nc-2,Wiskunde,WI-2B\nc-3,Engels,\n';
		const r = readOneRoster(set({ 'classes.csv': c, 'enrollments.csv': 'sourcedId,classSourcedId,userSourcedId,role\n' }));
		expect(r.problems).toEqual([]);
		expect(r.classes.map((x) => x.title)).toEqual(['Wiskunde (WI-2A)', 'Wiskunde (WI-2B)', 'Engels']);
	});

	it('makes usernames unique within the set without touching given ones', () => {
		const u = 'sourcedId,username,givenName,familyName,role,email\nu-1,,Jan,Smit,student,jan@a.nl\nu-2,,Jan,Smit,student,jan@b.nl\nu-3,jan-2,Jan,Bos,student,\nu-4,Kim.Bos@School.nl,Kim,Bos,student,\n';
		const r = readOneRoster(set({ 'users.csv': u, 'enrollments.csv': 'sourcedId,classSourcedId,userSourcedId,role\n' }));
		expect(r.problems).toEqual([]);
		expect(r.users.map((x) => [x.username, x.usernameGiven])).toEqual([
			['jan', false],
			['jan-3', false],
			['jan-2', true],
			['kim.bos', true]
		]);
	});

	it('lets a delta file refer to people and classes of an earlier import', () => {
		const m = manifest().replace('file.users,bulk', 'file.users,delta').replace('file.classes,bulk', 'file.classes,absent').replace('file.enrollments,bulk', 'file.enrollments,delta');
		const enr = 'sourcedId,status,classSourcedId,userSourcedId,role\ne-9,,c-old,u-old,student\ne-10,tobedeleted,c-old,u-1,student\n';
		const known = { users: new Set(['u-old']), classes: new Set(['c-old']) };
		const r = readOneRoster(set({ 'manifest.csv': m, 'classes.csv': null, 'enrollments.csv': enr }), known);
		expect(r.problems).toEqual([]);
		expect(r.modes).toEqual({ users: 'delta', classes: 'absent', enrollments: 'delta' });
		expect(r.enrollments.map((e) => [e.sourcedId, e.deleted])).toEqual([
			['e-9', false],
			['e-10', true]
		]);
		// In a bulk set the same references are unknown: the set itself must be complete.
		const bulk = readOneRoster(set({ 'enrollments.csv': enr }), known);
		expect(bulk.problems.map((p) => [p.row, p.code, p.value])).toEqual([
			[2, 'unknown_class', 'c-old'],
			[2, 'unknown_user', 'u-old'],
			[3, 'unknown_class', 'c-old']
		]);
	});
});

describe('readOneRoster: problems, each with its file and row', () => {
	it('a missing required column: row 1 of that file, and its rows are not reported again', () => {
		const u = users.replace('givenName,', 'voornaam,');
		const r = readOneRoster(set({ 'users.csv': u }));
		expect(r.problems).toEqual([{ file: 'users.csv', row: 1, code: 'missing_column', value: 'givenName' }]);
	});

	it('an enrollment of a class or person the set does not have', () => {
		const e = enrollments + '\ne-7,,,c-9,org-1,u-1,student,false\ne-8,,,c-1,org-1,u-99,student,false';
		const r = readOneRoster(set({ 'enrollments.csv': e }));
		expect(r.problems).toEqual([
			{ file: 'enrollments.csv', row: 8, code: 'unknown_class', value: 'c-9' },
			{ file: 'enrollments.csv', row: 9, code: 'unknown_user', value: 'u-99' }
		]);
	});

	it('a duplicate sourcedId names the row it first appeared on', () => {
		const u = users + '\nu-2,,,true,,Zoë,Anders,,student,';
		const r = readOneRoster(set({ 'users.csv': u }));
		expect(r.problems).toEqual([{ file: 'users.csv', row: 8, code: 'duplicate_sourced_id', value: 'u-2', at: 3 }]);
	});

	it('a role OneRoster does not know, in users.csv or enrollments.csv', () => {
		const u = users.replace('u-3,,,true,,Iris,Berg,van der,learner', 'u-3,,,true,,Iris,Berg,van der,leerling');
		const e = enrollments.replace('e-4,,,c-1,org-1,u-4,teacher', 'e-4,,,c-1,org-1,u-4,docent');
		const r = readOneRoster(set({ 'users.csv': u, 'enrollments.csv': e }));
		expect(r.problems).toEqual([
			{ file: 'users.csv', row: 4, code: 'bad_role', value: 'leerling' },
			{ file: 'enrollments.csv', row: 5, code: 'bad_role', value: 'docent' }
		]);
	});

	it('a file the manifest names but the set lacks, and a set without a manifest', () => {
		const r = readOneRoster(set({ 'enrollments.csv': null }));
		expect(r.problems).toEqual([{ file: 'manifest.csv', row: 8, code: 'missing_file', value: 'enrollments.csv' }]);
		const none = readOneRoster(set({ 'manifest.csv': null }));
		expect(none.problems).toEqual([{ file: 'manifest.csv', row: 0, code: 'missing_file', value: 'manifest.csv' }]);
	});

	it('empty names, bad usernames, unknown statuses and a broken zip', () => {
		const u = 'sourcedId,status,username,givenName,familyName,role\nu-1,,,,,student\nu-2,,Jan de Vries,Jan,Vries,student\nu-3,weg,,Els,Smit,student\n';
		const r = readOneRoster(set({ 'users.csv': u, 'enrollments.csv': 'sourcedId,classSourcedId,userSourcedId,role\n' }));
		expect(r.problems).toEqual([
			{ file: 'users.csv', row: 2, code: 'name_required', value: '' },
			{ file: 'users.csv', row: 3, code: 'username_invalid', value: 'Jan de Vries' },
			{ file: 'users.csv', row: 4, code: 'bad_status', value: 'weg' }
		]);
		const broken = readOneRoster([{ name: 'export.zip', bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }]);
		expect(broken.problems).toContainEqual({ file: 'export.zip', row: 0, code: 'not_zip' });
	});
});

describe('the pieces', () => {
	it('display names keep the tussenvoegsel once', () => {
		expect(displayNameOf('Jan', 'van der', 'Berg')).toBe('Jan van der Berg');
		expect(displayNameOf('Jan', 'van der', 'van der Berg')).toBe('Jan van der Berg');
		expect(displayNameOf(' Fleur ', '', '  de  Wit ')).toBe('Fleur de Wit');
	});

	it('usernames from anything, free ones with a number', () => {
		expect(usernameFrom('Zoë.Çelik@school.nl')).toBe('zoe.celik');
		expect(usernameFrom('{8F3A-11}')).toBe('8f3a-11');
		expect(usernameFrom('é')).toBe('ue');
		expect(usernameFrom('Straße Ĳssel')).toBe('strasse-ijssel');
		expect(freeUsername('jan', (n) => ['jan', 'jan-2'].includes(n))).toBe('jan-3');
	});

	it('decodes UTF-8 with a BOM and falls back to Windows-1252 (also its 0x80–0x9F)', () => {
		expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Zoë')]))).toEqual({ text: 'Zoë', encoding: 'utf-8' });
		expect(decodeText(cp1252('Zoë ‘x’ “y” €'))).toEqual({ text: 'Zoë ‘x’ “y” €', encoding: 'windows-1252' });
	});

	it('bundles the files it read into one zip again', () => {
		const { files } = collectFiles([{ name: 'x.zip', bytes: zipOf(set()) }, { name: 'notes.txt', bytes: strToU8('x') }]);
		expect(Object.keys(unzipSync(bundleFiles(files))).sort()).toEqual(['classes.csv', 'enrollments.csv', 'manifest.csv', 'orgs.csv', 'users.csv']);
	});
});
