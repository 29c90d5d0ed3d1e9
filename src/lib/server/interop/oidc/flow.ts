import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Role } from '$lib/domain/constants';
import { usernamePattern } from '$lib/domain/constants';
import type { Db } from '../../db';
import { authFlows, externalIdentities, identityProviders, users } from '../../db/schema';
import { hashPassword } from '../../auth/password';
import { hashToken } from '../../auth/session';
import { log } from '../../log';

/** How long a sign-in at the school may take, and how long a person has to type their link code afterwards. */
export const flowLifetimeMs = 10 * 60_000;
export const linkLifetimeMs = 15 * 60_000;

/** Why a school sign-in did not end signed in; each has a message `error_sso_<code>`. */
export type SsoFailure = 'unknown_provider' | 'unreachable' | 'state' | 'refused' | 'failed' | 'no_person' | 'inactive' | 'role_unknown';

type Provider = typeof identityProviders.$inferSelect;
export type SignedInUser = { id: string; schoolId: string; role: Role };

export type FinishResult =
	| { kind: 'signedIn'; user: SignedInUser; returnTo: string | null; created: boolean }
	| { kind: 'link'; token: string }
	| { kind: 'failed'; code: SsoFailure };

export const redirectPath = (slug: string) => `/auth/oidc/${slug}/callback`;

/** The provider's metadata is read once an hour per process (and again after a change of issuer, client or secret). */
const configs = new Map<string, { config: client.Configuration; at: number }>();

async function configFor(p: Provider): Promise<client.Configuration> {
	const key = `${p.id}|${p.issuer}|${p.clientId}|${hashToken(p.clientSecret)}`;
	const kept = configs.get(key);
	if (kept && Date.now() - kept.at < 3_600_000) return kept.config;
	const insecure = new URL(p.issuer).protocol === 'http:';
	const config = await client.discovery(new URL(p.issuer), p.clientId, p.clientSecret, undefined, {
		timeout: 10,
		...(insecure ? { execute: [client.allowInsecureRequests] } : {})
	});
	for (const k of configs.keys()) if (k.startsWith(`${p.id}|`)) configs.delete(k);
	configs.set(key, { config, at: Date.now() });
	return config;
}

async function enabledProvider(db: Db, slug: string): Promise<Provider | null> {
	const [p] = await db.select().from(identityProviders).where(and(eq(identityProviders.slug, slug), eq(identityProviders.enabled, true)));
	return p ?? null;
}

/**
 * Starts authorization code + PKCE: state, nonce and verifier are kept in the database (any process
 * may finish the flow); the state also goes to the browser as a cookie, so only the browser that
 * started a sign-in can finish it.
 */
export async function startSignIn(
	db: Db,
	slug: string,
	origin: string,
	returnTo: string | null,
	now = new Date()
): Promise<{ ok: true; url: URL; state: string } | { ok: false; code: SsoFailure }> {
	const p = await enabledProvider(db, slug);
	if (!p) return { ok: false, code: 'unknown_provider' };
	let config: client.Configuration;
	try {
		config = await configFor(p);
	} catch (e) {
		log.warn('identity provider unreachable', { provider: p.slug, error: e instanceof Error ? e.name : 'unknown' });
		return { ok: false, code: 'unreachable' };
	}
	const state = client.randomState();
	const nonce = client.randomNonce();
	const verifier = client.randomPKCECodeVerifier();
	// Flows nobody finished go here (an index on expires_at keeps it cheap).
	await db.delete(authFlows).where(lt(authFlows.expiresAt, now));
	await db.insert(authFlows).values({
		stateHash: hashToken(state),
		schoolId: p.schoolId,
		kind: 'oidc',
		sourceId: p.id,
		nonce,
		codeVerifier: verifier,
		returnTo,
		expiresAt: new Date(now.getTime() + flowLifetimeMs)
	});
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: origin + redirectPath(p.slug),
		scope: 'openid profile email',
		state,
		nonce,
		code_challenge: await client.calculatePKCECodeChallenge(verifier),
		code_challenge_method: 'S256'
	});
	return { ok: true, url, state };
}

export function claimText(value: unknown): string | null {
	if (Array.isArray(value)) value = value.find((v) => typeof v === 'string' && v.trim());
	return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function roleFrom(p: Provider, claims: Record<string, unknown>): 'student' | 'coach' | null {
	if (!p.roleClaim) return null;
	const raw = claims[p.roleClaim];
	const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase().split('@')[0]!);
	// A person who is both (a student assistant) is signed in as a student: the smaller permission.
	if (values.some((v) => p.roleValues.student.includes(v))) return 'student';
	if (values.some((v) => p.roleValues.coach.includes(v))) return 'coach';
	return null;
}

/** A username that is free in the installation, from the person's claims (OIDC and LTI share these names). */
export async function freeUsername(db: Db, claims: Record<string, unknown>): Promise<string> {
	const hint = claimText(claims.preferred_username) ?? claimText(claims.email)?.split('@')[0] ?? claimText(claims.name) ?? 'leerling';
	let base = hint
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9._-]+/g, '.')
		.replace(/^[._-]+|[._-]+$/g, '')
		.slice(0, 40);
	if (!usernamePattern.test(base)) base = `sso.${randomBytes(3).toString('hex')}`;
	for (let i = 1; ; i++) {
		const candidate = i === 1 ? base : `${base}${i}`;
		const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, candidate));
		if (!taken) return candidate;
	}
}

export function displayNameFrom(claims: Record<string, unknown>, fallback: string): string {
	const name = claimText(claims.name) ?? [claimText(claims.given_name), claimText(claims.family_name)].filter(Boolean).join(' ');
	return (name || fallback).slice(0, 120);
}

/**
 * Ends the flow at the callback: the state must match the browser's cookie and a flow still open
 * (which is then gone: a replayed callback finds nothing); openid-client checks the code exchange,
 * PKCE, the id_token's signature, issuer, audience, expiry and nonce. The person is then found by
 * the provider's person claim, created when the admin allowed it, or asked for a link code.
 */
export async function finishSignIn(db: Db, slug: string, currentUrl: URL, browserState: string | undefined, now = new Date()): Promise<FinishResult> {
	const state = currentUrl.searchParams.get('state');
	if (!state || !browserState || state !== browserState) return { kind: 'failed', code: 'state' };
	const [flow] = await db
		.delete(authFlows)
		.where(and(eq(authFlows.stateHash, hashToken(state)), eq(authFlows.kind, 'oidc'), gt(authFlows.expiresAt, now)))
		.returning();
	if (!flow) return { kind: 'failed', code: 'state' };
	const p = await enabledProvider(db, slug);
	if (!p || p.id !== flow.sourceId) return { kind: 'failed', code: 'unknown_provider' };
	if (currentUrl.searchParams.has('error')) return { kind: 'failed', code: 'refused' };

	let claims: Record<string, unknown>;
	try {
		const config = await configFor(p);
		const tokens = await client.authorizationCodeGrant(config, currentUrl, {
			pkceCodeVerifier: flow.codeVerifier ?? undefined,
			expectedState: state,
			expectedNonce: flow.nonce,
			idTokenExpected: true
		});
		claims = (tokens.claims() ?? {}) as Record<string, unknown>;
	} catch (e) {
		// The error's name and code only: messages can quote tokens or claims.
		const err = e as { name?: string; code?: string; error?: string };
		log.warn('school sign-in refused', { provider: p.slug, error: err.name ?? 'unknown', code: err.code ?? err.error ?? null });
		return { kind: 'failed', code: 'failed' };
	}
	const subject = claimText(claims[p.personClaim]);
	if (!subject) return { kind: 'failed', code: 'no_person' };

	const [known] = await db
		.select({ id: users.id, schoolId: users.schoolId, role: users.role, active: users.active, archivedAt: users.archivedAt })
		.from(externalIdentities)
		.innerJoin(users, eq(users.id, externalIdentities.userId))
		.where(and(eq(externalIdentities.sourceId, p.id), eq(externalIdentities.subject, subject), eq(users.schoolId, p.schoolId)));
	if (known) {
		if (!known.active || known.archivedAt) return { kind: 'failed', code: 'inactive' };
		await db
			.update(externalIdentities)
			.set({ lastSeenAt: now })
			.where(and(eq(externalIdentities.sourceId, p.id), eq(externalIdentities.subject, subject)));
		return { kind: 'signedIn', user: { id: known.id, schoolId: known.schoolId, role: known.role }, returnTo: flow.returnTo, created: false };
	}

	if (p.allowCreate) {
		const role = roleFrom(p, claims);
		if (!role) return { kind: 'failed', code: 'role_unknown' };
		const username = await freeUsername(db, claims);
		// Nobody knows this password: the account signs in through the school (or after an admin's reset).
		const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
		const user = await db.transaction(async (tx) => {
			const [u] = await tx
				.insert(users)
				.values({ schoolId: p.schoolId, username, displayName: displayNameFrom(claims, username), role, passwordHash })
				.returning({ id: users.id, schoolId: users.schoolId, role: users.role });
			await tx.insert(externalIdentities).values({ schoolId: p.schoolId, userId: u!.id, kind: 'oidc', sourceId: p.id, subject, lastSeenAt: now });
			return u!;
		});
		return { kind: 'signedIn', user, returnTo: flow.returnTo, created: true };
	}

	const token = randomBytes(24).toString('base64url');
	await db.insert(authFlows).values({
		stateHash: hashToken(token),
		schoolId: p.schoolId,
		kind: 'oidc',
		sourceId: p.id,
		nonce: '-',
		returnTo: flow.returnTo,
		extra: { link: true, subject, name: displayNameFrom(claims, '') },
		expiresAt: new Date(now.getTime() + linkLifetimeMs)
	});
	return { kind: 'link', token };
}
