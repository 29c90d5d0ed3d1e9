import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { lti, startTestPlatform, type LaunchPlan, type PlatformPerson, type TestPlatform } from '$test/lti-platform';
import { put } from '$test/ops';
import { applyOneRoster, previewOneRoster } from '../../admin/oneroster.service';
import { authFlows, externalIdentities, groups, ltiContexts, memberships, users } from '../../db/schema';
import { ApiError } from '../../http/api';
import type { Actor } from '../../policy';
import { sync } from '../../sync/sync';
import { answerDeepLink, deepLinkChoice } from './deep-link';
import { publicKeySet } from './keys';
import { finishLaunch, ltiRole, startLogin, type LaunchResult } from './launch';
import { fetchMembers, membersAsOneRoster } from './nrps';
import { createPlatform, listPlatforms, platformInputSchema } from './platforms.service';

const origin = 'http://koers.test';
let t: TestDatabase;
let w: TwoSchools;
let lms: TestPlatform;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

beforeAll(async () => {
	lms = await startTestPlatform({ toolOrigin: origin });
	lms.toolKeySet = () => publicKeySet(t.db);
});
afterAll(async () => lms?.stop());

const people = {
	samira: { sub: 'lms-samira', name: 'Samira El Amrani', given_name: 'Samira', family_name: 'El Amrani', email: 'samira@school.test', roles: [lti.learner] },
	daan: { sub: 'lms-daan', name: 'Daan de Vries', email: 'daan@school.test', roles: [lti.instructor] },
	guest: { sub: 'lms-guest', name: 'Gast', roles: [lti.guest] }
} satisfies Record<string, PlatformPerson>;
const course = { id: 'course-42', title: 'Zorg en welzijn 2B' };

async function register(schoolAdmin: Actor = w.a.admin, deploymentIds = lms.deploymentId) {
	return createPlatform(
		t.db,
		schoolAdmin,
		platformInputSchema.parse({
			name: 'itslearning',
			issuer: lms.issuer,
			clientId: lms.clientId,
			authEndpoint: lms.authEndpoint,
			tokenEndpoint: lms.tokenEndpoint,
			jwksUrl: lms.jwksUrl,
			deploymentIds
		})
	);
}

/** The platform's login request, then Koers's redirect to the platform's auth endpoint. */
async function login(plan: LaunchPlan) {
	const hint = lms.plan(plan);
	const started = await startLogin(
		t.db,
		{ iss: lms.issuer, login_hint: plan.person.sub, target_link_uri: `${origin}/lti/launch`, lti_message_hint: hint, client_id: lms.clientId },
		origin
	);
	if (!started.ok) throw new Error(`login refused: ${started.code}`);
	return { ...started, nonce: started.url.searchParams.get('nonce')! };
}

/** A whole launch; `change` alters the claims the platform signs, `sign` how it signs. */
async function launch(
	plan: LaunchPlan,
	change: (claims: Record<string, unknown>) => void = () => {},
	sign: Parameters<TestPlatform['sign']>[1] = {}
): Promise<LaunchResult & { state: string; idToken: string }> {
	const { state, nonce } = await login(plan);
	const claims = lms.claims(plan, nonce, origin) as Record<string, unknown>;
	change(claims);
	const idToken = await lms.sign(claims, sign);
	return { ...(await finishLaunch(t.db, { id_token: idToken, state }, state)), state, idToken };
}

const userCount = async () => (await t.db.select({ id: users.id }).from(users)).length;

describe('LTI 1.3 login and launch', () => {
	it('sends the browser to the platform with state, nonce, the registered client and Koers as redirect', async () => {
		await register();
		const { url, state } = await login({ person: people.samira, course, kind: 'resource' });
		expect(url.origin + url.pathname).toBe(lms.authEndpoint);
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			scope: 'openid',
			response_type: 'id_token',
			response_mode: 'form_post',
			prompt: 'none',
			client_id: lms.clientId,
			redirect_uri: `${origin}/lti/launch`,
			login_hint: people.samira.sub,
			state
		});
		expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{32}$/);
	});

	it('refuses a login from an unknown platform, for another site, or from a deployment not registered', async () => {
		await register();
		const base = { iss: lms.issuer, login_hint: 'x', target_link_uri: `${origin}/lti/launch`, client_id: lms.clientId };
		expect(await startLogin(t.db, { ...base, iss: 'https://other-lms.example' }, origin)).toEqual({ ok: false, code: 'unknown_platform' });
		expect(await startLogin(t.db, { ...base, client_id: 'someone-else' }, origin)).toEqual({ ok: false, code: 'unknown_platform' });
		expect(await startLogin(t.db, { ...base, target_link_uri: 'https://evil.example/lti/launch' }, origin)).toEqual({ ok: false, code: 'target' });
		expect(await startLogin(t.db, { ...base, lti_deployment_id: 'deployment-9' }, origin)).toEqual({ ok: false, code: 'deployment' });
		expect(await t.db.select().from(authFlows)).toHaveLength(0);
	});

	it('signs a new learner in as a student of a group made for the course, and knows her the next time', async () => {
		await register();
		const before = await userCount();
		const first = await launch({ person: people.samira, course, kind: 'resource', custom: { board: '0b7e4c1e-2f0a-4d1b-9c51-6f1d0f8e0a11' } });
		expect(first).toMatchObject({ kind: 'signedIn', created: true, to: '/student/boards?board=0b7e4c1e-2f0a-4d1b-9c51-6f1d0f8e0a11' });
		if (first.kind !== 'signedIn') throw new Error();
		const [u] = await t.db.select().from(users).where(eq(users.id, first.user.id));
		expect(u).toMatchObject({ role: 'student', displayName: 'Samira El Amrani', schoolId: w.a.school.id });
		const [g] = await t.db.select().from(groups).where(and(eq(groups.schoolId, w.a.school.id), eq(groups.name, course.title)));
		expect(g).toBeDefined();
		expect(await t.db.select().from(memberships).where(eq(memberships.userId, u!.id))).toEqual([expect.objectContaining({ groupId: g!.id, role: 'student' })]);

		const again = await launch({ person: people.samira, course, kind: 'resource' });
		expect(again).toMatchObject({ kind: 'signedIn', created: false, to: '/student', user: { id: u!.id } });
		expect(await userCount()).toBe(before + 1);
		expect(await t.db.select().from(groups).where(eq(groups.name, course.title))).toHaveLength(1);
	});

	it("links a launch to the school's account with the same OneRoster sourcedId, in the class with the course section's sourcedId", async () => {
		const platform = await register();
		await t.db.update(users).set({ sourcedId: 'sis-student-1' }).where(eq(users.id, w.a.student.id));
		await t.db.update(groups).set({ sourcedId: 'sis-class-1' }).where(eq(groups.id, w.a.otherGroup.id));
		// School B has a student with the same sourcedId: never linked from school A's platform.
		await t.db.update(users).set({ sourcedId: 'sis-student-1' }).where(eq(users.id, w.b.student.id));
		const before = await userCount();
		const result = await launch({ person: { ...people.samira, sourcedId: 'sis-student-1' }, course: { ...course, sectionSourcedId: 'sis-class-1' }, kind: 'resource' });
		expect(result).toMatchObject({ kind: 'signedIn', created: false, user: { id: w.a.student.id } });
		expect(await userCount()).toBe(before);
		expect(await t.db.select().from(memberships).where(and(eq(memberships.userId, w.a.student.id), eq(memberships.groupId, w.a.otherGroup.id)))).toHaveLength(1);
		expect(await t.db.select().from(externalIdentities).where(eq(externalIdentities.sourceId, platform.id))).toEqual([
			expect.objectContaining({ userId: w.a.student.id, subject: people.samira.sub, kind: 'lti' })
		]);
		const [ctx] = await t.db.select().from(ltiContexts).where(eq(ltiContexts.platformId, platform.id));
		expect(ctx).toMatchObject({ contextId: course.id, groupId: w.a.otherGroup.id, membershipsUrl: lms.membershipsUrl(course.id) });
	});

	it("signs an instructor in as a coach and sends them to the course's group", async () => {
		await register();
		const result = await launch({ person: people.daan, course, kind: 'resource' });
		expect(result).toMatchObject({ kind: 'signedIn', created: true, user: { role: 'coach' } });
		const [g] = await t.db.select().from(groups).where(eq(groups.name, course.title));
		if (result.kind === 'signedIn') expect(result.to).toBe(`/coach/groups/${g!.id}`);
	});

	it('creates nobody for a role that has no place in Koers (a guest)', async () => {
		await register();
		const before = await userCount();
		expect(await launch({ person: people.guest, course, kind: 'resource' })).toMatchObject({ kind: 'failed', code: 'role_unknown' });
		expect(await userCount()).toBe(before);
		expect(await t.db.select().from(groups).where(eq(groups.name, course.title))).toHaveLength(0);
	});

	it('refuses a tampered signature, an expired token, another audience, another nonce, an unknown deployment, an unknown message and a forged issuer', async () => {
		await register();
		const before = await userCount();
		const plan: LaunchPlan = { person: people.samira, course, kind: 'resource' };
		expect(await launch(plan, () => {}, { otherKey: true })).toMatchObject({ kind: 'failed', code: 'token' });
		const hourAgo = Math.floor(Date.now() / 1000) - 3600;
		expect(await launch(plan, () => {}, { issuedAt: hourAgo - 300, expiresIn: hourAgo })).toMatchObject({ kind: 'failed', code: 'expired' });
		expect(await launch(plan, (c) => (c.aud = 'another-tool'))).toMatchObject({ kind: 'failed', code: 'token' });
		expect(await launch(plan, (c) => (c.aud = [lms.clientId, 'another-tool']))).toMatchObject({ kind: 'failed', code: 'token' });
		expect(await launch(plan, (c) => (c.nonce = 'a-nonce-of-another-launch'))).toMatchObject({ kind: 'failed', code: 'token' });
		expect(await launch(plan, (c) => (c[lti.deploymentId] = 'deployment-9'))).toMatchObject({ kind: 'failed', code: 'deployment' });
		expect(await launch(plan, (c) => (c[lti.messageType] = 'LtiSubmissionReviewRequest'))).toMatchObject({ kind: 'failed', code: 'message' });
		expect(await launch(plan, (c) => (c[lti.version] = '1.1'))).toMatchObject({ kind: 'failed', code: 'message' });
		expect(await launch(plan, (c) => (c.iss = 'https://other-lms.example'))).toMatchObject({ kind: 'failed', code: 'token' });
		expect(await userCount()).toBe(before);
	});

	it('accepts a launch once: the same post again, or with the state of another browser, is refused', async () => {
		await register();
		const first = await launch({ person: people.samira, course, kind: 'resource' });
		expect(first.kind).toBe('signedIn');
		expect(await finishLaunch(t.db, { id_token: first.idToken, state: first.state }, first.state)).toEqual({ kind: 'failed', code: 'state' });

		const other = await login({ person: people.samira, course, kind: 'resource' });
		const token = await lms.sign(lms.claims({ person: people.samira, course, kind: 'resource' }, other.nonce, origin));
		expect(await finishLaunch(t.db, { id_token: token, state: other.state }, 'state-of-another-browser')).toEqual({ kind: 'failed', code: 'state' });
		expect(await finishLaunch(t.db, { id_token: token, state: other.state }, undefined)).toEqual({ kind: 'failed', code: 'state' });
	});

	it("never signs a launch of school A's platform into school B", async () => {
		await register(w.a.admin);
		const result = await launch({ person: people.samira, course, kind: 'resource' });
		if (result.kind !== 'signedIn') throw new Error(result.kind);
		expect(result.user.schoolId).toBe(w.a.school.id);
		expect(await listPlatforms(t.db, w.b.admin)).toEqual([]);
		await expect(listPlatforms(t.db, w.a.coach)).rejects.toThrow(ApiError);
	});

	it('maps roles: learner wins over instructor; teaching assistant, content developer and mentor coach', () => {
		expect(ltiRole([lti.learner, lti.instructor])).toBe('student');
		expect(ltiRole(['http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'])).toBe('coach');
		expect(ltiRole(['http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper'])).toBe('coach');
		expect(ltiRole(['http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor'])).toBe('coach');
		expect(ltiRole(['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator'])).toBeNull();
		expect(ltiRole([])).toBeNull();
	});
});

describe('Deep Linking', () => {
	async function board(coach: Actor, title: string, groupId: string, draft = false) {
		const op = put('board', { title, groupIds: [groupId], ...(draft ? { draft } : {}) });
		const res = await sync(t.db, coach, { cursor: null, ops: [op] });
		expect(res.results[0]).toMatchObject({ status: 'applied' });
		return op.id;
	}

	it("lets an instructor choose one of the course group's boards and answers the platform with a signed resource link", async () => {
		await register();
		// The instructor is school A's coach, known to the platform by the sourcedId; the course is Groep 1.
		await t.db.update(users).set({ sourcedId: 'sis-coach' }).where(eq(users.id, w.a.coach.id));
		await t.db.update(groups).set({ sourcedId: 'sis-groep-1' }).where(eq(groups.id, w.a.group.id));
		const shared = await board(w.a.coach, 'Periode 2: zorgplan', w.a.group.id);
		await board(w.a.otherCoach, 'Bord van een andere groep', w.a.otherGroup.id);
		// A draft is not offered: the students of the course could not open it yet.
		const draft = await board(w.a.coach, 'Periode 3: nog een concept', w.a.group.id, true);
		const result = await launch({ person: { ...people.daan, sourcedId: 'sis-coach' }, course: { ...course, sectionSourcedId: 'sis-groep-1' }, kind: 'deepLink' });
		if (result.kind !== 'deepLink') throw new Error(JSON.stringify(result));
		expect(result.user.id).toBe(w.a.coach.id);

		const choice = await deepLinkChoice(t.db, w.a.coach, result.token);
		expect(choice).toMatchObject({ groupName: 'Groep 1', boards: [{ id: shared, title: 'Periode 2: zorgplan' }] });
		await expect(deepLinkChoice(t.db, w.a.otherCoach, result.token)).rejects.toThrow(ApiError);
		await expect(answerDeepLink(t.db, w.a.coach, result.token, draft, origin)).rejects.toMatchObject({ status: 400 });
		await expect(answerDeepLink(t.db, w.a.coach, result.token, '00000000-0000-4000-8000-000000000000', origin)).rejects.toMatchObject({ status: 400 });

		const answer = await answerDeepLink(t.db, w.a.coach, result.token, shared, origin);
		expect(answer.returnUrl).toBe(`${lms.issuer}/deep-link-return`);
		const { payload } = await jwtVerify(answer.jwt, createLocalJWKSet(await publicKeySet(t.db)), { issuer: lms.clientId, audience: lms.issuer });
		expect(payload).toMatchObject({
			[lti.messageType]: 'LtiDeepLinkingResponse',
			[lti.version]: '1.3.0',
			[lti.deploymentId]: lms.deploymentId,
			'https://purl.imsglobal.org/spec/lti-dl/claim/data': 'platform-opaque-data',
			[lti.contentItems]: [{ type: 'ltiResourceLink', title: 'Periode 2: zorgplan', url: `${origin}/lti/launch`, custom: { board: shared } }]
		});
		// Used once.
		await expect(answerDeepLink(t.db, w.a.coach, result.token, shared, origin)).rejects.toMatchObject({ status: 404 });

		// The link the platform now holds opens the board for a student of the course.
		const student = await launch({ person: people.samira, course: { ...course, sectionSourcedId: 'sis-groep-1' }, kind: 'resource', custom: { board: shared } });
		expect(student).toMatchObject({ kind: 'signedIn', to: `/student/boards?board=${shared}` });
	});

	it('refuses a Deep Linking request from a learner', async () => {
		await register();
		expect(await launch({ person: people.samira, course, kind: 'deepLink' })).toMatchObject({ kind: 'failed', code: 'role_unknown' });
	});
});

describe('Names and Roles', () => {
	const roster: PlatformPerson[] = [
		{ sub: 'm-1', name: 'Eline Jansen', given_name: 'Eline', family_name: 'Jansen', email: 'eline@school.test', roles: [lti.learner], sourcedId: 'sis-eline' },
		{ sub: 'm-2', name: 'Noah Öztürk', given_name: 'Noah', family_name: 'Öztürk', email: 'noah@school.test', roles: [lti.learner] },
		{ sub: 'm-3', name: 'Bram van IJzendoorn', given_name: 'Bram', family_name: 'van IJzendoorn', email: 'bram@school.test', roles: [lti.learner] },
		{ sub: 'm-4', name: 'Ilse Dijkstra', given_name: 'Ilse', family_name: 'Dijkstra', email: 'ilse@school.test', roles: [lti.instructor] },
		{ sub: 'm-5', name: 'Ouder', roles: [lti.guest] }
	];

	it('reads every page of the course roster with a token got by a signed client assertion, previews it as a OneRoster import, and imports it', async () => {
		const platform = await register();
		// A launch makes the course known, with its Names and Roles URL.
		await launch({ person: people.daan, course, kind: 'resource' });
		lms.members.set(course.id, roster);
		const before = lms.issuedTokens;
		const fetched = await fetchMembers(t.db, w.a.admin, platform.id, course.id);
		expect(fetched.members.map((m) => m.user_id)).toEqual(['m-1', 'm-2', 'm-3', 'm-4', 'm-5']);
		expect(lms.issuedTokens).toBe(before + 1);

		const files = membersAsOneRoster(fetched.members, { name: fetched.groupName, sourcedId: fetched.groupSourcedId }, course.id);
		const preview = await previewOneRoster(t.db, w.a.admin, files);
		expect(preview.problems).toEqual([]);
		// The guest is left out; the course's group already exists (made by the launch).
		expect(preview.newAccounts.map((a) => [a.displayName, a.role])).toEqual([
			['Eline Jansen', 'student'],
			['Noah Öztürk', 'student'],
			['Bram van IJzendoorn', 'student'],
			['Ilse Dijkstra', 'coach']
		]);
		expect(preview.newGroups).toEqual([]);
		const applied = await applyOneRoster(t.db, w.a.admin, files);
		expect(applied.created.map((c) => c.displayName).sort()).toEqual(['Bram van IJzendoorn', 'Eline Jansen', 'Ilse Dijkstra', 'Noah Öztürk']);
		const [g] = await t.db.select().from(groups).where(eq(groups.name, course.title));
		expect(await t.db.select().from(memberships).where(eq(memberships.groupId, g!.id))).toHaveLength(5);

		// Noah, imported without a sourcedId of the school, opens Koers from the course: his imported account, not a second one.
		const count = await userCount();
		const noah = await launch({ person: roster[1]!, course, kind: 'resource' });
		expect(noah).toMatchObject({ kind: 'signedIn', created: false });
		expect(await userCount()).toBe(count);
	});

	it('says so when the course shared no roster, or the platform refuses the token', async () => {
		const platform = await register();
		await launch({ person: people.daan, course, kind: 'resource' }, (c) => delete c[lti.nrps]);
		await expect(fetchMembers(t.db, w.a.admin, platform.id, course.id)).rejects.toMatchObject({ message: expect.stringContaining('Names and Roles') });
		await expect(fetchMembers(t.db, w.b.admin, platform.id, course.id)).rejects.toMatchObject({ status: 404 });

		await launch({ person: people.daan, course: { id: 'course-43', title: 'Andere cursus' }, kind: 'resource' });
		const saved = lms.clientId;
		await t.db.execute(`update lti_platforms set client_id = 'not-the-registered-client'`);
		await expect(fetchMembers(t.db, w.a.admin, platform.id, 'course-43')).rejects.toMatchObject({ status: 502 });
		expect(saved).toBe(lms.clientId);
	});
});

describe('Registering a platform', () => {
	it('refuses plain http off this machine, a missing deployment, and the same platform and client twice', async () => {
		const base = { name: 'Canvas', issuer: 'https://canvas.instructure.com', clientId: '1000', authEndpoint: 'https://sso.canvaslms.com/api/lti/authorize_redirect', tokenEndpoint: 'https://sso.canvaslms.com/login/oauth2/token', jwksUrl: 'https://sso.canvaslms.com/api/lti/security/jwks', deploymentIds: '1:abc' };
		expect(platformInputSchema.safeParse({ ...base, jwksUrl: 'http://lms.example/jwks' }).error?.issues[0]?.message).toBe('lti_url_invalid');
		expect(platformInputSchema.safeParse({ ...base, deploymentIds: ' , ' }).error?.issues[0]?.message).toBe('lti_deployment_required');
		expect(platformInputSchema.parse({ ...base, deploymentIds: '1:abc\n2:def, 1:abc' }).deploymentIds).toEqual(['1:abc', '2:def']);
		await createPlatform(t.db, w.a.admin, platformInputSchema.parse(base));
		await expect(createPlatform(t.db, w.b.admin, platformInputSchema.parse(base))).rejects.toMatchObject({ status: 409 });
		await expect(createPlatform(t.db, w.a.coach, platformInputSchema.parse({ ...base, clientId: '2000' }))).rejects.toMatchObject({ status: 403 });
	});
});
