import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { users } from '../db/schema';
import { ApiError } from '../http/api';
import type { Actor } from '../policy';
import { limits, lockedFor, recordFailure } from './login';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem, type PasswordProblem } from './password-rules';
import { deleteOtherSessions, deleteUserSessions } from './session';
import { pollCache } from '../sync/poll-cache';

export type ChangePasswordResult =
	| { ok: true }
	| { ok: false; field: 'current'; problem: 'password_wrong' | 'rate_limited' }
	| { ok: false; field: 'next'; problem: PasswordProblem | 'password_same' };

/**
 * Changes the signed-in user's own password: the current one must be right, the new one must pass
 * the rules and differ from the current one. Every other session of the account ends (a stolen
 * session should not outlive the new password); the session with `keepToken` (this device) stays.
 */
export async function changePassword(
	db: Db,
	actor: Actor,
	input: { current: string; next: string },
	keepToken: string | null,
	now = new Date()
): Promise<ChangePasswordResult> {
	const [user] = await db
		.select({ passwordHash: users.passwordHash, username: users.username })
		.from(users)
		.where(and(eq(users.id, actor.id), eq(users.schoolId, actor.schoolId), eq(users.active, true)));
	if (!user) throw new ApiError(404, 'not_found');
	// Wrong current passwords count like failed sign-ins, so a borrowed session cannot guess it.
	const accountKey = `account:${user.username}`;
	if ((await lockedFor(db, [accountKey], now)) > 0) return { ok: false, field: 'current', problem: 'rate_limited' };
	if (!(await verifyPassword(input.current, user.passwordHash))) {
		await recordFailure(db, accountKey, limits.account, now);
		return { ok: false, field: 'current', problem: 'password_wrong' };
	}
	const problem = passwordProblem(input.next);
	if (problem) return { ok: false, field: 'next', problem };
	if (input.next === input.current) return { ok: false, field: 'next', problem: 'password_same' };
	const passwordHash = await hashPassword(input.next);
	await db.transaction(async (tx) => {
		await tx
			.update(users)
			.set({ passwordHash, updatedAt: new Date() })
			.where(and(eq(users.id, actor.id), eq(users.schoolId, actor.schoolId)));
		await deleteOtherSessions(tx as unknown as Db, actor.schoolId, actor.id, keepToken);
	});
	pollCache.heard('s'); // this process at once; the others on the change feed's word
	return { ok: true };
}

/** Ends every session of the signed-in user, on every device, this one included. Returns how many. */
export async function signOutEverywhere(db: Db, actor: Actor): Promise<number> {
	const ended = await deleteUserSessions(db, actor.schoolId, actor.id);
	pollCache.heard('s'); // this process at once; the others on the change feed's word
	return ended;
}
