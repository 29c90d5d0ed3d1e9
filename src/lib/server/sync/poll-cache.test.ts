import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { memberships } from '../db/schema';
import { addToGroup } from '$test/db';
import { put } from '$test/ops';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { createSession, deleteSession, validateSession } from '../auth/session';
import type { Actor } from '../policy';
import { changesSince } from './changes-since';
import { feedChannel, PollCache, startChangeFeed, stopChangeFeed } from './poll-cache';
import { decodeCursor, loadScope } from './scope';
import { sync } from './sync';

/**
 * The poll cache answers "nothing new" without a query. It must never say so when the database has something
 * new in the device's scope — whoever wrote it, in whatever way — and it should say so when nothing changed.
 */
let t: TestDatabase;
let w: TwoSchools;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

let cache: PollCache;
let stop: () => Promise<void>;
let pings = 0;
const waiting = new Map<string, () => void>();

beforeEach(async () => {
	cache = new PollCache();
	stop = await t.listen(
		feedChannel,
		(payload) => {
			cache.heard(payload);
			waiting.get(payload)?.();
		},
		() => cache.down()
	);
	cache.up();
});
afterEach(async () => stop());

/** Resolves once everything committed before it has been heard (notifications arrive in commit order). */
async function heard() {
	const ping = `p ${++pings}`;
	const arrived = new Promise<void>((resolve) => waiting.set(ping, resolve));
	await t.db.execute(sql`select pg_notify(${feedChannel}, ${ping})`);
	await arrived;
	waiting.delete(ping);
}

async function upToDate(actor: Actor, cursor: string | null = null) {
	for (;;) {
		const res = await sync(t.db, actor, { cursor, ops: [] }, cache);
		cursor = res.cursor;
		if (!res.more) return cursor;
	}
}

/** What the database would answer to this cursor. */
async function newInDatabase(actor: Actor, cursor: string) {
	const scope = await loadScope(t.db, actor);
	const { rev, reset } = decodeCursor(cursor, scope);
	return reset || (await changesSince(t.db, scope, rev)).changes.length > 0;
}

describe('the poll cache', () => {
	it('answers for an up-to-date device, and stops at the first write in its scope while writes elsewhere leave it be', async () => {
		const student = await upToDate(w.a.student);
		const coach = await upToDate(w.a.coach);
		await heard();
		expect(cache.nothingNew(w.a.student, student)).toBe(true);
		expect(cache.nothingNew(w.a.coach, coach)).toBe(true);

		// Another school, another group's board, a student of the other group: neither scope.
		await sync(t.db, w.b.student, { cursor: null, ops: [put('goal', { title: 'Andere school' })] });
		await sync(t.db, w.a.otherCoach, { cursor: null, ops: [put('board', { title: 'Bord 2', groupIds: [w.a.otherGroup.id] })] });
		await sync(t.db, w.a.otherStudent, { cursor: null, ops: [put('goal', { title: 'Groep 2' })] });
		await heard();
		expect(cache.nothingNew(w.a.student, student)).toBe(true);
		expect(cache.nothingNew(w.a.coach, coach)).toBe(true);

		// The classmate's goal: the coach's scope, not the student's.
		await sync(t.db, w.a.classmate, { cursor: null, ops: [put('goal', { title: 'Klasgenoot' })] });
		await heard();
		expect(cache.nothingNew(w.a.student, student)).toBe(true);
		expect(cache.nothingNew(w.a.coach, coach)).toBe(false);

		// The group's board: the student's scope.
		await sync(t.db, w.a.coach, { cursor: null, ops: [put('board', { title: 'Bord 1', groupIds: [w.a.group.id] })] });
		await heard();
		expect(cache.nothingNew(w.a.student, student)).toBe(false);
		// A cursor of another scope or a malformed one is never answered here.
		expect(cache.nothingNew(w.a.classmate, student)).toBe(false);
		expect(cache.nothingNew(w.a.student, 'v1.x.y')).toBe(false);
	});

	it('hears writes made outside the sync engine, and forgets scopes when groups change', async () => {
		const goal = put('goal', { title: 'Eigen doel' });
		await sync(t.db, w.a.student, { cursor: null, ops: [goal] });
		// The write's own notification first: heard during the next poll's query, it would (rightly) keep
		// that poll's answer out of the cache, and the test would depend on when it arrives.
		await heard();
		const cursor = await upToDate(w.a.student);
		await heard();
		expect(cache.nothingNew(w.a.student, cursor)).toBe(true);
		// A tool that writes SQL (a repair, a restore script) is heard all the same.
		await t.db.execute(sql`update records set rev = nextval('rev_seq') where id = ${goal.id}`);
		await heard();
		expect(cache.nothingNew(w.a.student, cursor)).toBe(false);

		const again = await upToDate(w.a.student, cursor);
		await heard();
		expect(cache.nothingNew(w.a.student, again)).toBe(true);
		await t.db.delete(memberships).where(and(eq(memberships.userId, w.a.student.id), eq(memberships.groupId, w.a.group.id)));
		await heard();
		expect(cache.nothingNew(w.a.student, again)).toBe(false);
	});

	it('keeps a sign-in only until the database says sessions changed', async () => {
		const { token } = await createSession(t.db, w.a.student);
		const ticket = cache.ticket(w.a.student.schoolId);
		cache.rememberSession(ticket, token, (await validateSession(t.db, token))!);
		expect(cache.user(token)?.id).toBe(w.a.student.id);
		expect(cache.user('another-token')).toBeNull();
		await deleteSession(t.db, token);
		await heard();
		expect(cache.user(token)).toBeNull();
		// A sign-in read before a change was heard is not kept.
		const second = await createSession(t.db, w.a.student);
		const before = cache.ticket(w.a.student.schoolId);
		const session = (await validateSession(t.db, second.token))!;
		await t.db.execute(sql`update users set display_name = display_name where id = ${w.a.student.id}`);
		await heard();
		cache.rememberSession(before, second.token, session);
		expect(cache.user(second.token)).toBeNull();
	});

	it('trusts nothing while the feed is down, and fills again only after it is back', async () => {
		const cursor = await upToDate(w.a.student);
		await heard();
		expect(cache.nothingNew(w.a.student, cursor)).toBe(true);
		cache.down();
		expect(cache.nothingNew(w.a.student, cursor)).toBe(false);
		await upToDate(w.a.student, cursor);
		expect(cache.nothingNew(w.a.student, cursor)).toBe(false);
		cache.up();
		const again = await upToDate(w.a.student, cursor);
		await heard();
		expect(cache.nothingNew(w.a.student, again)).toBe(true);
	});

	it('never says nothing new when the database has something (random writes, polls and group changes)', async () => {
		const actors = () => [w.a.student, w.a.classmate, w.a.otherStudent, w.a.coach, w.a.otherCoach, w.b.student, w.b.coach];
		type Step =
			| { kind: 'poll'; who: number }
			| { kind: 'goal'; who: number }
			| { kind: 'board'; who: number; other: boolean }
			| { kind: 'move' }
			| { kind: 'raw'; who: number }
			| { kind: 'qualification'; school: 'a' | 'b' };
		const step: fc.Arbitrary<Step> = fc.oneof(
			{ arbitrary: fc.record({ kind: fc.constant('poll' as const), who: fc.nat(6) }), weight: 4 },
			fc.record({ kind: fc.constant('goal' as const), who: fc.constantFrom(0, 1, 2, 5) }),
			fc.record({ kind: fc.constant('board' as const), who: fc.constantFrom(3, 4, 6), other: fc.boolean() }),
			fc.record({ kind: fc.constant('move' as const) }),
			fc.record({ kind: fc.constant('raw' as const), who: fc.constantFrom(0, 1, 2, 5) }),
			fc.record({ kind: fc.constant('qualification' as const), school: fc.constantFrom('a' as const, 'b' as const) })
		);
		let answered = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
				await t.reset();
				w = await (await import('$test/db')).makeTwoSchools(t.db);
				cache.down();
				cache.up();
				const cursors = new Map<number, string>();
				let moved = false;
				for (const s of steps) {
					const all = actors();
					if (s.kind === 'poll') cursors.set(s.who, await upToDate(all[s.who]!, cursors.get(s.who) ?? null));
					if (s.kind === 'goal') await sync(t.db, all[s.who]!, { cursor: null, ops: [put('goal', { title: randomUUID() })] });
					if (s.kind === 'board') {
						const coach = all[s.who]!;
						const school = coach.schoolId === w.a.school.id ? w.a : w.b;
						const group = s.other ? school.otherGroup : school.group;
						await sync(t.db, coach, { cursor: null, ops: [put('board', { title: 'Bord', groupIds: [group.id] })] });
					}
					if (s.kind === 'move') {
						// The classmate goes to the other group, or comes back.
						await t.db.delete(memberships).where(eq(memberships.userId, w.a.classmate.id));
						await addToGroup(t.db, moved ? w.a.group : w.a.otherGroup, w.a.classmate);
						moved = !moved;
					}
					if (s.kind === 'raw') {
						await t.db.execute(sql`update records set rev = nextval('rev_seq') where id = (select id from records where owner_id = ${all[s.who]!.id} limit 1)`);
					}
					if (s.kind === 'qualification') {
						// The school's admin adds a qualification (in everyone's scope), written as an import would.
						const school = w[s.school];
						await t.db.execute(
							sql`insert into records (id, school_id, entity, author_id, rev, data) values (${randomUUID()}, ${school.school.id}, 'qualification', ${school.admin.id}, nextval('rev_seq'), ${JSON.stringify({ title: 'Kwalificatie' })}::jsonb)`
						);
					}
					await heard();
					for (const [who, cursor] of cursors) {
						if (cache.nothingNew(all[who]!, cursor)) {
							answered++;
							expect(await newInDatabase(all[who]!, cursor)).toBe(false);
						}
					}
				}
			}),
			{ numRuns: 40 }
		);
		// It must also be of use: some of those polls were answered from memory.
		expect(answered).toBeGreaterThan(0);
	}, 120_000);
});

describe('the change feed on PostgreSQL', () => {
	async function until(ok: () => boolean, ms = 5_000) {
		const end = Date.now() + ms;
		while (!ok()) {
			if (Date.now() > end) throw new Error('timed out');
			await new Promise((r) => setTimeout(r, 20));
		}
	}

	it.skipIf(!process.env.KOERS_TEST_PG_URL)('turns the cache off when its connection is lost, and on again once it has reconnected', async () => {
		const own = new PollCache();
		startChangeFeed(() => t, own);
		try {
			await until(() => own.live);
			const runPoll = async (cursor: string | null) => (await sync(t.db, w.a.student, { cursor, ops: [] }, own)).cursor;
			let cursor = await runPoll(null);
			cursor = await runPoll(cursor);
			expect(own.nothingNew(w.a.student, cursor)).toBe(true);
			// The database drops the listening connection (a restart, a failover, an admin).
			await t.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'`);
			await until(() => !own.live);
			expect(own.nothingNew(w.a.student, cursor)).toBe(false);
			await until(() => own.live);
			// Back: filled again from the database, and writes are heard again.
			cursor = await runPoll(cursor);
			const ownGoal = put('goal', { title: 'Na de storing' });
			await sync(t.db, w.a.student, { cursor: null, ops: [ownGoal] });
			await until(() => !own.nothingNew(w.a.student, cursor));
			expect((await sync(t.db, w.a.student, { cursor, ops: [] }, own)).changes.map((c) => c.id)).toEqual([ownGoal.id]);
		} finally {
			await stopChangeFeed(own);
		}
	}, 30_000);
});
