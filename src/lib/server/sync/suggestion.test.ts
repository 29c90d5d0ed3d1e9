import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Op } from '$lib/domain/sync';
import { openTestDatabase, makeTwoSchools } from '$test/db';
import type { Actor } from '../policy';
import { sync } from './sync';
import { put } from '$test/ops';

/** A coach's "take this item instead" names a real item of the school; students cannot make one. */
let t: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	t = await openTestDatabase();
});
afterAll(async () => t.close());

const push = (actor: Actor, ...ops: Op[]) => sync(t.db, actor, { cursor: null, ops });

it('accepts a suggestion of an item on the student’s boards and refuses a made-up or foreign one', async () => {
	const w = await makeTwoSchools(t.db);
	const board = put('board', { title: 'Verzorging', groupIds: [w.a.group.id] });
	const first = put('item', { boardId: board.id, title: 'Wondzorg', level: 'basis' });
	const instead = put('item', { boardId: board.id, title: 'Aankleden', level: 'basis' });
	const boardB = put('board', { title: 'Elders', groupIds: [w.b.group.id] });
	const foreign = put('item', { boardId: boardB.id, title: 'Andere school', level: 'basis' });
	await push(w.a.coach, board, first, instead);
	await push(w.b.coach, boardB, foreign);
	const pick = put('choice', { itemId: first.id, status: 'planned' });
	expect((await push(w.a.student, pick)).results[0]!.status).toBe('applied');

	const note = (suggestedItemId: string) => put('feedback', { targetEntity: 'choice', targetId: pick.id, kind: 'feedforward', body: 'Neem liever deze.', suggestedItemId });
	expect((await push(w.a.coach, note(instead.id))).results[0]).toMatchObject({ status: 'applied' });
	expect((await push(w.a.coach, note(pick.id))).results[0]).toMatchObject({ status: 'rejected', code: 'sync_ref_missing' });
	expect((await push(w.a.coach, note(foreign.id))).results[0]).toMatchObject({ status: 'rejected', code: 'sync_ref_missing' });
	const reply = put('feedback', { targetEntity: 'choice', targetId: pick.id, kind: 'reply', body: 'Ik kies zelf.', suggestedItemId: instead.id });
	expect((await push(w.a.student, reply)).results[0]).toMatchObject({ status: 'rejected', code: 'sync_forbidden' });
});
