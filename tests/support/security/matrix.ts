import { randomUUID } from 'node:crypto';
import type { Op } from '$lib/domain/sync';
import { put, del } from '$test/ops';
import type { World } from './world';
import { oidcEntries } from './matrix-oidc';
import { ltiEntries } from './matrix-lti';
import { onerosterEntries } from './matrix-oneroster';

/**
 * The authorization matrix: who may do what, for every page, layout load, form action and endpoint
 * in `src/routes`. `authorization-matrix.test.ts` discovers the operations from the sources and runs
 * every cell against the built server; an operation without an entry here fails the test by name.
 *
 * Actors are people of school A: a student (in group 1), the coach of group 1, the school's admin,
 * and anonymous. Targets fill route parameters and ids in request bodies:
 * `own` (the actor's own group/student), `otherGroup` (school A, a group the actor does not coach),
 * `otherSchool` (school B). Every name and record carries a marker (see world.ts); a response must not
 * contain a marker its reader may not see (`mayRead`), whatever its status.
 *
 * Rules first (`areaRules`): an area's pages, actions and loads turn everyone else away, so entries
 * only describe the role the area is for. Then the table: one entry per operation.
 */

export const actorKeys = ['anonymous', 'student', 'coach', 'admin'] as const;
export type ActorKey = (typeof actorKeys)[number];
export type TargetKey = 'own' | 'otherGroup' | 'otherSchool';
export const targetKeys: TargetKey[] = ['own', 'otherGroup', 'otherSchool'];

/** Markers (see world.ts labels) each actor may see; every other marker is a leak. */
export const mayRead: Record<ActorKey, string[]> = {
	anonymous: [],
	student: ['name:a.student', 'name:a.coach', 'data:a.student', 'private:a.student', 'note:a.student', 'group:a.group', 'board:a.group', 'qualification:a.school'],
	coach: ['name:a.coach', 'name:a.student', 'name:a.classmate', 'data:a.student', 'data:a.classmate', 'group:a.group', 'board:a.group', 'qualification:a.school'],
	// Admins manage accounts and groups of their school; learning records are not theirs to read
	// (except a student's data export, an AVG/GDPR duty: see that entry).
	admin: [
		...['student', 'classmate', 'otherStudent', 'coach', 'otherCoach', 'admin', 'spare', 'leaver'].map((p) => `name:a.${p}`),
		'group:a.group',
		'group:a.otherGroup',
		'qualification:a.school'
	]
};

/** Areas: paths only one role may enter. `signedIn` areas only turn anonymous visitors away. */
export const areaRules: { prefix: string; role: Exclude<ActorKey, 'anonymous'> | 'signedIn'; api: boolean }[] = [
	{ prefix: '/student', role: 'student', api: false },
	{ prefix: '/coach', role: 'coach', api: false },
	{ prefix: '/admin', role: 'admin', api: false },
	{ prefix: '/account', role: 'signedIn', api: false },
	{ prefix: '/api/student', role: 'student', api: true },
	{ prefix: '/api/coach', role: 'coach', api: true },
	{ prefix: '/api/admin', role: 'admin', api: true },
	{ prefix: '/api/me', role: 'signedIn', api: true },
	{ prefix: '/api/sync', role: 'signedIn', api: true },
	{ prefix: '/api/portfolio', role: 'signedIn', api: true }
];

export function areaOfRoute(routeId: string) {
	return areaRules.find((r) => routeId === r.prefix || routeId.startsWith(r.prefix + '/')) ?? null;
}

export interface Expect {
	status: number;
	/** For a redirect: where to (the location starts with this). */
	location?: string;
	/** Markers (labels) the body must contain: the cell really saw the data it is allowed to see. */
	shows?: string[];
	/** The body contains the cell's own mark (e.g. a form echoes what was created). */
	showsMark?: boolean;
	/** Further checks of a JSON answer; throws (vitest `expect`) when wrong. */
	check?: (body: unknown, w: World) => void;
}

export interface BodyContext {
	w: World;
	/** Unique per cell: `ok-…` for cells that may change something, `denied-…` for those that must not. */
	mark: string;
	target: TargetKey;
}

export interface Cell {
	actor: ActorKey;
	target?: TargetKey;
	/** What the cell tries, when an operation has several. */
	variant?: string;
	/** Form fields (actions) or a JSON body (endpoints). */
	body?: (c: BodyContext) => unknown;
	/** A path other than the route's own (layouts, catch-alls). */
	path?: (c: BodyContext) => string;
	/** Route parameters other than the target's defaults (see paramsFor in the test). */
	params?: (c: BodyContext) => Record<string, string>;
	/** Markers this cell may show beyond the actor's `mayRead` (a deliberate, logged look). */
	alsoMayRead?: string[];
	expect: Expect;
	/** The cell is refused even though the answer is 2xx (a rejected sync op): its mark must reach no table. */
	refused?: boolean;
	/** An allowed cell that writes its mark: the test finds it in the database afterwards. */
	stores?: boolean;
	/** The cell ends its session: run it on a second session of the same person, then check it is gone. */
	signsOut?: boolean;
}

export interface Entry {
	op: string;
	cells: Cell[];
	/** The body the area rule's turned-away actors post (default: the first cell's body). */
	probe?: (c: BodyContext) => unknown;
	note?: string;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

export const notFound: Expect = { status: 404 };
export const toLogin: Expect = { status: 303, location: '/login' };
export const home = { student: '/student', coach: '/coach', admin: '/admin' } as const;
export const signedIn = ['student', 'coach', 'admin'] as const;

/** A page of an area: its role gets 200 (own target), 404 for another group or school. */
export function page(routeId: string, role: 'student' | 'coach' | 'admin', shows: string[] = [], byTarget?: Partial<Record<TargetKey, Expect>>): Entry {
	const hasParams = routeId.includes('[');
	if (!hasParams) return { op: `GET ${routeId}`, cells: [{ actor: role, expect: { status: 200, shows } }] };
	return {
		op: `GET ${routeId}`,
		cells: targetKeys.map((target) => ({ actor: role, target, expect: byTarget?.[target] ?? (target === 'own' ? { status: 200, shows } : notFound) }))
	};
}

/** The same answer for every actor. */
export function everyone(op: string, expect: Expect, extra: Partial<Cell> = {}): Entry {
	return { op, cells: actorKeys.map((actor) => ({ actor, expect, ...extra })) };
}

const syncOps = (ops: Op[]) => ({ cursor: null, ops });

/** A sync answer whose single op got `status` (and, when given, the refusal `code`). */
function syncResult(status: 'applied' | 'rejected', code?: string): Expect['check'] {
	return (body) => {
		const results = (body as { results?: { status: string; code?: string }[] }).results;
		if (!results || results.length !== 1) throw new Error(`expected one sync result, got ${JSON.stringify(results)}`);
		if (results[0]!.status !== status) throw new Error(`expected the op to be ${status}, got ${JSON.stringify(results[0])}`);
		if (code && results[0]!.code !== code) throw new Error(`expected refusal ${code}, got ${results[0]!.code}`);
	};
}

/** A sync write cell: one op, applied or refused. */
function syncWrite(actor: ActorKey, variant: string, target: TargetKey, op: (c: BodyContext) => Op, outcome: 'applied' | 'rejected', code?: string): Cell {
	return {
		actor,
		target,
		variant,
		body: (c) => syncOps([op(c)]),
		expect: { status: 200, check: syncResult(outcome, code) },
		refused: outcome === 'rejected',
		stores: outcome === 'applied'
	};
}

const syncRead = (shows: string[]): Expect => ({ status: 200, shows });

// ---------------------------------------------------------------------------------------------
// The table

export const matrix: Entry[] = [
	// Public: the start page sends everyone to where they belong.
	{
		op: 'GET /',
		cells: [{ actor: 'anonymous', expect: toLogin }, ...signedIn.map((actor) => ({ actor, expect: { status: 303, location: home[actor] } }))]
	},
	{
		op: 'LAYOUT /',
		note: 'The root layout hands the signed-in user to every page: checked on the page each actor lands on.',
		cells: [
			{ actor: 'anonymous', path: () => '/login', expect: { status: 200 } },
			...signedIn.map((actor) => ({ actor, path: () => home[actor], expect: { status: 200, shows: [`name:a.${actor}`] } }))
		]
	},
	{
		op: 'GET /login',
		cells: [{ actor: 'anonymous', expect: { status: 200 } }, ...signedIn.map((actor) => ({ actor, expect: { status: 303, location: home[actor] } }))]
	},
	{
		op: 'POST /login?/default',
		note: 'An unknown account: refused (401). A signed-in browser is sent home by the page load after the action.',
		cells: [
			{ actor: 'anonymous', body: (c) => ({ username: `nobody-${c.mark}`, password: 'wrong-password-1' }), expect: { status: 401 } },
			...signedIn.map((actor) => ({
				actor,
				body: (c: BodyContext) => ({ username: `nobody-${c.mark}`, password: 'wrong-password-1' }),
				expect: { status: 303, location: home[actor] }
			}))
		]
	},
	everyone('POST /logout', toLogin, { signsOut: true }),
	everyone('POST /language', { status: 303, location: '/student' }, { body: () => ({ locale: 'en', next: '/student' }) }),

	// Student area: client-rendered pages; the layout load gives the student's groups and coaches.
	{
		op: 'LAYOUT /student',
		cells: [{ actor: 'student', path: () => '/student', expect: { status: 200, shows: ['group:a.group', 'name:a.coach'] } }]
	},
	page('/student', 'student', ['group:a.group']),
	page('/student/boards', 'student'),
	page('/student/boards/item', 'student'),
	page('/student/cycle', 'student'),
	page('/student/goals', 'student'),
	page('/student/intake', 'student'),
	page('/student/portfolio', 'student'),
	page('/student/portfolio/print', 'student'),

	// Coach area.
	page('/coach', 'coach', ['group:a.group']),
	page('/coach/approvals', 'coach', ['name:a.student']),
	page('/coach/attention', 'coach', ['name:a.student', 'name:a.classmate']),
	page('/coach/boards', 'coach', ['group:a.group']),
	page('/coach/coverage', 'coach', ['name:a.student']),
	page('/coach/needs', 'coach', ['name:a.student']),
	page('/coach/groups/[groupId=id]', 'coach', ['name:a.student', 'name:a.classmate']),
	page('/coach/students/[studentId=id]', 'coach', ['name:a.student']),

	// Admin area: own school only.
	page('/admin', 'admin'),
	page('/admin/groups', 'admin', ['group:a.group', 'group:a.otherGroup']),
	page('/admin/users', 'admin', ['name:a.student', 'name:a.coach', 'name:a.spare']),
	page('/admin/import', 'admin'),
	page('/admin/connections', 'admin'),
	page('/admin/groups/[groupId=id]', 'admin', ['name:a.student', 'name:a.coach'], {
		otherGroup: { status: 200, shows: ['name:a.otherStudent'] }
	}),
	{
		op: 'POST /admin/groups?/create',
		cells: [{ actor: 'admin', body: (c) => ({ name: `grp-${c.mark}` }), expect: { status: 200, showsMark: true }, stores: true }]
	},
	{
		op: 'POST /admin/groups/[groupId=id]?/add',
		note: 'The spare student joins group 2 (and leaves again below); accounts and groups of school B stay out of reach.',
		probe: (c) => ({ userId: c.w.a.people.classmate.id }),
		cells: [
			{ actor: 'admin', target: 'otherGroup', variant: 'spare student to group 2', body: (c) => ({ userId: c.w.a.people.spare.id }), expect: { status: 200 } },
			{ actor: 'admin', target: 'otherSchool', variant: 'school B group', body: (c) => ({ userId: c.w.b.people.spare.id }), expect: notFound },
			{ actor: 'admin', target: 'own', variant: 'school B student to own group', body: (c) => ({ userId: c.w.b.people.student.id }), expect: notFound }
		]
	},
	{
		op: 'POST /admin/groups/[groupId=id]?/remove',
		probe: (c) => ({ userId: c.w.a.people.classmate.id }),
		cells: [
			{ actor: 'admin', target: 'otherGroup', variant: 'spare student leaves group 2', body: (c) => ({ userId: c.w.a.people.spare.id }), expect: { status: 200 } },
			{ actor: 'admin', target: 'otherSchool', variant: 'school B student from school B group', body: (c) => ({ userId: c.w.b.people.student.id }), expect: notFound }
		]
	},
	{
		op: 'POST /admin/groups/[groupId=id]?/rename',
		note: "Renamed to the name it has (markers stay); school B's group stays out of reach.",
		probe: (c) => ({ name: c.w.a.otherGroup.name }),
		cells: [
			{ actor: 'admin', target: 'otherGroup', body: (c) => ({ name: c.w.a.otherGroup.name }), expect: { status: 200 } },
			{ actor: 'admin', target: 'otherSchool', body: (c) => ({ name: c.w.b.group.name }), expect: notFound }
		]
	},
	{
		op: 'POST /admin/import?/default',
		probe: (c) => ({ text: `username,naam,rol,groep\n${c.mark},Naam ${c.mark},student,\n` }),
		cells: [
			{ actor: 'admin', variant: 'new student', body: (c) => ({ text: `username,naam,rol,groep\n${c.mark},Naam ${c.mark},student,\n` }), expect: { status: 200, showsMark: true }, stores: true },
			{
				actor: 'admin',
				target: 'otherSchool',
				variant: "a school B student's username",
				body: (c) => ({ text: `username,naam,rol,groep\n${c.w.b.people.student.username},Naam ${c.mark},student,\n` }),
				expect: { status: 400 }
			}
		]
	},
	{
		op: 'POST /admin/users?/create',
		cells: [
			{
				actor: 'admin',
				body: (c) => ({ username: c.mark, displayName: `Naam ${c.mark}`, role: 'student', password: 'een-lang-wachtwoord' }),
				expect: { status: 200, showsMark: true },
				stores: true
			}
		]
	},
	{
		op: 'POST /admin/users?/reset',
		note: "The spare account's password really changes (checked in the database afterwards); school B's accounts do not.",
		probe: (c) => ({ userId: c.w.a.people.classmate.id }),
		cells: [
			{ actor: 'admin', target: 'own', variant: 'spare student', body: (c) => ({ userId: c.w.a.people.spare.id }), expect: { status: 200 } },
			{ actor: 'admin', target: 'otherSchool', variant: 'school B student', body: (c) => ({ userId: c.w.b.people.student.id }), expect: notFound }
		]
	},

	// JSON endpoints.
	everyone('FALLBACK /api/[...rest]', notFound, { path: () => '/api/no-such-thing' }),
	everyone('GET /api/health', { status: 200 }),
	everyone('POST /api/auth/login', { status: 401 }, { body: (c) => ({ username: `nobody-${c.mark}`, password: 'wrong-password-1' }) }),
	everyone('POST /api/auth/logout', { status: 200 }, { signsOut: true }),
	{
		op: 'GET /api/me',
		cells: signedIn.map((actor) => ({ actor, expect: { status: 200, shows: [`name:a.${actor}`] } }))
	},
	{
		op: 'GET /api/portfolio/export',
		cells: [
			{ actor: 'student', expect: { status: 200, shows: ['data:a.student', 'private:a.student', 'note:a.student'] } },
			{ actor: 'coach', expect: { status: 403 } },
			{ actor: 'admin', expect: { status: 403 } }
		]
	},
	{
		op: 'POST /api/sync',
		note: 'Reads answer only what the actor may see; writes to records the actor may not touch are refused and change nothing.',
		cells: [
			// Student: own records, another student's record, another school.
			{ actor: 'student', variant: 'read', body: () => syncOps([]), expect: syncRead(['data:a.student', 'private:a.student', 'note:a.student', 'board:a.group', 'qualification:a.school']) },
			syncWrite('student', 'new own goal', 'own', (c) => put('goal', { title: `Doel ${c.mark}` }), 'applied'),
			syncWrite('student', "edit a classmate's goal", 'otherGroup', (c) => put('goal', { title: `Doel ${c.mark}` }, c.w.a.goals.classmate!), 'rejected', 'sync_forbidden'),
			syncWrite('student', "delete a classmate's goal", 'otherGroup', (c) => del('goal', c.w.a.goals.classmate!), 'rejected'),
			syncWrite('student', "reply on a classmate's goal", 'otherGroup', (c) => put('feedback', { targetEntity: 'goal', targetId: c.w.a.goals.classmate!, kind: 'reply', body: c.mark }), 'rejected'),
			syncWrite('student', 'approve own pick', 'own', (c) => put('choice', { status: 'approved' }, c.w.a.choices.student!), 'rejected'),
			syncWrite('student', "edit a school B student's goal", 'otherSchool', (c) => put('goal', { title: `Doel ${c.mark}` }, c.w.b.goals.student!), 'rejected', 'sync_not_found'),
			syncWrite('student', 'write a board', 'own', (c) => put('board', { title: c.mark, groupIds: [c.w.a.group.id] }), 'rejected', 'sync_forbidden'),
			// Coach: own group, other group, other school.
			{ actor: 'coach', variant: 'read', body: () => syncOps([]), expect: syncRead(['data:a.student', 'data:a.classmate', 'board:a.group', 'qualification:a.school']) },
			syncWrite('coach', 'feedback on own student', 'own', (c) => put('feedback', { targetEntity: 'goal', targetId: c.w.a.goals.student!, kind: 'feedback', body: c.mark }), 'applied'),
			syncWrite('coach', 'feedback on a student of group 2', 'otherGroup', (c) => put('feedback', { targetEntity: 'goal', targetId: c.w.a.goals.otherStudent!, kind: 'feedback', body: c.mark }), 'rejected', 'sync_forbidden'),
			syncWrite('coach', 'approve a pick that does not exist', 'otherGroup', () => put('choice', { status: 'approved' }, randomPlaceholder()), 'rejected'),
			syncWrite('coach', 'approve a pick in group 2', 'otherGroup', (c) => put('choice', { status: 'approved' }, c.w.a.choices.otherStudent!), 'rejected', 'sync_forbidden'),
			syncWrite('coach', 'check-in about a student of group 2', 'otherGroup', (c) => put('checkIn', { studentId: c.w.a.people.otherStudent.id, date: '2026-11-23', notes: c.mark }), 'rejected', 'sync_forbidden'),
			syncWrite('coach', "edit own student's goal text", 'own', (c) => put('goal', { title: `Doel ${c.mark}` }, c.w.a.goals.classmate!), 'rejected', 'sync_forbidden'),
			syncWrite('coach', 'board for group 2', 'otherGroup', (c) => put('board', { title: c.mark, groupIds: [c.w.a.otherGroup.id] }), 'rejected', 'sync_forbidden'),
			syncWrite('coach', 'feedback on a school B student', 'otherSchool', (c) => put('feedback', { targetEntity: 'goal', targetId: c.w.b.goals.student!, kind: 'feedback', body: c.mark }), 'rejected'),
			syncWrite('coach', 'check-in about a school B student', 'otherSchool', (c) => put('checkIn', { studentId: c.w.b.people.student.id, date: '2026-11-23', notes: c.mark }), 'rejected', 'sync_forbidden'),
			syncWrite('coach', "edit a school B board", 'otherSchool', (c) => put('board', { title: c.mark }, c.w.b.boards.group.boardId), 'rejected', 'sync_not_found'),
			// Admin: reference data of the own school only; no learning records.
			{ actor: 'admin', variant: 'read', body: () => syncOps([]), expect: syncRead(['qualification:a.school']) },
			syncWrite('admin', "edit a student's goal", 'own', (c) => put('goal', { title: `Doel ${c.mark}` }, c.w.a.goals.student!), 'rejected', 'sync_forbidden'),
			syncWrite('admin', 'feedback on a student', 'own', (c) => put('feedback', { targetEntity: 'goal', targetId: c.w.a.goals.student!, kind: 'feedback', body: c.mark }), 'rejected', 'sync_forbidden'),
			syncWrite('admin', "edit a school B student's goal", 'otherSchool', (c) => put('goal', { title: `Doel ${c.mark}` }, c.w.b.goals.student!), 'rejected', 'sync_not_found')
		]
	}
];

// Operations added while this matrix was written (privacy: account page, admin account actions,
// retention, the private-note access log; coach: group list).
matrix.push(
	page('/coach/groups', 'coach', ['group:a.group']),
	{
		op: 'POST /coach/students/[studentId=id]?/revealNote',
		note: "The private note reaches a coach only through this deliberate (logged) look, and only for their own students.",
		probe: (c) => ({ intakeId: c.w.a.intakes.student! }),
		cells: [
			{ actor: 'coach', target: 'own', body: (c) => ({ intakeId: c.w.a.intakes.student! }), alsoMayRead: ['note:a.student'], expect: { status: 200, shows: ['note:a.student'] } },
			{ actor: 'coach', target: 'own', variant: "another group's intake on own student's page", body: (c) => ({ intakeId: c.w.a.intakes.otherStudent! }), expect: notFound },
			{ actor: 'coach', target: 'otherGroup', body: (c) => ({ intakeId: c.w.a.intakes.otherStudent! }), expect: notFound },
			{ actor: 'coach', target: 'otherSchool', body: (c) => ({ intakeId: c.w.b.intakes.student! }), expect: notFound }
		]
	},
	{
		op: 'GET /account',
		cells: signedIn.map((actor) => ({ actor, expect: { status: 200, shows: [`name:a.${actor}`] } }))
	},
	{
		op: 'POST /account?/password',
		note: 'A wrong current password changes nothing (the fingerprint afterwards includes every password hash).',
		cells: signedIn.map((actor) => ({
			actor,
			body: (c: BodyContext) => ({ current: `wrong-${c.mark}`, next: 'een-nieuw-wachtwoord-1', repeat: 'een-nieuw-wachtwoord-1' }),
			expect: { status: 400 }
		}))
	},
	{
		op: 'POST /account?/everywhere',
		cells: signedIn.map((actor) => ({ actor, signsOut: true, expect: { status: 303, location: '/login' } }))
	},
	page('/admin/privacy', 'admin'),
	{
		op: 'POST /admin/privacy?/retention',
		cells: [{ actor: 'admin', body: () => ({ retentionDays: '3650' }), expect: { status: 200 } }]
	},
	page('/admin/users/[userId=id]', 'admin', ['name:a.student'], { otherGroup: { status: 200, shows: ['name:a.otherStudent'] } }),
	{
		op: 'GET /admin/users/[userId=id]/export',
		note: "An admin may download a student's data of their own school (logged for the student); nobody else, no coach accounts.",
		cells: [
			{ actor: 'admin', target: 'own', alsoMayRead: ['data:a.student', 'private:a.student', 'note:a.student'], expect: { status: 200, shows: ['data:a.student'] } },
			{ actor: 'admin', target: 'own', variant: 'a coach account', params: (c) => ({ userId: c.w.a.people.coach.id }), expect: notFound },
			{ actor: 'admin', target: 'otherSchool', expect: notFound }
		]
	},
	{
		op: 'POST /admin/users/[userId=id]?/archive',
		cells: [
			{ actor: 'admin', target: 'own', variant: 'the leaver', params: (c) => ({ userId: c.w.a.people.leaver.id }), expect: { status: 200 } },
			{ actor: 'admin', target: 'own', variant: 'a coach account', params: (c) => ({ userId: c.w.a.people.coach.id }), expect: notFound },
			{ actor: 'admin', target: 'otherSchool', expect: notFound }
		]
	},
	{
		op: 'POST /admin/users/[userId=id]?/rename',
		note: 'Renamed to the name it has (markers stay); a school B account stays out of reach.',
		probe: (c) => ({ displayName: `Test ${c.w.a.people.spare.username}` }),
		cells: [
			{ actor: 'admin', target: 'own', variant: 'the spare student', params: (c) => ({ userId: c.w.a.people.spare.id }), body: (c) => ({ displayName: `Test ${c.w.a.people.spare.username}` }), expect: { status: 200 } },
			{ actor: 'admin', target: 'otherSchool', body: (c) => ({ displayName: `Test ${c.w.b.people.student.username}` }), expect: notFound }
		]
	},
	{
		op: 'POST /admin/users/[userId=id]?/restore',
		cells: [
			{ actor: 'admin', target: 'own', variant: 'the leaver', params: (c) => ({ userId: c.w.a.people.leaver.id }), expect: { status: 200 } },
			{ actor: 'admin', target: 'otherSchool', expect: notFound }
		]
	},
	{
		op: 'POST /admin/users/[userId=id]?/erase',
		note: 'Erases the leaver for real (checked in the database afterwards); a school B student stays.',
		probe: (c) => ({ confirm: c.w.a.people.student.username }),
		cells: [
			{ actor: 'admin', target: 'own', variant: 'wrong confirmation', body: () => ({ confirm: 'iemand-anders' }), expect: { status: 400 } },
			{ actor: 'admin', target: 'otherSchool', body: (c) => ({ confirm: c.w.b.people.student.username }), expect: notFound },
			{
				actor: 'admin',
				target: 'own',
				variant: 'the leaver',
				params: (c) => ({ userId: c.w.a.people.leaver.id }),
				body: (c) => ({ confirm: c.w.a.people.leaver.username }),
				expect: { status: 303, location: '/admin/users' }
			}
		]
	},
	{
		op: 'GET /api/me/access-log',
		cells: [
			// The student sees the names of the coach who read their note and the admin who downloaded their data.
			{ actor: 'student', alsoMayRead: ['name:a.coach', 'name:a.admin'], expect: { status: 200 } },
			{ actor: 'coach', expect: { status: 403 } },
			{ actor: 'admin', expect: { status: 403 } }
		]
	}
);

// School interop (sign-in with the school, LTI launches, OneRoster import): one file per part.
matrix.push(...oidcEntries(), ...ltiEntries(), ...onerosterEntries());

/** An id that exists nowhere: refusing it must not depend on which group it is in. */
function randomPlaceholder(): string {
	return randomUUID();
}
