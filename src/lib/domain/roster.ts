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

/**
 * `code` names a message; `value` is what the file said, so the admin can find it; `who` is the
 * row's person as the file names them (name, else username), so a message can say whose row it is.
 */
export interface RosterProblem {
	line: number;
	code: string;
	value?: string;
	who?: string;
	/** The earlier line a duplicate username was on. */
	at?: number;
	/** The role an existing account has, when the file gives another. */
	existingRole?: string;
}

export const rosterMaxBytes = 2 * 1024 * 1024;
export const rosterMaxRows = 5000;

type Field = 'username' | 'name' | 'firstName' | 'prefix' | 'lastName' | 'role' | 'group';
/** The columns every roster needs; `name` may also come as first name, prefix and last name. */
export type RosterColumn = 'username' | 'name' | 'group';

/**
 * Header names per field, best first: a Magister export has Login and Stamnr, and the login is what
 * the student signs in with. Magister writes Stamnr/Roepnaam/Tussenv./Achternaam/Klas/Login/E-mail;
 * Somtoday Leerlingnummer/Roepnaam/Voorvoegsel/Achternaam/Stamgroep (or Klas) and Volledige naam.
 * A home group (stamgroep) beats a class: it is the mentor's group, the one a coach follows.
 */
const headerNames: Record<Field, string[]> = {
	username: ['username', 'gebruikersnaam', 'login', 'inlognaam', 'loginnaam', 'gebruikerscode', 'stamnr', 'stamnummer', 'leerlingnummer', 'leerlingnr', 'studentnummer', 'studentnr', 'deelnemernummer', 'deelnemersnummer'],
	name: ['name', 'naam', 'volledige naam', 'full name', 'weergavenaam', 'display name'],
	firstName: ['roepnaam', 'voornaam', 'first name', 'firstname', 'given name', 'voornamen'],
	prefix: ['tussenvoegsel', 'tussenvoegsels', 'tussenv', 'voorvoegsel', 'voorvoegsels', 'prefix'],
	lastName: ['achternaam', 'last name', 'lastname', 'family name', 'familienaam', 'geslachtsnaam'],
	role: ['role', 'rol'],
	group: ['group', 'groep', 'stamgroep', 'stamklas', 'klas', 'basisgroep', 'class']
};

/** "Tussenv.", "First_Name" and " Klas " all compare as their plain lower-case words. */
const normalHeader = (cell: string) =>
	cell
		.trim()
		.toLowerCase()
		.replace(/[._-]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

/** Which cell holds each field: the best-ranked header name the file has. */
function columnsOf(header: string[]): Partial<Record<Field, number>> {
	const cells = header.map(normalHeader);
	const found: Partial<Record<Field, number>> = {};
	for (const field of Object.keys(headerNames) as Field[]) {
		for (const name of headerNames[field]) {
			const i = cells.indexOf(name);
			if (i >= 0) {
				found[field] = i;
				break;
			}
		}
	}
	return found;
}

const roleAliases: Record<string, MembershipRole> = {
	student: 'student',
	leerling: 'student',
	deelnemer: 'student',
	coach: 'coach',
	docent: 'coach',
	begeleider: 'coach',
	mentor: 'coach'
};

export interface ParsedRoster {
	rows: RosterRow[];
	problems: RosterProblem[];
	/** False when the file has no role column and everyone in it is a student (a pupil export). */
	hasRoles: boolean;
}

/**
 * Reads a roster CSV: comma, semicolon or tab as spreadsheets export, optional BOM, Dutch or English
 * headers or those of a Magister or Somtoday export (first name, prefix and last name are joined).
 * Without a role column every row is a student. Returns every row it could read and every problem
 * with its line number; callers import nothing when there is any problem.
 */
export function parseRoster(text: string): ParsedRoster {
	const problems: RosterProblem[] = [];
	const rows: RosterRow[] = [];
	const clean = text.replace(/^\uFEFF/, '');
	// Pasted text with replacement characters was read with the wrong encoding before it got here.
	if (clean.includes('\uFFFD')) return { rows, problems: [{ line: 0, code: 'roster_not_utf8' }], hasRoles: true };
	// The header line decides the separator: the most frequent of semicolon, comma and tab.
	const headerLine = clean.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
	const count = (c: string) => headerLine.split(c).length - 1;
	const delimiter = [';', ',', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
	const parsed = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false });
	const lines = parsed.data;
	const headerIndex = lines.findIndex((cells) => cells.some((c) => c.trim() !== ''));
	if (headerIndex < 0) return { rows, problems: [{ line: 0, code: 'roster_empty' }], hasRoles: true };

	const col = columnsOf(lines[headerIndex]!);
	const splitName = col.name === undefined && col.firstName !== undefined && col.lastName !== undefined;
	const hasRoles = col.role !== undefined;
	const missing: RosterColumn[] = [];
	if (col.username === undefined) missing.push('username');
	if (col.name === undefined && !splitName) missing.push('name');
	if (col.group === undefined) missing.push('group');
	if (missing.length) {
		return { rows, problems: [{ line: headerIndex + 1, code: 'roster_columns', value: missing.join(', ') }], hasRoles };
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
		const cell = (field: Field) => (col[field] === undefined ? '' : (cells[col[field]] ?? '').trim());
		const nameText = splitName ? [cell('firstName'), cell('prefix'), cell('lastName')].filter(Boolean).join(' ') : cell('name');
		const who = nameText || cell('username');
		const problem = (p: Omit<RosterProblem, 'line' | 'who'>) => problems.push(who ? { line, ...p, who } : { line, ...p });

		const username = usernameSchema.safeParse(cell('username'));
		const displayName = displayNameSchema.safeParse(nameText);
		const role = hasRoles ? roleAliases[cell('role').toLowerCase()] : 'student';
		const groupText = cell('group');
		const group = groupText ? groupNameSchema.safeParse(groupText) : null;

		let ok = true;
		if (!username.success) {
			problem({ code: cell('username') ? 'username_invalid' : 'username_required', value: cell('username') });
			ok = false;
		}
		if (!displayName.success) {
			problem({ code: displayName.error.issues[0]?.message ?? 'name_required' });
			ok = false;
		}
		if (!role) {
			problem({ code: 'role_invalid', value: cell('role') });
			ok = false;
		}
		if (group && !group.success) {
			problem({ code: group.error.issues[0]?.message ?? 'group_name_too_long', value: groupText });
			ok = false;
		}
		if (username.success) {
			const first = seen.get(username.data);
			if (first !== undefined) {
				problem({ code: 'roster_duplicate_username', value: username.data, at: first });
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
	return { rows, problems, hasRoles };
}
