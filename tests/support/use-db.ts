import { afterAll, beforeAll, beforeEach } from 'vitest';
import { makeTwoSchools, openTestDatabase } from './db';

export type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;
export type TwoSchools = Awaited<ReturnType<typeof makeTwoSchools>>;

/**
 * The usual set-up of a server test file: one database for the file (a cold start costs seconds),
 * emptied before each test and given two schools (`makeTwoSchools`), handed to `set`.
 */
export function useTwoSchools(set: (t: TestDatabase, w: TwoSchools) => void): void {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
	});
	afterAll(async () => t?.close());
	beforeEach(async () => {
		await t.reset();
		set(t, await makeTwoSchools(t.db));
	});
}
