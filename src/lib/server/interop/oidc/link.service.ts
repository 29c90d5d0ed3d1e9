import { randomInt } from 'node:crypto';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db';
import { authFlows, externalIdentities, identityProviders, linkCodes, users } from '../../db/schema';
import { assertAdmin } from '../../admin/school.service';
import { ApiError } from '../../http/api';
import { limits, lockedFor, recordFailure } from '../../auth/login';
import { hashToken } from '../../auth/session';
import type { Actor } from '../../policy';
import type { SignedInUser } from './flow';

/** A link code is valid this long after the admin made it. */
export const linkCodeLifetimeMs = 14 * 24 * 60 * 60_000;

// No 0/O, 1/I/L: the code is read aloud or copied from paper.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Upper-cased, without spaces and dashes: "k7qf-m2xd" and "K7QF M2XD" are the same code. */
export function normalizeCode(code: string): string {
	return code.toUpperCase().replace(/[\s-]+/g, '');
}

/** Makes a one-time code (shown once) that links the account's first school sign-in; earlier unused codes stop working. */
export async function createLinkCode(db: Db, actor: Actor, userId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
	assertAdmin(actor);
	const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.schoolId, actor.schoolId)));
	if (!user) throw new ApiError(404, 'not_found');
	const raw = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
	const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
	const expiresAt = new Date(now.getTime() + linkCodeLifetimeMs);
	await db.transaction(async (tx) => {
		await tx.delete(linkCodes).where(and(eq(linkCodes.userId, userId), isNull(linkCodes.usedAt)));
		await tx.insert(linkCodes).values({ codeHash: hashToken(normalizeCode(code)), schoolId: actor.schoolId, userId, expiresAt });
	});
	return { code, expiresAt };
}

/** The school sign-ins linked to an account, for the admin's user page. */
export async function identitiesOf(db: Db, actor: Actor, userId: string) {
	assertAdmin(actor);
	return db
		.select({ sourceId: externalIdentities.sourceId, kind: externalIdentities.kind, provider: identityProviders.name, lastSeenAt: externalIdentities.lastSeenAt })
		.from(externalIdentities)
		.leftJoin(identityProviders, eq(identityProviders.id, externalIdentities.sourceId))
		.where(and(eq(externalIdentities.userId, userId), eq(externalIdentities.schoolId, actor.schoolId)))
		.orderBy(asc(externalIdentities.createdAt));
}

export async function unlinkIdentity(db: Db, actor: Actor, userId: string, sourceId: string): Promise<void> {
	assertAdmin(actor);
	const rows = await db
		.delete(externalIdentities)
		.where(and(eq(externalIdentities.userId, userId), eq(externalIdentities.sourceId, sourceId), eq(externalIdentities.schoolId, actor.schoolId)))
		.returning({ userId: externalIdentities.userId });
	if (!rows.length) throw new ApiError(404, 'not_found');
}

/** A school sign-in waiting for its link code: who the school said signed in, for the link page. */
export async function pendingLink(db: Db, token: string | undefined, now = new Date()): Promise<{ provider: string; name: string } | null> {
	if (!token) return null;
	const [row] = await db
		.select({ extra: authFlows.extra, provider: identityProviders.name })
		.from(authFlows)
		.innerJoin(identityProviders, eq(identityProviders.id, authFlows.sourceId))
		.where(and(eq(authFlows.stateHash, hashToken(token)), eq(authFlows.kind, 'oidc'), gt(authFlows.expiresAt, now)));
	if (!row?.extra?.link) return null;
	return { provider: row.provider, name: String(row.extra.name ?? '') };
}

export type RedeemResult =
	| { ok: true; user: SignedInUser; returnTo: string | null }
	| { ok: false; code: 'link_expired' | 'link_code_invalid' | 'link_inactive' | 'login_rate_limited' };

/**
 * Links the waiting school sign-in to the account the code was made for, and uses up code and
 * sign-in. Wrong codes count against the address like wrong passwords do.
 */
export async function redeemLinkCode(db: Db, token: string | undefined, typed: string, address: string, now = new Date()): Promise<RedeemResult> {
	const key = `link:${address}`;
	if ((await lockedFor(db, [key], now)) > 0) return { ok: false, code: 'login_rate_limited' };
	if (!token) return { ok: false, code: 'link_expired' };
	const [flow] = await db
		.select()
		.from(authFlows)
		.where(and(eq(authFlows.stateHash, hashToken(token)), eq(authFlows.kind, 'oidc'), gt(authFlows.expiresAt, now)));
	if (!flow?.extra?.link) return { ok: false, code: 'link_expired' };
	const subject = String(flow.extra.subject);

	const [code] = await db
		.select({ userId: linkCodes.userId, codeHash: linkCodes.codeHash })
		.from(linkCodes)
		.where(
			and(
				eq(linkCodes.codeHash, hashToken(normalizeCode(typed))),
				eq(linkCodes.schoolId, flow.schoolId),
				isNull(linkCodes.usedAt),
				gt(linkCodes.expiresAt, now)
			)
		);
	if (!code) {
		await recordFailure(db, key, limits.account, now);
		return { ok: false, code: 'link_code_invalid' };
	}
	const [user] = await db
		.select({ id: users.id, schoolId: users.schoolId, role: users.role, active: users.active, archivedAt: users.archivedAt })
		.from(users)
		.where(and(eq(users.id, code.userId), eq(users.schoolId, flow.schoolId)));
	if (!user || !user.active || user.archivedAt) return { ok: false, code: 'link_inactive' };

	await db.transaction(async (tx) => {
		await tx.update(linkCodes).set({ usedAt: now }).where(eq(linkCodes.codeHash, code.codeHash));
		await tx.delete(authFlows).where(eq(authFlows.stateHash, flow.stateHash));
		// One identity per account and provider: a new link replaces an old one.
		await tx.delete(externalIdentities).where(and(eq(externalIdentities.userId, user.id), eq(externalIdentities.sourceId, flow.sourceId)));
		await tx
			.insert(externalIdentities)
			.values({ schoolId: flow.schoolId, userId: user.id, kind: 'oidc', sourceId: flow.sourceId, subject, lastSeenAt: now })
			.onConflictDoUpdate({ target: [externalIdentities.sourceId, externalIdentities.subject], set: { userId: user.id, lastSeenAt: now } });
	});
	return { ok: true, user: { id: user.id, schoolId: user.schoolId, role: user.role }, returnTo: flow.returnTo };
}
