import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/db';
import { groups, memberships, schools, users } from '../db/schema';
import { login } from '../auth/login';
import { demoActive, ensureDemoSchool } from './demo';

let t: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	t = await openTestDatabase();
});
afterAll(async () => t.close());

describe('demo school', () => {
	it('seeds the demo school once on an empty database, with working demo accounts', async () => {
		expect(await demoActive(t.db)).toBe(false);
		expect(await ensureDemoSchool(t.db)).toBe(true);
		expect(await ensureDemoSchool(t.db)).toBe(false);
		expect(await demoActive(t.db)).toBe(true);

		expect(await t.db.select().from(schools)).toHaveLength(1);
		const all = await t.db.select().from(users);
		expect(all.filter((u) => u.role === 'student')).toHaveLength(24);
		expect(all.map((u) => u.username)).toEqual(expect.arrayContaining(['student1', 'student24', 'coach1', 'coach2', 'admin']));
		const [group] = await t.db.select().from(groups);
		expect(group?.name).toBe('Zorg en Welzijn 2A');
		const members = await t.db.select().from(memberships);
		expect(members.filter((m) => m.role === 'student')).toHaveLength(24);
		expect(members.filter((m) => m.role === 'coach')).toHaveLength(2);

		for (const username of ['student1', 'coach1', 'admin']) {
			expect((await login(t.db, { username, password: 'koers-demo' }, '127.0.0.1')).ok).toBe(true);
		}
	});
});
