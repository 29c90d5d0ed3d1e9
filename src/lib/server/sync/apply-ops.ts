import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { decidePick, earlierStepsTaken, type AutonomyLevel } from '$lib/domain/autonomy';
import { entitySchemas } from '$lib/domain/entities';
import { mergeFields } from '$lib/domain/merge';
import type { Op, OpResult } from '$lib/domain/sync';
import { errorMessage } from '$lib/i18n/errors';
import { queryRows, type Db } from '../db';
import { appliedOps, recordHistory, records } from '../db/schema';
import { decide, type Existing } from './decide';
import { rules } from './rules';
import type { Scope } from './scope';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const columns = {
	id: records.id,
	schoolId: records.schoolId,
	entity: records.entity,
	ownerId: records.ownerId,
	authorId: records.authorId,
	parentId: records.parentId,
	groupIds: records.groupIds,
	private: records.private,
	draft: records.draft,
	deleted: records.deleted,
	rev: records.rev,
	data: records.data
};

async function nextRevs(tx: Tx, n: number): Promise<number[]> {
	if (n === 0) return [];
	const rows = await queryRows<{ rev: string | number }>(
		tx as unknown as Db,
		sql`select nextval('rev_seq') as rev from generate_series(1, ${n})`
	);
	return rows.map((r) => Number(r.rev));
}

function reject(op: Op, code: string, detail?: string): OpResult {
	return { opId: op.opId, status: 'rejected', code, error: errorMessage(code) + (detail ? ` (${detail})` : '') };
}

/**
 * Applies a batch of ops in one transaction, in order. Each op is idempotent by its opId, validated
 * with its entity's schema against the merged record, and checked by the rules; a refused op changes
 * nothing and says why. Writes within a school are serialised (an advisory lock), so `rev` order is
 * commit order and no reader's cursor can skip a write.
 */
export async function applyOps(db: Db, scope: Scope, ops: Op[]): Promise<OpResult[]> {
	if (!ops.length) return [];
	const { actor } = scope;
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${actor.schoolId}))`);

		const opIds = ops.map((o) => o.opId);
		const seenOps = new Set(
			(await tx.select({ opId: appliedOps.opId }).from(appliedOps).where(inArray(appliedOps.opId, opIds))).map((r) => r.opId)
		);
		// Every record the batch touches or points at, loaded once; kept current as ops apply.
		const known = new Map<string, Existing | null>();
		const ids = [...new Set(ops.map((o) => o.id))];
		for (const row of await tx.select(columns).from(records).where(inArray(records.id, ids))) known.set(row.id, row);
		// The records the ops point at (goals, picks, items and their boards), loaded up front in two
		// queries rather than one query per op: a batch of 200 new records would otherwise cost ~100.
		await preload(tx, known, actor.schoolId, referencedIds(ops));
		const boardsOfItems = [...known.values()].filter((r) => r?.entity === 'item' && r.parentId).map((r) => r!.parentId!);
		await preload(tx, known, actor.schoolId, boardsOfItems);
		const lookup = async (id: string): Promise<Existing | null> => {
			if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
			if (!known.has(id)) {
				const [row] = await tx.select(columns).from(records).where(and(eq(records.id, id), eq(records.schoolId, actor.schoolId)));
				known.set(id, row ?? null);
			}
			const found = known.get(id) ?? null;
			return found && found.schoolId === actor.schoolId ? found : null;
		};

		// Revs for every op up front (one query); a refused op leaves a gap, which is harmless.
		const revs = await nextRevs(tx, ops.length);
		const history: (typeof recordHistory.$inferInsert)[] = [];
		const finalState = new Map<string, typeof records.$inferInsert>();
		const applied: (typeof appliedOps.$inferInsert)[] = [];
		const boards = new Set<string>();
		const now = new Date();
		const pickFacts: PickFacts = { steps: new Map() };

		const results: OpResult[] = [];
		for (const [index, op] of ops.entries()) {
			if (seenOps.has(op.opId)) {
				results.push({ opId: op.opId, status: 'duplicate' });
				continue;
			}
			const stored = known.get(op.id) ?? null;
			// A record of another school is answered as if it did not exist.
			if (stored && stored.schoolId !== actor.schoolId) {
				results.push(reject(op, 'sync_not_found'));
				continue;
			}
			if (stored && stored.entity !== op.entity) {
				results.push(reject(op, 'sync_wrong_entity'));
				continue;
			}
			const existing = stored && !stored.deleted ? stored : null;
			if (stored?.deleted) {
				results.push(reject(op, 'sync_deleted'));
				continue;
			}
			if (op.action === 'delete' && !existing) {
				results.push(reject(op, 'sync_not_found'));
				continue;
			}

			const rule = rules[op.entity];
			let data: Record<string, unknown> | null = null;
			let patchKeys: string[] = [];
			if (op.action === 'put') {
				const patch = { ...(op.data ?? {}) };
				delete patch.id;
				delete patch.createdAt;
				delete patch.updatedAt;
				patchKeys = Object.keys(patch);
				const merged = mergeFields(existing?.data, patch, rule.appendOnly);
				const parsed = entitySchemas[op.entity].safeParse(merged);
				if (!parsed.success) {
					const issue = parsed.error.issues[0];
					results.push(reject(op, 'sync_invalid', issue?.path.join('.') || issue?.message));
					continue;
				}
				data = parsed.data as Record<string, unknown>;
			}

			const decision = await decide(scope, op.entity, op.action, existing, patchKeys, data ?? existing?.data ?? {}, lookup);
			if (!decision.ok) {
				results.push(reject(op, decision.code));
				continue;
			}
			// A new pick waits for the coach when the student's autonomy says so, whatever the device decided
			// (it may have been offline when the coach changed the level).
			if (op.entity === 'choice' && !existing && actor.role === 'student' && data) {
				if (await pickNeedsApproval(tx, actor, data, lookup, pickFacts)) data = { ...data, needsApproval: true };
			}

			const rev = revs[index]!;
			const { placement } = decision;
			if (existing) {
				history.push({
					schoolId: actor.schoolId,
					recordId: existing.id,
					entity: existing.entity,
					rev: existing.rev,
					deleted: existing.deleted,
					data: existing.data,
					replacedBy: actor.id,
					replacedByOp: op.opId
				});
			}
			const version = {
				ownerId: placement.ownerId,
				parentId: placement.parentId,
				groupIds: placement.groupIds,
				private: placement.private,
				draft: placement.draft,
				rev,
				deleted: op.action === 'delete',
				data: op.action === 'delete' ? null : data,
				updatedAt: now
			};
			const authorId = existing?.authorId ?? finalState.get(op.id)?.authorId ?? actor.id;
			finalState.set(op.id, { id: op.id, schoolId: actor.schoolId, entity: op.entity, authorId, ...version });
			known.set(op.id, { id: op.id, schoolId: actor.schoolId, entity: op.entity, authorId, ...version });
			if (op.entity === 'board') boards.add(op.id);
			applied.push({ opId: op.opId, schoolId: actor.schoolId, userId: actor.id, recordId: op.id, rev });
			seenOps.add(op.opId);
			results.push({ opId: op.opId, status: 'applied', rev });
		}

		// All writes of the batch in a few statements.
		for (const part of chunks(history, 500)) await tx.insert(recordHistory).values(part);
		for (const part of chunks([...finalState.values()], 500)) {
			await tx
				.insert(records)
				.values(part)
				.onConflictDoUpdate({
					target: records.id,
					set: {
						ownerId: sql`excluded.owner_id`,
						parentId: sql`excluded.parent_id`,
						groupIds: sql`excluded.group_ids`,
						private: sql`excluded.private`,
						draft: sql`excluded.draft`,
						rev: sql`excluded.rev`,
						deleted: sql`excluded.deleted`,
						data: sql`excluded.data`,
						updatedAt: sql`excluded.updated_at`
					}
				});
		}
		for (const part of chunks(applied, 500)) await tx.insert(appliedOps).values(part);
		for (const boardId of boards) {
			const board = finalState.get(boardId)!;
			await followBoard(tx, boardId, board.groupIds ?? [], !!board.draft, !!board.deleted, actor.id, applied.find((a) => a.recordId === boardId)!.opId);
		}
		return results;
	});
}

/** Fields of an op's data that point at another record of the school. */
const refFields = ['itemId', 'boardId', 'goalId', 'choiceId', 'previousCycleId', 'targetId', 'suggestedItemId'] as const;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function referencedIds(ops: Op[]): string[] {
	const ids = new Set<string>();
	for (const op of ops) {
		for (const field of refFields) {
			const value = op.data?.[field];
			if (typeof value === 'string' && uuidPattern.test(value)) ids.add(value.toLowerCase());
		}
	}
	return [...ids];
}

/** Loads the school's records among `ids` that are not known yet; an id not found is remembered as missing. */
async function preload(tx: Tx, known: Map<string, Existing | null>, schoolId: string, ids: string[]) {
	const wanted = [...new Set(ids)].filter((id) => !known.has(id));
	if (!wanted.length) return;
	const rows = await tx.select(columns).from(records).where(and(inArray(records.id, wanted), eq(records.schoolId, schoolId)));
	for (const row of rows) known.set(row.id, row);
	for (const id of wanted) if (!known.has(id)) known.set(id, null);
}

/**
 * What the approval rule reads from the database, loaded once per batch: the student's autonomy
 * level, and per step-plan board its steps and the student's picks (as stored before this batch).
 */
interface PickFacts {
	autonomy?: Promise<{ level?: AutonomyLevel; workLevel?: string | null }>;
	picks?: Promise<Set<string>>;
	steps: Map<string, Promise<{ id: string; order?: number; title?: string }[]>>;
}

async function pickNeedsApproval(
	tx: Tx,
	actor: Scope['actor'],
	choice: Record<string, unknown>,
	lookup: (id: string) => Promise<Existing | null>,
	facts: PickFacts
): Promise<boolean> {
	const item = await lookup(String(choice.itemId));
	const board = item?.parentId ? await lookup(item.parentId) : null;
	if (!item?.data || !board?.data) return true;
	facts.autonomy ??= tx
		.select({ data: records.data })
		.from(records)
		.where(and(eq(records.schoolId, actor.schoolId), eq(records.ownerId, actor.id), eq(records.entity, 'autonomy'), eq(records.deleted, false)))
		.orderBy(desc(records.rev))
		.limit(1)
		.then(([autonomy]) => (autonomy?.data ?? {}) as { level?: AutonomyLevel; workLevel?: string | null });
	const a = await facts.autonomy;
	const boardData = board.data as { levels?: { key: string }[]; mode?: 'free' | 'stepPlan' };
	const itemData = item.data as { level: string; required?: boolean; order?: number };
	// In a step plan, the earlier steps must be picked first (for guided students).
	let stepsTaken: boolean | undefined;
	if (boardData.mode === 'stepPlan') {
		let steps = facts.steps.get(board.id);
		if (!steps) {
			steps = tx
				.select({ id: records.id, data: records.data })
				.from(records)
				.where(and(eq(records.parentId, board.id), eq(records.entity, 'item'), eq(records.deleted, false)))
				.then((rows) => rows.map((s) => ({ id: s.id, order: (s.data as { order?: number }).order, title: (s.data as { title?: string }).title })));
			facts.steps.set(board.id, steps);
		}
		facts.picks ??= tx
			.select({ data: records.data })
			.from(records)
			.where(and(eq(records.schoolId, actor.schoolId), eq(records.ownerId, actor.id), eq(records.entity, 'choice'), eq(records.deleted, false)))
			.then(
				(picks) =>
					new Set(picks.map((p) => p.data as { itemId?: string; status?: string }).filter((c) => c.status !== 'dropped').map((c) => String(c.itemId)))
			);
		stepsTaken = earlierStepsTaken(await steps, item.id, await facts.picks);
	}
	const decision = decidePick({
		autonomy: a.level ?? null,
		workLevel: a.workLevel ?? null,
		boardLevels: (boardData.levels ?? []).map((l) => l.key),
		boardMode: boardData.mode ?? 'free',
		item: { level: itemData.level, required: !!itemData.required, order: itemData.order },
		earlierStepsTaken: stepsTaken
	});
	// `notYet` (a later step first) also waits for the coach rather than being refused: the pick may
	// have been made offline, and the coach can still allow it.
	return decision.outcome !== 'free';
}

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/**
 * Items see what their board sees: when a board's groups change or it is published, its items follow with
 * a new rev (so students who now see the board also get its items); when a board is deleted, so are its items.
 */
async function followBoard(tx: Tx, boardId: string, groupIds: string[], draft: boolean, deleted: boolean, actorId: string, opId: string) {
	const items = await tx
		.select(columns)
		.from(records)
		.where(and(eq(records.parentId, boardId), eq(records.entity, 'item'), eq(records.deleted, false)));
	const changed = items.filter((i) => deleted || i.draft !== draft || i.groupIds.join() !== groupIds.join());
	if (!changed.length) return;
	const revs = await nextRevs(tx, changed.length);
	for (const [i, item] of changed.entries()) {
		if (deleted) {
			await tx.insert(recordHistory).values({
				schoolId: item.schoolId, recordId: item.id, entity: 'item', rev: item.rev, deleted: false, data: item.data, replacedBy: actorId, replacedByOp: opId
			});
		}
		await tx
			.update(records)
			.set({ groupIds, draft, rev: revs[i]!, updatedAt: new Date(), ...(deleted ? { deleted: true, data: null } : {}) })
			.where(eq(records.id, item.id));
	}
}
