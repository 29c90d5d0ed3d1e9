import Papa from 'papaparse';
import type { MembershipRole } from './constants';
import { displayNameSchema, groupNameSchema, usernameSchema } from './user';

/** One person from a roster file, with the line it came from. */
export interface RosterRow {
	line: number;
	username: string;
	displayName: string;
	role: MembershipRole;
	group: string | null;
}

/** `code` names a message (`error_<code>`); `value` is what the file said, so the admin can find it. */
export interface RosterProblem {
	line: number;
	code: string;
	value?: string;
}

export const rosterMaxBytes = 2 * 1024 * 1024;
export const rosterMaxRows = 5000;

const columnAliases: Record<string, 'username' | 'name' | 'role' | 'group'> = {
	username: 'username',
	gebruikersnaam: 'username',
	name: 'name',
	naam: 'name',
	role: 'role',
	rol: 'role',
	group: 'group',
	groep: 'group',
	klas: 'group'
};

const roleAliases: Record<string, MembershipRole> = {
	student: 'student',
	leerling: 'student',
	deelnemer: 'student',
	coach: 'coach',
	docent: 'coach',
	begeleider: 'coach',
	mentor: 'coach'
};

/**
 * Reads a roster CSV (`username,name,role,group`, UTF-8, comma or semicolon as Dutch spreadsheets
 * export, optional BOM, Dutch or English headers). Returns every row it could read and every problem
 * with its line number; callers import nothing when there is any problem.
 */
export function parseRoster(text: string): { rows: RosterRow[]; problems: RosterProblem[] } {
	const problems: RosterProblem[] = [];
	const rows: RosterRow[] = [];
	const clean = text.replace(/^\uFEFF/, '');
	// A replacement character means the bytes were not UTF-8 (Excel's "CSV" saves Windows-1252).
	if (clean.includes('\uFFFD')) return { rows, problems: [{ line: 0, code: 'roster_not_utf8' }] };
	// The header line decides the separator: the most frequent of semicolon, comma and tab.
	const headerLine = clean.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
	const count = (c: string) => headerLine.split(c).length - 1;
	const delimiter = [';', ',', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
	const parsed = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false });
	const lines = parsed.data;
	const headerIndex = lines.findIndex((cells) => cells.some((c) => c.trim() !== ''));
	if (headerIndex < 0) return { rows, problems: [{ line: 0, code: 'roster_empty' }] };

	const header = lines[headerIndex]!.map((c) => columnAliases[c.trim().toLowerCase()]);
	const col = (name: 'username' | 'name' | 'role' | 'group') => header.indexOf(name);
	const missing = (['username', 'name', 'role', 'group'] as const).filter((c) => col(c) < 0);
	if (missing.length) {
		return { rows, problems: [{ line: headerIndex + 1, code: 'roster_columns', value: missing.join(', ') }] };
	}

	const seen = new Map<string, number>();
	for (let i = headerIndex + 1; i < lines.length; i++) {
		const cells = lines[i]!;
		const line = i + 1;
		if (cells.every((c) => c.trim() === '')) continue;
		if (rows.length + problems.length >= rosterMaxRows) {
			problems.push({ line, code: 'roster_too_many_rows' });
			break;
		}
		const cell = (name: 'username' | 'name' | 'role' | 'group') => (cells[col(name)] ?? '').trim();

		const username = usernameSchema.safeParse(cell('username'));
		const displayName = displayNameSchema.safeParse(cell('name'));
		const role = roleAliases[cell('role').toLowerCase()];
		const groupText = cell('group');
		const group = groupText ? groupNameSchema.safeParse(groupText) : null;

		let ok = true;
		if (!username.success) {
			problems.push({ line, code: cell('username') ? 'username_invalid' : 'username_required', value: cell('username') });
			ok = false;
		}
		if (!displayName.success) {
			problems.push({ line, code: displayName.error.issues[0]?.message ?? 'name_required' });
			ok = false;
		}
		if (!role) {
			problems.push({ line, code: 'role_invalid', value: cell('role') });
			ok = false;
		}
		if (group && !group.success) {
			problems.push({ line, code: group.error.issues[0]?.message ?? 'group_name_too_long', value: groupText });
			ok = false;
		}
		if (username.success) {
			const first = seen.get(username.data);
			if (first !== undefined) {
				problems.push({ line, code: 'roster_duplicate_username', value: `${username.data} (${first})` });
				ok = false;
			} else {
				seen.set(username.data, line);
			}
		}
		if (ok && username.success && displayName.success && role) {
			rows.push({
				line,
				username: username.data,
				displayName: displayName.data,
				role,
				group: group?.success ? group.data : null
			});
		}
	}
	if (!rows.length && !problems.length) problems.push({ line: headerIndex + 1, code: 'roster_empty' });
	return { rows, problems };
}
