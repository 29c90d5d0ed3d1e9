import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { RequestEvent } from '@sveltejs/kit';
import { boardFileText, dutchDefaultLevels, parseBoardFile, toBoardFile } from '$lib/domain/board-file';
import { loginSchema } from '$lib/domain/user';
import { syncRequestSchema } from '$lib/domain/sync';
import { records } from '$lib/server/db/schema';
import { ApiError, readJson } from '$lib/server/http/api';
import { unstorableTextAt } from '$lib/domain/text';
import { applyOps } from '$lib/server/sync/apply-ops';
import { loadScope } from '$lib/server/sync/scope';
import { sync } from '$lib/server/sync/sync';
import { makeTwoSchools, openTestDatabase } from '$test/db';
import { put } from '$test/ops';

/**
 * Regression for what fuzzing found: a NUL character or half a surrogate pair in a sync op's text
 * (`"notes": "\u0000"`) made PostgreSQL refuse the whole transaction, and the server answered 500.
 * Now such an op is refused on its own and the rest of the batch is stored; other JSON endpoints
 * answer 400.
 */

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let w: Awaited<ReturnType<typeof makeTwoSchools>>;
beforeAll(async () => {
	t = await openTestDatabase();
	w = await makeTwoSchools(t.db);
});
afterAll(async () => t.close());

describe('text PostgreSQL cannot store', () => {
	it('really breaks a write when it reaches the database (the reason for the guard)', async () => {
		const scope = await loadScope(t.db, w.a.student);
		await expect(applyOps(t.db, scope, [put('goal', { title: 'a\u0000b' })])).rejects.toThrow();
		await expect(applyOps(t.db, scope, [put('goal', { title: 'half \ud800 a pair' })])).rejects.toThrow();
	});

	it('is refused per op by sync; the other ops of the batch are stored', async () => {
		const good = put('goal', { title: 'Een goed doel' });
		const ops = [
			put('goal', { title: 'a\u0000b' }),
			good,
			put('goal', { title: 'half \ud800 a pair' }),
			put('checkIn', { studentId: w.a.student.id, date: '2026-11-23', notes: '\udfff' }),
			put('intake', { interests: 'ok', ['bad\u0000key']: 'x' })
		];
		const res = await sync(t.db, w.a.student, { cursor: null, ops });
		expect(res.results.map((r) => [r.opId, r.status])).toEqual(ops.map((o) => [o.opId, o === good ? 'applied' : 'rejected']));
		expect(res.results[0]!.code).toBe('sync_invalid');
		expect(res.results[0]!.error).toContain('(title)');
		const [stored] = await t.db.select().from(records).where(eq(records.id, good.id));
		expect(stored?.data).toMatchObject({ title: 'Een goed doel' });
		const [refused] = await t.db.select().from(records).where(eq(records.id, ops[0]!.id));
		expect(refused).toBeUndefined();
	});

	it('keeps well-formed text, emoji and other scripts', () => {
		expect(unstorableTextAt({ a: ['Zoë 💥 مرحبا', { b: '\u202e' }] })).toBeNull();
		expect(unstorableTextAt({ a: ['ok', { b: 'x\u0000' }] })).toBe('a[1].b');
		expect(unstorableTextAt('\udc00')).toBe('');
	});

	it('is a 400 from other JSON endpoints (sign-in), not a database error', async () => {
		const event = (body: unknown) =>
			({ request: new Request('http://koers.test/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) }) as RequestEvent;
		const refused = await readJson(event({ username: 'a\u0000b', password: 'wachtwoord' }), loginSchema).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(ApiError);
		expect((refused as ApiError).status).toBe(400);
		expect((refused as ApiError).code).toBe('invalid_input');
		await expect(readJson(event({ username: 'student1', password: 'wachtwoord' }), loginSchema)).resolves.toEqual({ username: 'student1', password: 'wachtwoord' });
		// Sync reads the batch as it is and refuses per op (above).
		const batch = { cursor: null, ops: [put('goal', { title: 'a\u0000b' })] };
		await expect(readJson(event(batch), syncRequestSchema, undefined, { anyText: true })).resolves.toEqual(batch);
		await expect(readJson(event(batch), syncRequestSchema)).rejects.toBeInstanceOf(ApiError);
	});

	it('is refused by the board file parser, with the place, so an import never half fails on the server', () => {
		const file = toBoardFile({ title: 'Bord', levels: dutchDefaultLevels, mode: 'free', groupIds: [] }, [
			{ title: 'Goed', level: 'basis', type: 'practice', required: false },
			{ title: 'Fout \u0000', level: 'basis', type: 'practice', required: false }
		]);
		const result = parseBoardFile(boardFileText(file));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ path: 'items[1].title', code: 'invalid' }));
		file.items[1]!.title = 'Zoë 💥';
		expect(parseBoardFile(boardFileText(file)).ok).toBe(true);
	});
});
