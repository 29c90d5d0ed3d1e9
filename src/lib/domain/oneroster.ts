import Papa from 'papaparse';
import { unzipSync, zipSync } from 'fflate';
import type { MembershipRole } from './constants';
import { usernamePattern } from './constants';
import { displayNameSchema, groupNameSchema } from './user';

/**
 * Reads a OneRoster 1.2 bulk (or delta) CSV set, as a student information system exports it: a zip,
 * or the separate files. Pure: bytes in, people, classes and enrollments out, with every problem
 * named by file and row (counted from 1 as a spreadsheet shows it, the header being row 1).
 * Callers import nothing when there is any problem.
 */

export const oneRosterFiles = ['manifest.csv', 'orgs.csv', 'users.csv', 'roles.csv', 'classes.csv', 'enrollments.csv'] as const;
export type OneRosterFileName = (typeof oneRosterFiles)[number];

/** What the admin uploads: a zip, or CSV files, as they came. */
export interface UploadedFile {
	name: string;
	bytes: Uint8Array;
}

export type OneRosterProblemCode =
	| 'missing_file'
	| 'missing_column'
	| 'missing_value'
	| 'unknown_class'
	| 'unknown_user'
	| 'duplicate_sourced_id'
	| 'duplicate_username'
	| 'duplicate_title'
	| 'duplicate_file'
	| 'bad_role'
	| 'bad_status'
	| 'bad_manifest_value'
	| 'not_zip'
	| 'file_too_large'
	| 'too_many_rows'
	| 'nothing_to_import'
	| 'username_invalid'
	| 'name_required'
	| 'name_too_long'
	| 'title_required'
	| 'title_too_long'
	| 'invalid_text'
	// Found by the service against the school's accounts and groups:
	| 'username_taken'
	| 'role_conflict'
	| 'group_name_taken';

/** `row` 0: the file as a whole. `at`: another row the problem points to (the first of a duplicate). */
export interface OneRosterProblem {
	file: string;
	row: number;
	code: OneRosterProblemCode;
	value?: string;
	at?: number;
}

export type OneRosterNoticeCode = 'role_skipped' | 'no_role' | 'windows_1252' | 'file_ignored' | 'archived_account';

/** Things that do not stop the import but the admin should know. */
export interface OneRosterNotice {
	file: string;
	row: number;
	code: OneRosterNoticeCode;
	value?: string;
}

export type FileMode = 'bulk' | 'delta' | 'absent';

export interface OneRosterUser {
	row: number;
	sourcedId: string;
	/** Lower-cased; from the `username` column when there is one, else made from the e-mail address or sourcedId. */
	username: string;
	usernameGiven: boolean;
	displayName: string;
	role: MembershipRole;
	/** status `tobedeleted`: the person's memberships go, the account stays. */
	deleted: boolean;
}

export interface OneRosterClass {
	row: number;
	sourcedId: string;
	title: string;
	deleted: boolean;
}

export interface OneRosterEnrollment {
	row: number;
	sourcedId: string;
	classSourcedId: string;
	userSourcedId: string;
	deleted: boolean;
}

export interface OneRosterSet {
	modes: { users: FileMode; classes: FileMode; enrollments: FileMode };
	orgs: { sourcedId: string; name: string }[];
	users: OneRosterUser[];
	/** sourcedIds of users the set names as `tobedeleted`: their memberships go, their accounts stay. */
	deletedUsers: string[];
	classes: OneRosterClass[];
	enrollments: OneRosterEnrollment[];
	notices: OneRosterNotice[];
	problems: OneRosterProblem[];
}

/** sourcedIds the school already has (from an earlier import): a delta file may refer to them. */
export interface KnownIds {
	users: ReadonlySet<string>;
	classes: ReadonlySet<string>;
}

/** The upload as sent (a zip is mostly smaller); a file inside may be larger. */
export const oneRosterMaxUploadBytes = 2 * 1024 * 1024;
export const oneRosterMaxFileBytes = 20 * 1024 * 1024;
export const oneRosterMaxRows = 50_000;

const studentRoles = new Set(['student', 'learner']);
const coachRoles = new Set(['teacher', 'aide', 'counselor', 'proctor']);
/** OneRoster roles that are real but have no place in Koers: skipped, with a notice. */
const otherRoles = new Set([
	'administrator',
	'districtadministrator',
	'siteadministrator',
	'systemadministrator',
	'principal',
	'guardian',
	'parent',
	'relative'
]);

type RoleOf = MembershipRole | 'skip' | 'bad' | null;

function roleOf(text: string): RoleOf {
	const r = text.trim().toLowerCase();
	if (!r) return null;
	if (studentRoles.has(r)) return 'student';
	if (coachRoles.has(r)) return 'coach';
	if (otherRoles.has(r)) return 'skip';
	return 'bad';
}

// ---------------------------------------------------------------------------------------------
// Bytes

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const baseName = (path: string) => path.split(/[\\/]/).pop()!.trim().toLowerCase();

/**
 * UTF-8 when the bytes are valid UTF-8 (with or without BOM); otherwise Windows-1252, which is what
 * Excel's plain "CSV" and many older exports write.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
	const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
	try {
		return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
	} catch {
		// Node's decoder treats windows-1252 as Latin-1 (0x80–0x9F come out as control characters): mend those.
		const text = new TextDecoder('windows-1252').decode(body).replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80] || c);
		return { text, encoding: 'windows-1252' };
	}
}

/** Windows-1252's characters for the bytes 0x80–0x9F (empty: unassigned). */
const cp1252High = [...'€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ'].map((c) => (c === '\0' ? '' : c));

/** The set's files by name (zips opened; other files ignored), with problems about the upload itself. */
export function collectFiles(uploads: UploadedFile[]): { files: Map<OneRosterFileName, Uint8Array>; problems: OneRosterProblem[]; notices: OneRosterNotice[] } {
	const files = new Map<OneRosterFileName, Uint8Array>();
	const problems: OneRosterProblem[] = [];
	const notices: OneRosterNotice[] = [];
	const known = new Set<string>(oneRosterFiles);
	const add = (name: string, bytes: Uint8Array, from: string) => {
		const key = baseName(name);
		if (!known.has(key)) {
			if (key.endsWith('.csv')) notices.push({ file: key, row: 0, code: 'file_ignored' });
			return;
		}
		if (files.has(key as OneRosterFileName)) {
			problems.push({ file: key, row: 0, code: 'duplicate_file', value: from });
			return;
		}
		if (bytes.length > oneRosterMaxFileBytes) {
			problems.push({ file: key, row: 0, code: 'file_too_large' });
			return;
		}
		files.set(key as OneRosterFileName, bytes);
	};
	for (const upload of uploads) {
		if (!upload.bytes.length) continue;
		if (isZip(upload.bytes) || baseName(upload.name).endsWith('.zip')) {
			let entries: Record<string, Uint8Array>;
			try {
				let total = 0;
				entries = unzipSync(upload.bytes, {
					// Only the CSVs we read, and none beyond the size limit: a small zip can hold a lot.
					filter: (f) => {
						if (!known.has(baseName(f.name)) || f.name.endsWith('/')) return false;
						total += f.originalSize;
						return f.originalSize <= oneRosterMaxFileBytes && total <= oneRosterMaxFileBytes * oneRosterFiles.length;
					}
				});
			} catch {
				problems.push({ file: baseName(upload.name) || 'zip', row: 0, code: 'not_zip' });
				continue;
			}
			for (const [name, bytes] of Object.entries(entries)) add(name, bytes, baseName(upload.name));
		} else {
			add(upload.name, upload.bytes, baseName(upload.name));
		}
	}
	return { files, problems, notices };
}

/** The set's files in one zip again, to keep between preview and import (a hidden form field). */
export function bundleFiles(files: Map<OneRosterFileName, Uint8Array>): Uint8Array {
	return zipSync(Object.fromEntries(files), { level: 9 });
}

// ---------------------------------------------------------------------------------------------
// CSV

interface Table {
	file: OneRosterFileName;
	/** Lower-cased header name → column index. */
	columns: Map<string, number>;
	/** The data rows, each with its spreadsheet row number. */
	rows: { row: number; cells: string[] }[];
	headerRow: number;
}

function readTable(file: OneRosterFileName, text: string, problems: OneRosterProblem[]): Table {
	const clean = text.replace(/^\uFEFF/, '');
	// OneRoster says comma; a file opened and saved again in Dutch Excel has semicolons.
	const headerLine = clean.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
	const count = (c: string) => headerLine.split(c).length - 1;
	const delimiter = [';', ',', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
	const records = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false }).data;
	const headerIndex = records.findIndex((cells) => cells.some((c) => c.trim() !== ''));
	const columns = new Map<string, number>();
	const rows: Table['rows'] = [];
	if (headerIndex < 0) return { file, columns, rows, headerRow: 1 };
	records[headerIndex]!.forEach((c, i) => {
		const name = c.trim().toLowerCase();
		if (name && !columns.has(name)) columns.set(name, i);
	});
	for (let i = headerIndex + 1; i < records.length; i++) {
		const cells = records[i]!;
		if (cells.every((c) => c.trim() === '')) continue;
		if (rows.length >= oneRosterMaxRows) {
			problems.push({ file, row: i + 1, code: 'too_many_rows', value: String(oneRosterMaxRows) });
			break;
		}
		rows.push({ row: i + 1, cells: cells.map((c) => c.normalize('NFC')) });
	}
	return { file, columns, rows, headerRow: headerIndex + 1 };
}

/** The columns a file must have (OneRoster's names, any case). False when some are missing (reported). */
function hasColumns(t: Table, required: string[], problems: OneRosterProblem[]): boolean {
	const missing = required.filter((c) => !t.columns.has(c.toLowerCase()));
	if (missing.length) problems.push({ file: t.file, row: t.headerRow, code: 'missing_column', value: missing.join(', ') });
	return missing.length === 0;
}

const cellOf = (t: Table, cells: string[]) => (name: string) => {
	const i = t.columns.get(name.toLowerCase());
	return i === undefined ? '' : (cells[i] ?? '').trim();
};

type Status = 'active' | 'deleted' | null;

function statusOf(text: string): Status {
	const s = text.trim().toLowerCase();
	if (s === '' || s === 'active') return 'active';
	// `inactive` is OneRoster 1.0's word for the same.
	if (s === 'tobedeleted' || s === 'inactive') return 'deleted';
	return null;
}

/**
 * The rows of an entity file with a sourcedId each and a known status; every duplicate sourcedId,
 * empty sourcedId and unknown status reported with its row.
 */
function entityRows(t: Table, problems: OneRosterProblem[], ids?: Set<string>) {
	const seen = new Map<string, number>();
	const out: { row: number; sourcedId: string; deleted: boolean; cell: (name: string) => string }[] = [];
	for (const { row, cells } of t.rows) {
		const cell = cellOf(t, cells);
		const sourcedId = cell('sourcedId');
		if (sourcedId) ids?.add(sourcedId);
		const status = statusOf(cell('status'));
		let ok = true;
		if (!sourcedId) {
			problems.push({ file: t.file, row, code: 'missing_value', value: 'sourcedId' });
			ok = false;
		} else if (seen.has(sourcedId)) {
			problems.push({ file: t.file, row, code: 'duplicate_sourced_id', value: sourcedId, at: seen.get(sourcedId) });
			ok = false;
		} else seen.set(sourcedId, row);
		if (!status) {
			problems.push({ file: t.file, row, code: 'bad_status', value: cell('status') });
			ok = false;
		}
		if (ok) out.push({ row, sourcedId, deleted: status === 'deleted', cell });
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Names

/** givenName + middleName (the Dutch tussenvoegsel, "van der") + familyName, preferred names first. */
export function displayNameOf(given: string, middle: string, family: string): string {
	const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
	const [g, mid, f] = [clean(given), clean(middle), clean(family)];
	// Some systems put the tussenvoegsel in both fields ("van der" + "van der Berg").
	const middleInFamily = mid && f.toLowerCase().startsWith(mid.toLowerCase() + ' ');
	return [g, middleInFamily ? '' : mid, f].filter(Boolean).join(' ');
}

/** A username Koers accepts, made from any text: "Zoë.Çelik@school.nl" → "zoe.celik". */
export function usernameFrom(text: string): string {
	const local = text.includes('@') ? text.slice(0, text.indexOf('@')) : text;
	let slug = local
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.replace(/ß/g, 'ss')
		.toLowerCase()
		.replace(/[^a-z0-9._-]+/g, '-')
		.replace(/^[^a-z0-9]+/, '')
		.replace(/[-._]+$/, '')
		.slice(0, 63);
	if (slug.length < 2) slug = `u${slug || '0'}`;
	return slug.replace(/[-._]+$/, '');
}

/** The given `username`, lower-cased; an e-mail address in that column becomes its part before the @. */
function givenUsername(text: string): string | null {
	const u = text.trim().toLowerCase();
	if (usernamePattern.test(u)) return u;
	if (u.includes('@')) {
		const local = u.slice(0, u.indexOf('@'));
		if (usernamePattern.test(local)) return local;
	}
	return null;
}

/** The next free `name`, `name-2`, `name-3`, … (kept within 63 characters). */
export function freeUsername(base: string, taken: (name: string) => boolean): string {
	if (!taken(base)) return base;
	for (let n = 2; ; n++) {
		const suffix = `-${n}`;
		const name = base.slice(0, 63 - suffix.length) + suffix;
		if (!taken(name)) return name;
	}
}

// ---------------------------------------------------------------------------------------------
// The set

const entityFiles = ['users', 'classes', 'enrollments'] as const;

/** Reads the uploaded set. `known` lets a delta file refer to people and classes of an earlier import. */
export function readOneRoster(uploads: UploadedFile[], known: KnownIds = { users: new Set(), classes: new Set() }): OneRosterSet {
	const collected = collectFiles(uploads);
	const problems = [...collected.problems];
	const notices = [...collected.notices];
	const tables = new Map<OneRosterFileName, Table>();
	for (const [name, bytes] of collected.files) {
		const { text, encoding } = decodeText(bytes);
		if (encoding === 'windows-1252') notices.push({ file: name, row: 0, code: 'windows_1252' });
		tables.set(name, readTable(name, text, problems));
	}

	// The manifest says which files the set has, and whether each is complete (bulk) or only changes (delta).
	const modes = { users: 'absent', classes: 'absent', enrollments: 'absent' } as Record<(typeof entityFiles)[number], FileMode>;
	const read = new Set<OneRosterFileName>();
	const manifest = tables.get('manifest.csv');
	const declared = new Map<string, { value: string; row: number }>();
	if (!manifest) {
		problems.push({ file: 'manifest.csv', row: 0, code: 'missing_file', value: 'manifest.csv' });
	} else if (hasColumns(manifest, ['propertyName', 'value'], problems)) {
		for (const { row, cells } of manifest.rows) {
			const cell = cellOf(manifest, cells);
			declared.set(cell('propertyName').toLowerCase(), { value: cell('value').toLowerCase(), row });
		}
	}
	for (const name of ['orgs.csv', 'users.csv', 'roles.csv', 'classes.csv', 'enrollments.csv'] as const) {
		const entry = declared.get(`file.${name.replace('.csv', '')}`.toLowerCase());
		let mode: FileMode = tables.has(name) ? 'bulk' : 'absent';
		if (entry) {
			if (entry.value === 'bulk' || entry.value === 'delta' || entry.value === 'absent') {
				if (entry.value !== 'absent' && !tables.has(name)) problems.push({ file: 'manifest.csv', row: entry.row, code: 'missing_file', value: name });
				if (entry.value === 'absent' && tables.has(name)) notices.push({ file: name, row: 0, code: 'file_ignored' });
				mode = tables.has(name) ? entry.value : 'absent';
			} else {
				problems.push({ file: 'manifest.csv', row: entry.row, code: 'bad_manifest_value', value: entry.value });
			}
		}
		if (mode !== 'absent') read.add(name);
		const key = name.replace('.csv', '');
		if (key === 'users' || key === 'classes' || key === 'enrollments') modes[key] = mode;
	}
	if (manifest && !entityFiles.some((k) => modes[k] !== 'absent')) {
		problems.push({ file: 'manifest.csv', row: 0, code: 'nothing_to_import' });
	}
	const table = (name: OneRosterFileName) => (read.has(name) ? tables.get(name) : undefined);

	// orgs.csv: only checked and named (the admin sees which school the export is of).
	const orgs: OneRosterSet['orgs'] = [];
	const orgTable = table('orgs.csv');
	if (orgTable && hasColumns(orgTable, ['sourcedId', 'name', 'type'], problems)) {
		for (const r of entityRows(orgTable, problems)) if (!r.deleted) orgs.push({ sourcedId: r.sourcedId, name: r.cell('name') });
	}

	// users.csv: names and usernames now; the role may come from roles.csv or the enrollments (1.2).
	interface RawUser {
		row: number;
		sourcedId: string;
		deleted: boolean;
		given: string | null;
		fallback: string;
		displayName: string;
		role: string;
	}
	const rawUsers: RawUser[] = [];
	// Every sourcedId in the file, also of rows with a problem: an enrollment of theirs is not "unknown" too.
	const userIds = new Set<string>();
	const usersTable = table('users.csv');
	const usersReadable = !usersTable || hasColumns(usersTable, ['sourcedId', 'givenName', 'familyName'], problems);
	if (usersTable && usersReadable) {
		for (const r of entityRows(usersTable, problems, userIds)) {
			const pick = (preferred: string, plain: string) => r.cell(preferred) || r.cell(plain);
			const displayName = displayNameOf(pick('preferredGivenName', 'givenName'), pick('preferredMiddleName', 'middleName'), pick('preferredFamilyName', 'familyName'));
			const usernameText = r.cell('username');
			const given = usernameText ? givenUsername(usernameText) : null;
			let ok = true;
			if (!r.deleted) {
				const name = displayNameSchema.safeParse(displayName);
				if (!name.success) {
					const code = name.error.issues[0]?.message;
					problems.push({ file: 'users.csv', row: r.row, code: code === 'name_too_long' ? 'name_too_long' : code === 'invalid_input' ? 'invalid_text' : 'name_required', value: displayName });
					ok = false;
				}
				if (usernameText && !given) {
					problems.push({ file: 'users.csv', row: r.row, code: 'username_invalid', value: usernameText });
					ok = false;
				}
			}
			const role = r.cell('role');
			if (role && roleOf(role) === 'bad') {
				problems.push({ file: 'users.csv', row: r.row, code: 'bad_role', value: role });
				ok = false;
			}
			if (ok) rawUsers.push({ row: r.row, sourcedId: r.sourcedId, deleted: r.deleted, given, fallback: r.cell('email') || r.sourcedId, displayName, role });
		}
	}
	// A file without its columns has been reported once; its rows are not reported again through references.
	const userKnown = (id: string) => !usersReadable || userIds.has(id) || (modes.users !== 'bulk' && known.users.has(id));

	// roles.csv (OneRoster 1.2): a person's primary role, else their first secondary one.
	const rolesFromFile = new Map<string, { role: string; primary: boolean }>();
	const rolesTable = table('roles.csv');
	if (rolesTable && hasColumns(rolesTable, ['userSourcedId', 'role'], problems)) {
		for (const { row, cells } of rolesTable.rows) {
			const cell = cellOf(rolesTable, cells);
			if (statusOf(cell('status')) === 'deleted') continue;
			const userId = cell('userSourcedId');
			const role = cell('role');
			if (roleOf(role) === 'bad' || !role) problems.push({ file: 'roles.csv', row, code: 'bad_role', value: role });
			else if (!userKnown(userId)) problems.push({ file: 'roles.csv', row, code: 'unknown_user', value: userId });
			else {
				const primary = cell('roleType').toLowerCase() !== 'secondary';
				const had = rolesFromFile.get(userId);
				if (!had || (primary && !had.primary)) rolesFromFile.set(userId, { role, primary });
			}
		}
	}

	// classes.csv → groups. A title used twice gets its classCode, so both can be groups.
	const classes: OneRosterClass[] = [];
	const classIds = new Set<string>();
	const classesTable = table('classes.csv');
	const classesReadable = !classesTable || hasColumns(classesTable, ['sourcedId', 'title'], problems);
	if (classesTable && classesReadable) {
		const rows = entityRows(classesTable, problems, classIds);
		const titleCount = new Map<string, number>();
		for (const r of rows) if (!r.deleted) titleCount.set(r.cell('title').toLowerCase(), (titleCount.get(r.cell('title').toLowerCase()) ?? 0) + 1);
		const firstOf = new Map<string, number>();
		for (const r of rows) {
			let title = r.cell('title').replace(/\s+/g, ' ');
			if (!r.deleted && (titleCount.get(title.toLowerCase()) ?? 0) > 1 && r.cell('classCode')) title = `${title} (${r.cell('classCode')})`;
			if (!r.deleted) {
				const parsed = groupNameSchema.safeParse(title);
				if (!parsed.success) {
					const code = parsed.error.issues[0]?.message;
					problems.push({ file: 'classes.csv', row: r.row, code: code === 'group_name_too_long' ? 'title_too_long' : code === 'invalid_input' ? 'invalid_text' : 'title_required', value: title });
					continue;
				}
				const first = firstOf.get(title.toLowerCase());
				if (first !== undefined) {
					problems.push({ file: 'classes.csv', row: r.row, code: 'duplicate_title', value: title, at: first });
					continue;
				}
				firstOf.set(title.toLowerCase(), r.row);
			}
			classes.push({ row: r.row, sourcedId: r.sourcedId, title, deleted: r.deleted });
		}
	}
	const classKnown = (id: string) => !classesReadable || classIds.has(id) || (modes.classes !== 'bulk' && known.classes.has(id));
	const deletedClasses = new Set(classes.filter((c) => c.deleted).map((c) => c.sourcedId));

	// enrollments.csv → memberships; the enrollment's role is the person's role when nothing else says.
	const enrollments: OneRosterEnrollment[] = [];
	const rolesFromEnrollments = new Map<string, string>();
	const enrollmentsTable = table('enrollments.csv');
	if (enrollmentsTable && hasColumns(enrollmentsTable, ['sourcedId', 'classSourcedId', 'userSourcedId', 'role'], problems)) {
		for (const r of entityRows(enrollmentsTable, problems)) {
			const classId = r.cell('classSourcedId');
			const userId = r.cell('userSourcedId');
			const role = r.cell('role');
			let ok = true;
			if (!classId || !classKnown(classId)) {
				problems.push({ file: 'enrollments.csv', row: r.row, code: classId ? 'unknown_class' : 'missing_value', value: classId || 'classSourcedId' });
				ok = false;
			}
			if (!userId || !userKnown(userId)) {
				problems.push({ file: 'enrollments.csv', row: r.row, code: userId ? 'unknown_user' : 'missing_value', value: userId || 'userSourcedId' });
				ok = false;
			}
			if (!r.deleted && (!role || roleOf(role) === 'bad')) {
				problems.push({ file: 'enrollments.csv', row: r.row, code: 'bad_role', value: role });
				ok = false;
			}
			if (!ok) continue;
			if (!r.deleted && !rolesFromEnrollments.has(userId)) rolesFromEnrollments.set(userId, role);
			enrollments.push({ row: r.row, sourcedId: r.sourcedId, classSourcedId: classId, userSourcedId: userId, deleted: r.deleted || deletedClasses.has(classId) });
		}
	}

	// Each person's role and username, now that every source of a role has been read.
	const users: OneRosterUser[] = [];
	const deletedUsers: string[] = [];
	const usernameRow = new Map<string, number>();
	const skipped = new Set<string>();
	const resolved: { raw: RawUser; role: MembershipRole }[] = [];
	for (const raw of rawUsers) {
		if (raw.deleted) {
			deletedUsers.push(raw.sourcedId);
			continue;
		}
		const roleText = raw.role || rolesFromFile.get(raw.sourcedId)?.role || rolesFromEnrollments.get(raw.sourcedId) || '';
		const role = roleOf(roleText);
		if (role === 'student' || role === 'coach') {
			resolved.push({ raw, role });
			continue;
		}
		// Parents, principals, people without any role: no account; their enrollments are left out too.
		notices.push({ file: 'users.csv', row: raw.row, code: role === 'skip' ? 'role_skipped' : 'no_role', value: roleText });
		skipped.add(raw.sourcedId);
	}
	// Given usernames first, so that a made-up one never takes a name the file gives someone else.
	for (const { raw } of resolved) {
		if (!raw.given) continue;
		const first = usernameRow.get(raw.given);
		if (first !== undefined) problems.push({ file: 'users.csv', row: raw.row, code: 'duplicate_username', value: raw.given, at: first });
		else usernameRow.set(raw.given, raw.row);
	}
	for (const { raw, role } of resolved) {
		let username = raw.given;
		if (!username) {
			username = freeUsername(usernameFrom(raw.fallback), (n) => usernameRow.has(n));
			usernameRow.set(username, raw.row);
		}
		users.push({ row: raw.row, sourcedId: raw.sourcedId, username, usernameGiven: !!raw.given, displayName: raw.displayName, role, deleted: false });
	}
	const gone = new Set(deletedUsers);
	const kept = enrollments.filter((e) => !skipped.has(e.userSourcedId)).map((e) => (gone.has(e.userSourcedId) ? { ...e, deleted: true } : e));

	const order = new Map<string, number>(oneRosterFiles.map((f, i) => [f, i]));
	problems.sort((a, b) => (order.get(a.file) ?? 99) - (order.get(b.file) ?? 99) || a.row - b.row);
	return { modes, orgs, users, deletedUsers, classes, enrollments: kept, notices, problems };
}
