import { describe, expect, it } from 'vitest';
import { parseRoster } from './roster';
import { decodeText } from './oneroster';

describe('parseRoster', () => {
	it('reads a comma-separated roster with English headers', () => {
		const { rows, problems } = parseRoster('username,name,role,group\njdevries,Jan de Vries,student,ZW 2B\npbakker,Petra Bakker,coach,ZW 2B\n');
		expect(problems).toEqual([]);
		expect(rows).toEqual([
			{ line: 2, username: 'jdevries', displayName: 'Jan de Vries', role: 'student', group: 'ZW 2B' },
			{ line: 3, username: 'pbakker', displayName: 'Petra Bakker', role: 'coach', group: 'ZW 2B' }
		]);
	});

	it('reads what a Dutch spreadsheet exports: BOM, semicolons, Dutch headers and roles, CRLF', () => {
		const text = '\uFEFFGebruikersnaam;Naam;Rol;Groep\r\nzoe.l;Zoë van Leeuwen;leerling;Zorg en Welzijn 2A\r\nmvdb;Marieke van den Berg;docent;Zorg en Welzijn 2A\r\n';
		const { rows, problems } = parseRoster(text);
		expect(problems).toEqual([]);
		expect(rows.map((r) => [r.username, r.displayName, r.role])).toEqual([
			['zoe.l', 'Zoë van Leeuwen', 'student'],
			['mvdb', 'Marieke van den Berg', 'coach']
		]);
	});

	it('lower-cases usernames, allows an empty group and keeps quoted commas in names', () => {
		const { rows, problems } = parseRoster('username,name,role,group\nJDeVries,"Vries, Jan de",student,\n');
		expect(problems).toEqual([]);
		expect(rows[0]).toMatchObject({ username: 'jdevries', displayName: 'Vries, Jan de', group: null });
	});

	it('reports every bad row with its line number and reason', () => {
		const text = [
			'username;name;role;group',
			'ok1;Goed Een;student;2A',
			'bad user;Spatie In Naam;student;2A',
			';Geen Gebruikersnaam;student;2A',
			'ok2;;student;2A',
			'ok3;Rol Fout;directeur;2A',
			'',
			'ok1;Dubbel;student;2A'
		].join('\n');
		const { problems } = parseRoster(text);
		// Each problem names whose row it is (the name, else the username), so the admin is told about a student.
		expect(problems).toEqual([
			{ line: 3, code: 'username_invalid', value: 'bad user', who: 'Spatie In Naam' },
			{ line: 4, code: 'username_required', value: '', who: 'Geen Gebruikersnaam' },
			{ line: 5, code: 'name_required', who: 'ok2' },
			{ line: 6, code: 'role_invalid', value: 'directeur', who: 'Rol Fout' },
			{ line: 8, code: 'roster_duplicate_username', value: 'ok1', who: 'Dubbel', at: 2 }
		]);
	});

	it('says which columns are missing', () => {
		const { rows, problems } = parseRoster('username;rol\njan;student\n');
		expect(rows).toEqual([]);
		expect(problems).toEqual([{ line: 1, code: 'roster_columns', value: 'name, group' }]);
		// A first name alone is not a name.
		expect(parseRoster('Login;Roepnaam;Klas\njan;Jan;2B\n').problems).toEqual([{ line: 1, code: 'roster_columns', value: 'name' }]);
	});

	it('reads a Magister pupil export: Login as username, Roepnaam, Tussenv. and Achternaam joined, Klas as group, all students', () => {
		const text = [
			'Stamnr;Roepnaam;Tussenv.;Achternaam;Klas;Login;E-mail',
			'104233;Sanne;de;Vries;ZW2B;s.devries;104233@leerling.school.nl',
			'104234;Mehmet;;Öztürk;ZW2B;m.ozturk;104234@leerling.school.nl'
		].join('\r\n');
		const { rows, problems, hasRoles } = parseRoster(text);
		expect(problems).toEqual([]);
		expect(hasRoles).toBe(false);
		expect(rows).toEqual([
			{ line: 2, username: 's.devries', displayName: 'Sanne de Vries', role: 'student', group: 'ZW2B' },
			{ line: 3, username: 'm.ozturk', displayName: 'Mehmet Öztürk', role: 'student', group: 'ZW2B' }
		]);
		// Without a Login column the stamnummer is the username.
		expect(parseRoster('Stamnr;Roepnaam;Tussenv;Achternaam;Klas\n104233;Sanne;de;Vries;ZW2B\n').rows[0]).toMatchObject({ username: '104233', displayName: 'Sanne de Vries' });
	});

	it('reads a Somtoday pupil export: Leerlingnummer, Roepnaam, Voorvoegsel, Achternaam, Stamgroep (or Volledige naam)', () => {
		const split = parseRoster('Leerlingnummer,Roepnaam,Voorvoegsel,Achternaam,Stamgroep\n5521,Daan,van den,Berg,MZ1A\n');
		expect(split.problems).toEqual([]);
		expect(split.rows).toEqual([{ line: 2, username: '5521', displayName: 'Daan van den Berg', role: 'student', group: 'MZ1A' }]);
		const full = parseRoster('Leerlingnummer;Roepnaam;Volledige Naam;Achternaam;Stamgroep;Klas\n5522;Ada;Ada Lovelace;Lovelace;v6a;V6\n');
		expect(full.rows).toEqual([{ line: 2, username: '5522', displayName: 'Ada Lovelace', role: 'student', group: 'v6a' }]);
	});

	it('with a role column the roles count, whichever export it is', () => {
		const { rows, hasRoles } = parseRoster('Gebruikersnaam;Roepnaam;Achternaam;Rol;Klas\npbakker;Petra;Bakker;docent;ZW2B\n');
		expect(hasRoles).toBe(true);
		expect(rows[0]).toMatchObject({ username: 'pbakker', displayName: 'Petra Bakker', role: 'coach' });
	});

	it('refuses an empty file and a file with only a header', () => {
		expect(parseRoster('').problems).toEqual([{ line: 0, code: 'roster_empty' }]);
		expect(parseRoster('\n\n').problems).toEqual([{ line: 0, code: 'roster_empty' }]);
		expect(parseRoster('username,name,role,group\n').problems).toEqual([{ line: 1, code: 'roster_empty' }]);
	});

	it('notices pasted text that was read with the wrong encoding', () => {
		const latin1 = new TextDecoder('utf-8').decode(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb]));
		expect(parseRoster(latin1).problems[0]).toEqual({ line: 0, code: 'roster_not_utf8' });
	});

	it('reads a Windows-1252 file as the import page decodes it, and a UTF-8 one with BOM', () => {
		const line = 'username;name;role;group\r\nmo;Mehmet Öztürk;student;ZW 2B\r\nchloe;Chloé Bakker;student;ZW 2B\r\n';
		const cp1252 = new Uint8Array([...line].map((c) => ({ Ö: 0xd6, ü: 0xfc, é: 0xe9 })[c] ?? c.charCodeAt(0)));
		const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(line)]);
		for (const bytes of [cp1252, utf8]) {
			const { rows, problems } = parseRoster(decodeText(bytes).text);
			expect(problems).toEqual([]);
			expect(rows.map((r) => r.displayName)).toEqual(['Mehmet Öztürk', 'Chloé Bakker']);
		}
	});
});
