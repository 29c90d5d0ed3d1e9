import { eq, sql } from 'drizzle-orm';
import type { Role } from '$lib/domain/constants';
import type { LoginInput } from '$lib/domain/user';
import type { Db } from '../db';
import { loginAttempts, users } from '../db/schema';
import { dummyHash, verifyPassword } from './password';
import { createSession, type NewSession } from './session';

/** Failures allowed per key within the window before it is locked for `lockMs`. */
export const limits = {
	account: { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
	address: { failures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }
};

export type LoginResult =
	| { ok: true; user: { id: string; schoolId: string; role: Role }; session: NewSession }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export async function lockedFor(db: Db, keys: string[], now: Date): Promise<number> {
	let wait = 0;
	for (const key of keys) {
		const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.key, key));
		if (row?.lockedUntil && row.lockedUntil > now) {
			wait = Math.max(wait, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
		}
	}
	return wait;
}

export async function recordFailure(db: Db, key: string, limit: (typeof limits)['account'], now: Date) {
	const windowStart = new Date(now.getTime() - limit.windowMs);
	// One statement, so concurrent processes count every failure.
	await db.execute(sql`
		insert into login_attempts (key, failures, window_start, locked_until)
		values (${key}, 1, ${now.toISOString()}, null)
		on conflict (key) do update set
			failures = case when login_attempts.window_start < ${windowStart.toISOString()} then 1 else login_attempts.failures + 1 end,
			window_start = case when login_attempts.window_start < ${windowStart.toISOString()} then ${now.toISOString()}::timestamptz else login_attempts.window_start end,
			locked_until = case
				when login_attempts.window_start >= ${windowStart.toISOString()} and login_attempts.failures + 1 >= ${limit.failures}
				then ${new Date(now.getTime() + limit.lockMs).toISOString()}::timestamptz
				else login_attempts.locked_until end`);
}

/** Checks the password and opens a session. Unknown usernames cost as much time as wrong passwords. */
export async function login(db: Db, input: LoginInput, address: string, now = new Date()): Promise<LoginResult> {
	const accountKey = `account:${input.username}`;
	const addressKey = `address:${address}`;
	const wait = await lockedFor(db, [accountKey, addressKey], now);
	if (wait > 0) return { ok: false, reason: 'rate_limited', retryAfterSeconds: wait };

	const [user] = await db.select().from(users).where(eq(users.username, input.username)).limit(1);
	const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
	if (!user || !valid || !user.active) {
		await recordFailure(db, accountKey, limits.account, now);
		await recordFailure(db, addressKey, limits.address, now);
		return { ok: false, reason: 'invalid' };
	}
	await db.delete(loginAttempts).where(eq(loginAttempts.key, accountKey));
	const session = await createSession(db, user, now);
	return { ok: true, user: { id: user.id, schoolId: user.schoolId, role: user.role }, session };
}
