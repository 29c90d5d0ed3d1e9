import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { groups, users } from '../db/schema';
import { ApiError } from '../http/api';
import { coachGroups } from '../coach/groups.service';
import { renameGroup, renameUser } from './rename.service';

let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

async function status(p: Promise<unknown>): Promise<number> {
	try {
		await p;
		return 200;
	} catch (e) {
		if (e instanceof ApiError) return e.status;
		throw e;
	}
}

describe('admin: renaming people and groups', () => {
	it('renames an account of the own school; the username stays', async () => {
		await renameUser(t.db, w.a.admin, w.a.student.id, 'Samira el Amrani');
		const [row] = await t.db.select().from(users).where(eq(users.id, w.a.student.id));
		expect(row!.displayName).toBe('Samira el Amrani');
		expect(row!.username).toBe(w.a.student.username);
	});

	it('renames a group, and its coach sees the new name', async () => {
		await renameGroup(t.db, w.a.admin, w.a.group.id, 'Zorg en Welzijn 2B');
		expect((await coachGroups(t.db, w.a.coach)).map((g) => g.name)).toContain('Zorg en Welzijn 2B');
	});

	it('refuses a name another group of the school has, in any case, and keeps the old name', async () => {
		expect(await status(renameGroup(t.db, w.a.admin, w.a.group.id, 'groep 2'))).toBe(409);
		const [row] = await t.db.select().from(groups).where(eq(groups.id, w.a.group.id));
		expect(row!.name).toBe('Groep 1');
		// School B's groups do not count: the same name there is fine.
		await renameGroup(t.db, w.b.admin, w.b.group.id, 'Groep 3');
		await renameGroup(t.db, w.a.admin, w.a.group.id, 'Groep 3');
	});

	it('another school, a coach or a student gets nothing renamed', async () => {
		expect(await status(renameUser(t.db, w.a.admin, w.b.student.id, 'X'))).toBe(404);
		expect(await status(renameGroup(t.db, w.a.admin, w.b.group.id, 'X'))).toBe(404);
		expect(await status(renameUser(t.db, w.a.coach, w.a.student.id, 'X'))).toBe(403);
		expect(await status(renameGroup(t.db, w.a.student, w.a.group.id, 'X'))).toBe(403);
		const [b] = await t.db.select().from(users).where(eq(users.id, w.b.student.id));
		expect(b!.displayName).toBe(`Test ${w.b.student.username}`);
	});
});
