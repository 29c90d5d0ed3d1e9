import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase, makeSchool, makeUser, testPassword } from '$test/db';
import { sessions, users } from '../db/schema';
import { login, limits } from './login';
import { createSession, deleteSession, deleteUserSessions, sessionLifetimeMs, validateSession } from './session';
import { nextPath } from './next';

let t: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	t = await openTestDatabase();
});
afterAll(async () => t.close());
beforeEach(async () => t.reset());

async function student() {
	const school = await makeSchool(t.db);
	return makeUser(t.db, school.id, 'student', 'daan');
}

describe('sign-in', () => {
	it('opens a session with the right password and refuses a wrong one', async () => {
		const user = await student();
		const ok = await login(t.db, { username: 'daan', password: testPassword }, '127.0.0.1');
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		expect(ok.user).toEqual({ id: user.id, schoolId: user.schoolId, role: 'student' });
		const session = await validateSession(t.db, ok.session.token);
		expect(session?.user.username).toBe('daan');

		expect(await login(t.db, { username: 'daan', password: 'wrong password' }, '127.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
		expect(await login(t.db, { username: 'nobody', password: testPassword }, '127.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('stores only a hash of the session token', async () => {
		await student();
		const result = await login(t.db, { username: 'daan', password: testPassword }, '127.0.0.1');
		if (!result.ok) throw new Error('sign-in failed');
		const rows = await t.db.select().from(sessions);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.tokenHash).not.toContain(result.session.token);
		expect(JSON.stringify(rows)).not.toContain(result.session.token);
	});

	it('refuses deactivated accounts', async () => {
		const user = await student();
		await t.db.update(users).set({ active: false }).where(eq(users.id, user.id));
		expect((await login(t.db, { username: 'daan', password: testPassword }, '127.0.0.1')).ok).toBe(false);
	});

	it('locks an account after too many wrong passwords, even for the right one, and tells how long', async () => {
		await student();
		const now = new Date('2026-11-23T10:00:00Z');
		for (let i = 0; i < limits.account.failures; i++) {
			expect((await login(t.db, { username: 'daan', password: 'nope-nope' }, `10.0.0.${i}`, now)).ok).toBe(false);
		}
		const locked = await login(t.db, { username: 'daan', password: testPassword }, '10.0.0.99', now);
		expect(locked).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: limits.account.lockMs / 1000 });
		const later = new Date(now.getTime() + limits.account.lockMs + 1000);
		expect((await login(t.db, { username: 'daan', password: testPassword }, '10.0.0.99', later)).ok).toBe(true);
	});

	it('locks an address that tries many accounts', async () => {
		await student();
		const now = new Date('2026-11-23T10:00:00Z');
		for (let i = 0; i < limits.address.failures; i++) {
			await login(t.db, { username: `guess${i}`, password: 'nope-nope' }, '10.9.9.9', now);
		}
		const result = await login(t.db, { username: 'daan', password: testPassword }, '10.9.9.9', now);
		expect(result).toMatchObject({ ok: false, reason: 'rate_limited' });
		expect((await login(t.db, { username: 'daan', password: testPassword }, '10.1.1.1', now)).ok).toBe(true);
		// 31 deliberately slow password checks (unknown accounts are checked against a dummy hash).
	}, 120_000);

	it('forgets old failures once the window has passed', async () => {
		await student();
		const start = new Date('2026-11-23T10:00:00Z');
		for (let i = 0; i < limits.account.failures - 1; i++) await login(t.db, { username: 'daan', password: 'nope-nope' }, '10.0.0.1', start);
		const later = new Date(start.getTime() + limits.account.windowMs + 1000);
		await login(t.db, { username: 'daan', password: 'nope-nope' }, '10.0.0.1', later);
		expect((await login(t.db, { username: 'daan', password: testPassword }, '10.0.0.1', later)).ok).toBe(true);
	});
});

describe('sessions', () => {
	it('refuses and removes an expired session', async () => {
		const user = await student();
		const start = new Date('2026-11-01T08:00:00Z');
		const { token } = await createSession(t.db, user, start);
		const expired = new Date(start.getTime() + sessionLifetimeMs + 1);
		expect(await validateSession(t.db, token, expired)).toBeNull();
		expect(await t.db.select().from(sessions)).toHaveLength(0);
	});

	it('slides the expiry forward when it is used in the second half of its life', async () => {
		const user = await student();
		const start = new Date('2026-11-01T08:00:00Z');
		const { token } = await createSession(t.db, user, start);
		const early = await validateSession(t.db, token, new Date(start.getTime() + 60_000));
		expect(early?.renewed).toBe(false);
		const late = new Date(start.getTime() + sessionLifetimeMs * 0.75);
		const renewed = await validateSession(t.db, token, late);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.expiresAt.getTime()).toBe(late.getTime() + sessionLifetimeMs);
		// Still valid past the original expiry.
		expect(await validateSession(t.db, token, new Date(start.getTime() + sessionLifetimeMs + 60_000))).not.toBeNull();
	});

	it('signing out deletes the session; an unknown token is refused', async () => {
		const user = await student();
		const { token } = await createSession(t.db, user);
		await deleteSession(t.db, token);
		expect(await validateSession(t.db, token)).toBeNull();
		expect(await validateSession(t.db, 'made-up-token')).toBeNull();
	});

	it('a password reset ends every session of that user', async () => {
		const user = await student();
		const a = await createSession(t.db, user);
		const b = await createSession(t.db, user);
		await deleteUserSessions(t.db, user.schoolId, user.id);
		expect(await validateSession(t.db, a.token)).toBeNull();
		expect(await validateSession(t.db, b.token)).toBeNull();
	});
});

describe('nextPath', () => {
	const s = { id: 'u', schoolId: 's', role: 'student' as const };
	it('follows a next path within the user’s own area only', () => {
		expect(nextPath('/student/goals', s)).toBe('/student/goals');
		expect(nextPath('/coach', s)).toBe('/student');
		expect(nextPath('//evil.example/student', s)).toBe('/student');
		expect(nextPath('https://evil.example/student', s)).toBe('/student');
		expect(nextPath('/\\evil.example', s)).toBe('/student');
		expect(nextPath(null, { ...s, role: 'admin' })).toBe('/admin');
	});
});
