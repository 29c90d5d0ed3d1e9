import { describe, expect, it } from 'vitest';
import { parseRoster } from './roster';

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
		expect(problems).toEqual([
			{ line: 3, code: 'username_invalid', value: 'bad user' },
			{ line: 4, code: 'username_required', value: '' },
			{ line: 5, code: 'name_required' },
			{ line: 6, code: 'role_invalid', value: 'directeur' },
			{ line: 8, code: 'roster_duplicate_username', value: 'ok1 (2)' }
		]);
	});

	it('says which columns are missing', () => {
		const { rows, problems } = parseRoster('username;name\njan;Jan\n');
		expect(rows).toEqual([]);
		expect(problems).toEqual([{ line: 1, code: 'roster_columns', value: 'role, group' }]);
	});

	it('refuses an empty file and a file with only a header', () => {
		expect(parseRoster('').problems).toEqual([{ line: 0, code: 'roster_empty' }]);
		expect(parseRoster('\n\n').problems).toEqual([{ line: 0, code: 'roster_empty' }]);
		expect(parseRoster('username,name,role,group\n').problems).toEqual([{ line: 1, code: 'roster_empty' }]);
	});

	it('notices a file that was not saved as UTF-8', () => {
		const latin1 = new TextDecoder('utf-8').decode(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb]));
		expect(parseRoster(latin1).problems[0]).toEqual({ line: 0, code: 'roster_not_utf8' });
	});
});
