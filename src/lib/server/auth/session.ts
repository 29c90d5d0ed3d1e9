import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Me } from '$lib/domain/user';
import type { Db } from '../db';
import { schools, sessions, users } from '../db/schema';

export const sessionCookieName = 'koers_session';
/** A session lives 14 days after the last use; it is renewed when less than half is left. */
export const sessionLifetimeMs = 14 * 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

export interface NewSession {
	token: string;
	expiresAt: Date;
}

export async function createSession(db: Db, user: { id: string; schoolId: string }, now = new Date()): Promise<NewSession> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
	await db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, schoolId: user.schoolId, expiresAt });
	return { token, expiresAt };
}

export interface ValidSession {
	user: Me;
	expiresAt: Date;
	/** Set when the expiry was pushed forward and the cookie must be sent again. */
	renewed: boolean;
}

/**
 * The lookup every signed-in request makes, built once per database: drizzle does not rebuild the SQL each
 * time, and on PostgreSQL it is a named prepared statement, planned once per connection.
 */
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

function prepareLookup(db: Db) {
	return db
		.select({
			expiresAt: sessions.expiresAt,
			id: users.id,
			schoolId: users.schoolId,
			schoolName: schools.name,
			username: users.username,
			displayName: users.displayName,
			role: users.role,
			active: users.active
		})
		.from(sessions)
		.innerJoin(users, and(eq(users.id, sessions.userId), eq(users.schoolId, sessions.schoolId)))
		.innerJoin(schools, eq(schools.id, sessions.schoolId))
		.where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
		.limit(1)
		.prepare('koers_session_lookup');
}

/** Looks a token up; expired sessions and inactive accounts are refused (and expired ones removed). */
export async function validateSession(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
	const tokenHash = hashToken(token);
	let lookup = lookups.get(db);
	if (!lookup) lookups.set(db, (lookup = prepareLookup(db)));
	const [row] = await lookup.execute({ tokenHash });
	if (!row) return null;
	if (row.expiresAt.getTime() <= now.getTime() || !row.active) {
		await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
		return null;
	}
	let expiresAt = row.expiresAt;
	let renewed = false;
	if (expiresAt.getTime() - now.getTime() < sessionLifetimeMs / 2) {
		expiresAt = new Date(now.getTime() + sessionLifetimeMs);
		await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
		renewed = true;
	}
	const { active: _active, expiresAt: _e, ...user } = row;
	return { user, expiresAt, renewed };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** Ends every session of the account; returns how many there were. */
export async function deleteUserSessions(db: Db, schoolId: string, userId: string): Promise<number> {
	const gone = await db
		.delete(sessions)
		.where(and(eq(sessions.userId, userId), eq(sessions.schoolId, schoolId)))
		.returning({ tokenHash: sessions.tokenHash });
	return gone.length;
}

/** Ends every session of the account except the one with `keepToken` (the device in use). */
export async function deleteOtherSessions(db: Db, schoolId: string, userId: string, keepToken: string | null): Promise<number> {
	const scope = and(eq(sessions.userId, userId), eq(sessions.schoolId, schoolId));
	const gone = await db
		.delete(sessions)
		.where(keepToken ? and(scope, ne(sessions.tokenHash, hashToken(keepToken))) : scope)
		.returning({ tokenHash: sessions.tokenHash });
	return gone.length;
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<void> {
	await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
