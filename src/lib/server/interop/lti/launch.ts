import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Role } from '$lib/domain/constants';
import type { Db } from '../../db';
import { authFlows, externalIdentities, groups, ltiContexts, ltiPlatforms, memberships, users } from '../../db/schema';
import { hashPassword } from '../../auth/password';
import { hashToken } from '../../auth/session';
import { log } from '../../log';
import { claimText, displayNameFrom, freeUsername } from '../oidc/flow';

/** The claim names of LTI 1.3, Deep Linking 2.0 and Names and Roles 2.0. */
export const claim = {
	messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
	version: 'https://purl.imsglobal.org/spec/lti/claim/version',
	deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
	targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
	roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
	context: 'https://purl.imsglobal.org/spec/lti/claim/context',
	resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
	custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
	lis: 'https://purl.imsglobal.org/spec/lti/claim/lis',
	nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
	deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
	contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
	deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data'
} as const;

export const launchPath = '/lti/launch';
export const loginPath = '/lti/login';
export const jwksPath = '/lti/jwks';
/** From the platform's login request to its launch: the person signs in at the LMS in between. */
export const ltiFlowLifetimeMs = 10 * 60_000;

/** Why a launch did not sign anyone in; each has a message `lti_problem_<code>`. */
export type LtiFailure =
	| 'unknown_platform'
	| 'refused'
	| 'target'
	| 'state'
	| 'token'
	| 'expired'
	| 'unreachable'
	| 'deployment'
	| 'message'
	| 'role_unknown'
	| 'inactive'
	| 'no_context';

type Platform = typeof ltiPlatforms.$inferSelect;
export type LaunchedUser = { id: string; schoolId: string; role: Role };

export interface LoginRequest {
	iss: string;
	login_hint: string;
	target_link_uri: string;
	lti_message_hint?: string;
	client_id?: string;
	lti_deployment_id?: string;
}

/** The state cookie's name is derived from the state, so two launches in two tabs do not overwrite each other. */
export const stateCookieName = (state: string) => `koers_lti_${hashToken(state).slice(0, 16)}`;

/** The target a platform asks for must be Koers itself (the LTI spec's check against open redirects). */
function ownTarget(target: string, origin: string): boolean {
	try {
		return new URL(target).origin === origin;
	} catch {
		return false;
	}
}

/**
 * Third-party initiated login: the platform names itself and the person; Koers keeps a state and a
 * nonce (in the database, so any process may receive the launch) and sends the browser to the
 * platform's authorization endpoint, which answers with the id_token at /lti/launch.
 */
export async function startLogin(
	db: Db,
	request: Partial<LoginRequest>,
	origin: string,
	now = new Date()
): Promise<{ ok: true; url: URL; state: string } | { ok: false; code: LtiFailure }> {
	if (!request.iss || !request.login_hint || !request.target_link_uri) return { ok: false, code: 'unknown_platform' };
	const found = await db
		.select()
		.from(ltiPlatforms)
		.where(request.client_id ? and(eq(ltiPlatforms.issuer, request.iss), eq(ltiPlatforms.clientId, request.client_id)) : eq(ltiPlatforms.issuer, request.iss));
	// Without a client_id the issuer must name one registration.
	if (found.length !== 1) return { ok: false, code: 'unknown_platform' };
	const p = found[0]!;
	if (!ownTarget(request.target_link_uri, origin)) return { ok: false, code: 'target' };
	if (request.lti_deployment_id && !p.deploymentIds.includes(request.lti_deployment_id)) return { ok: false, code: 'deployment' };
	const state = randomBytes(24).toString('base64url');
	const nonce = randomBytes(24).toString('base64url');
	await db.delete(authFlows).where(lt(authFlows.expiresAt, now));
	await db.insert(authFlows).values({
		stateHash: hashToken(state),
		schoolId: p.schoolId,
		kind: 'lti',
		sourceId: p.id,
		nonce,
		returnTo: request.target_link_uri,
		expiresAt: new Date(now.getTime() + ltiFlowLifetimeMs)
	});
	const url = new URL(p.authEndpoint);
	const params: Record<string, string> = {
		scope: 'openid',
		response_type: 'id_token',
		response_mode: 'form_post',
		prompt: 'none',
		client_id: p.clientId,
		redirect_uri: origin + launchPath,
		login_hint: request.login_hint,
		state,
		nonce
	};
	if (request.lti_message_hint) params.lti_message_hint = request.lti_message_hint;
	for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
	return { ok: true, url, state };
}

/** The platform's keys, read once and kept by jose (it refetches on an unknown kid, at most every 30 s). */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySetOf(url: string) {
	let set = keySets.get(url);
	if (!set) {
		set = createRemoteJWKSet(new URL(url), { timeoutDuration: 10_000, cooldownDuration: 30_000 });
		keySets.set(url, set);
	}
	return set;
}

function failureOf(e: unknown): LtiFailure {
	if (e instanceof errors.JWTExpired) return 'expired';
	if (e instanceof errors.JWKSTimeout) return 'unreachable';
	if (e instanceof errors.JOSEError) return 'token';
	// A fetch that failed (the platform's JWKS is down).
	return 'unreachable';
}

const rolesOf = (payload: JWTPayload): string[] => {
	const raw = payload[claim.roles];
	return Array.isArray(raw) ? raw.filter((r): r is string => typeof r === 'string') : [];
};

/** The last part of a role URI: `…/membership#Learner` → Learner, `…/membership/Instructor#TeachingAssistant` → TeachingAssistant. */
const roleName = (uri: string) => uri.split(/[#/]/).pop() ?? '';
const studentRoles = new Set(['Learner', 'Student']);
const coachRoles = new Set(['Instructor', 'TeachingAssistant', 'ContentDeveloper', 'Mentor', 'Faculty']);

/** Learner → student; Instructor, teaching assistant, content developer, mentor → coach. Both: student (the smaller permission). */
export function ltiRole(roles: string[]): 'student' | 'coach' | null {
	const names = roles.map(roleName);
	if (names.some((n) => studentRoles.has(n))) return 'student';
	if (names.some((n) => coachRoles.has(n))) return 'coach';
	return null;
}

const objectOf = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export interface DeepLinkRequest {
	platformId: string;
	deploymentId: string;
	returnUrl: string;
	data: string | null;
	groupId: string | null;
	courseTitle: string;
}

export type LaunchResult =
	| { kind: 'signedIn'; user: LaunchedUser; to: string; created: boolean }
	| { kind: 'deepLink'; user: LaunchedUser; token: string }
	| { kind: 'failed'; code: LtiFailure };

/**
 * The launch: the state must be the one this browser got at the login (its cookie) and still open
 * (then it is gone: a replayed launch finds nothing); the id_token must be signed by the platform's
 * key, issued by it, for Koers's client id, not expired, with the nonce of this flow, from a
 * registered deployment, of a message type Koers handles. Then the person and the course are
 * found or made, and the person is signed in.
 */
export async function finishLaunch(
	db: Db,
	form: { id_token?: string | null; state?: string | null },
	browserState: string | undefined,
	now = new Date()
): Promise<LaunchResult> {
	const { id_token: idToken, state } = form;
	if (!state || !idToken || !browserState || browserState !== state) return { kind: 'failed', code: 'state' };
	const [flow] = await db
		.delete(authFlows)
		.where(and(eq(authFlows.stateHash, hashToken(state)), eq(authFlows.kind, 'lti'), gt(authFlows.expiresAt, now)))
		.returning();
	if (!flow) return { kind: 'failed', code: 'state' };
	const [p] = await db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, flow.sourceId));
	if (!p) return { kind: 'failed', code: 'unknown_platform' };

	let payload: JWTPayload;
	try {
		({ payload } = await jwtVerify(idToken, keySetOf(p.jwksUrl), {
			issuer: p.issuer,
			audience: p.clientId,
			algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'PS256'],
			requiredClaims: ['exp', 'iat', 'sub', 'nonce'],
			currentDate: now,
			clockTolerance: 60
		}));
	} catch (e) {
		const code = failureOf(e);
		// The error's class only: messages can quote claims.
		log.warn('lti launch refused', { platform: p.id, error: e instanceof Error ? e.name : 'unknown', code });
		return { kind: 'failed', code };
	}
	// With several audiences, the token must say it was meant for Koers (OIDC core 3.1.3.7).
	if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== p.clientId) return { kind: 'failed', code: 'token' };
	if (payload.nonce !== flow.nonce) return { kind: 'failed', code: 'token' };
	const deploymentId = claimText(payload[claim.deploymentId]);
	if (!deploymentId || !p.deploymentIds.includes(deploymentId)) return { kind: 'failed', code: 'deployment' };
	const messageType = payload[claim.messageType];
	if (payload[claim.version] !== '1.3.0' || (messageType !== 'LtiResourceLinkRequest' && messageType !== 'LtiDeepLinkingRequest')) {
		return { kind: 'failed', code: 'message' };
	}
	const role = ltiRole(rolesOf(payload));
	const subject = claimText(payload.sub)!;
	const lis = objectOf(payload[claim.lis]);
	const context = objectOf(payload[claim.context]);
	const contextId = claimText(context.id);
	const deepLinking = messageType === 'LtiDeepLinkingRequest';
	if (deepLinking && role !== 'coach') return { kind: 'failed', code: 'role_unknown' };

	const outcome = await db.transaction(async (tx): Promise<{ user: LaunchedUser; created: boolean; groupId: string | null; title: string } | LtiFailure> => {
		const person = await personOf(tx as unknown as Db, p, subject, claimText(lis.person_sourcedid), role, payload as Record<string, unknown>, now);
		if (typeof person === 'string') return person;
		let groupId: string | null = null;
		let title = '';
		if (contextId) {
			title = (claimText(context.title) ?? claimText(context.label) ?? '').slice(0, 80);
			const nrps = objectOf(payload[claim.nrps]);
			groupId = await groupOf(tx as unknown as Db, p, contextId, title, claimText(lis.course_section_sourcedid), claimText(nrps.context_memberships_url));
			if (groupId && person.user.role !== 'admin') {
				await tx
					.insert(memberships)
					.values({ schoolId: p.schoolId, groupId, userId: person.user.id, role: person.user.role })
					.onConflictDoNothing();
			}
		}
		return { ...person, groupId, title };
	});
	if (typeof outcome === 'string') return { kind: 'failed', code: outcome };
	const { user } = outcome;

	if (deepLinking) {
		if (user.role !== 'coach') return { kind: 'failed', code: 'role_unknown' };
		const settings = objectOf(payload[claim.deepLinkingSettings]);
		const returnUrl = claimText(settings.deep_link_return_url);
		if (!returnUrl || !/^https?:\/\//.test(returnUrl)) return { kind: 'failed', code: 'message' };
		const token = randomBytes(24).toString('base64url');
		const request: DeepLinkRequest = {
			platformId: p.id,
			deploymentId,
			returnUrl,
			data: claimText(settings.data),
			groupId: outcome.groupId,
			courseTitle: outcome.title
		};
		await db.insert(authFlows).values({
			stateHash: hashToken(token),
			schoolId: p.schoolId,
			kind: 'lti',
			sourceId: p.id,
			nonce: '-',
			returnTo: null,
			extra: { deepLink: request, userId: user.id },
			expiresAt: new Date(now.getTime() + 60 * 60_000)
		});
		return { kind: 'deepLink', user, token };
	}
	const board = claimText(objectOf(payload[claim.custom]).board);
	const boardId = board && /^[0-9a-f-]{36}$/i.test(board) ? board : null;
	const to =
		user.role === 'student'
			? boardId
				? `/student/boards?board=${boardId}`
				: '/student'
			: user.role === 'coach'
				? outcome.groupId
					? `/coach/groups/${outcome.groupId}`
					: '/coach'
				: '/admin';
	return { kind: 'signedIn', user, to, created: outcome.created };
}

/** The person: known by (platform, sub); else the school's account with the same OneRoster sourcedId (or the one a course roster import gave); else a new account when the role is clear. */
async function personOf(
	db: Db,
	p: Platform,
	subject: string,
	sourcedId: string | null,
	role: 'student' | 'coach' | null,
	claims: Record<string, unknown>,
	now: Date
): Promise<{ user: LaunchedUser; created: boolean } | LtiFailure> {
	const columns = { id: users.id, schoolId: users.schoolId, role: users.role, active: users.active, archivedAt: users.archivedAt };
	const [known] = await db
		.select(columns)
		.from(externalIdentities)
		.innerJoin(users, eq(users.id, externalIdentities.userId))
		.where(and(eq(externalIdentities.sourceId, p.id), eq(externalIdentities.subject, subject), eq(users.schoolId, p.schoolId)));
	if (known) {
		if (!known.active || known.archivedAt) return 'inactive';
		await db
			.update(externalIdentities)
			.set({ lastSeenAt: now })
			.where(and(eq(externalIdentities.sourceId, p.id), eq(externalIdentities.subject, subject)));
		return { user: { id: known.id, schoolId: known.schoolId, role: known.role }, created: false };
	}
	// A course roster imported through Names and Roles named people without a sourcedId `lti-<sub>`.
	for (const id of [sourcedId, `lti-${subject}`]) {
		if (!id) continue;
		const [match] = await db
			.select(columns)
			.from(users)
			.where(and(eq(users.schoolId, p.schoolId), eq(users.sourcedId, id)));
		if (match) {
			if (!match.active || match.archivedAt) return 'inactive';
			await db.insert(externalIdentities).values({ schoolId: p.schoolId, userId: match.id, kind: 'lti', sourceId: p.id, subject, lastSeenAt: now });
			return { user: { id: match.id, schoolId: match.schoolId, role: match.role }, created: false };
		}
	}
	if (!role) return 'role_unknown';
	const username = await freeUsername(db, claims);
	// Nobody knows this password: the account comes in through the LMS (or after an admin's reset).
	const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
	const [u] = await db
		.insert(users)
		.values({ schoolId: p.schoolId, username, displayName: displayNameFrom(claims, username), role, passwordHash, sourcedId })
		.returning({ id: users.id, schoolId: users.schoolId, role: users.role });
	await db.insert(externalIdentities).values({ schoolId: p.schoolId, userId: u!.id, kind: 'lti', sourceId: p.id, subject, lastSeenAt: now });
	return { user: u!, created: true };
}

/** The course's group: as mapped before; else the class with the course section's sourcedId; else the group of that name; else a new group. */
async function groupOf(db: Db, p: Platform, contextId: string, title: string, sectionId: string | null, membershipsUrl: string | null): Promise<string | null> {
	const [mapped] = await db
		.select({ groupId: ltiContexts.groupId })
		.from(ltiContexts)
		.where(and(eq(ltiContexts.platformId, p.id), eq(ltiContexts.contextId, contextId)));
	if (mapped?.groupId) {
		await db
			.update(ltiContexts)
			.set({ title: title || sql`${ltiContexts.title}`, ...(membershipsUrl ? { membershipsUrl } : {}) })
			.where(and(eq(ltiContexts.platformId, p.id), eq(ltiContexts.contextId, contextId)));
		return mapped.groupId;
	}
	let groupId: string | null = null;
	if (sectionId) {
		const [g] = await db.select({ id: groups.id }).from(groups).where(and(eq(groups.schoolId, p.schoolId), eq(groups.sourcedId, sectionId)));
		groupId = g?.id ?? null;
	}
	const name = title || `Cursus ${contextId}`.slice(0, 80);
	if (!groupId) {
		const [g] = await db
			.select({ id: groups.id })
			.from(groups)
			.where(and(eq(groups.schoolId, p.schoolId), sql`lower(${groups.name}) = lower(${name})`));
		groupId = g?.id ?? null;
	}
	if (!groupId) {
		const [g] = await db.insert(groups).values({ schoolId: p.schoolId, name }).returning({ id: groups.id });
		groupId = g!.id;
	}
	await db
		.insert(ltiContexts)
		.values({ schoolId: p.schoolId, platformId: p.id, contextId, title: name, groupId, membershipsUrl })
		.onConflictDoUpdate({ target: [ltiContexts.platformId, ltiContexts.contextId], set: { groupId, title: name, ...(membershipsUrl ? { membershipsUrl } : {}) } });
	return groupId;
}
