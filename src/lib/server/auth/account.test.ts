import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase, makeSchool, makeUser, testPassword } from '$test/db';
import { sessions } from '../db/schema';
import { changePassword, signOutEverywhere } from './account.service';
import { login } from './login';
import { commonPasswordCount, isCommonPassword, passwordProblem } from './password-rules';
import { createSession, validateSession } from './session';

let t: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	t = await openTestDatabase();
});
afterAll(async () => t.close());
beforeEach(async () => t.reset());

async function student() {
	const school = await makeSchool(t.db);
	return makeUser(t.db, school.id, 'student', 'lotte');
}

const strong = 'zeilboot op het ijsselmeer';

describe('password rules', () => {
	it('refuses short and well-known passwords, whatever their case, and accepts a passphrase', () => {
		expect(commonPasswordCount).toBeGreaterThanOrEqual(1000);
		expect(passwordProblem('kort')).toBe('password_too_short');
		expect(passwordProblem('Welkom01')).toBe('password_too_short'); // on the list too, but too short first
		expect(isCommonPassword('WELKOM01')).toBe(true);
		expect(passwordProblem('Wachtwoord1')).toBe('password_common');
		expect(passwordProblem('voetbal123')).toBe('password_common');
		expect(passwordProblem('1234567890')).toBe('password_common');
		expect(passwordProblem('x'.repeat(201))).toBe('password_too_long');
		expect(passwordProblem(strong)).toBeNull();
	});
});

describe('changePassword', () => {
	it('needs the current password, refuses weak new ones, and then signs out the other devices only', async () => {
		const user = await student();
		const here = await createSession(t.db, user);
		const phone = await createSession(t.db, user);

		expect(await changePassword(t.db, user, { current: 'niet mijn wachtwoord', next: strong }, here.token)).toEqual({ ok: false, field: 'current', problem: 'password_wrong' });
		expect(await changePassword(t.db, user, { current: testPassword, next: 'wachtwoord1' }, here.token)).toEqual({ ok: false, field: 'next', problem: 'password_common' });
		expect(await changePassword(t.db, user, { current: testPassword, next: 'kort' }, here.token)).toEqual({ ok: false, field: 'next', problem: 'password_too_short' });
		expect(await changePassword(t.db, user, { current: testPassword, next: testPassword }, here.token)).toEqual({ ok: false, field: 'next', problem: 'password_same' });
		// Nothing changed so far.
		expect((await login(t.db, { username: 'lotte', password: testPassword }, '10.1.0.1')).ok).toBe(true);
		expect(await validateSession(t.db, phone.token)).not.toBeNull();

		expect(await changePassword(t.db, user, { current: testPassword, next: strong }, here.token)).toEqual({ ok: true });
		expect(await validateSession(t.db, here.token)).not.toBeNull();
		expect(await validateSession(t.db, phone.token)).toBeNull();
		expect((await login(t.db, { username: 'lotte', password: testPassword }, '10.1.0.2')).ok).toBe(false);
		expect((await login(t.db, { username: 'lotte', password: strong }, '10.1.0.3')).ok).toBe(true);
	});

	it('locks after repeated wrong current passwords, like sign-in does', async () => {
		const user = await student();
		const now = new Date('2026-11-23T10:00:00Z');
		for (let i = 0; i < 5; i++) {
			expect((await changePassword(t.db, user, { current: `gok ${i} van vijf`, next: strong }, null, now)).ok).toBe(false);
		}
		expect(await changePassword(t.db, user, { current: testPassword, next: strong }, null, now)).toEqual({ ok: false, field: 'current', problem: 'rate_limited' });
	});
});

describe('signOutEverywhere', () => {
	it('ends every session of the account, this one too, and no one else’s', async () => {
		const user = await student();
		const other = await makeUser(t.db, user.schoolId, 'student', 'samira');
		const sessionsOfUser = [await createSession(t.db, user), await createSession(t.db, user), await createSession(t.db, user)];
		const theirs = await createSession(t.db, other);
		expect(await signOutEverywhere(t.db, user)).toBe(3);
		for (const s of sessionsOfUser) expect(await validateSession(t.db, s.token)).toBeNull();
		expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
		expect(await validateSession(t.db, theirs.token)).not.toBeNull();
	});
});
