import type { OpResult, SyncRequest, SyncResponse } from '$lib/domain/sync';
import { errorMessage } from '$lib/i18n/errors';
import type { Db } from '../db';
import { unstorableTextAt } from '$lib/domain/text';
import type { Actor } from '../policy';
import { applyOps } from './apply-ops';
import { changesSince, scopeAndNewer } from './changes-since';
import { decodeCursor, encodeCursor, loadScope, makeScope, parseCursor } from './scope';
import type { PollCache } from './poll-cache';

/** One sync round: apply the device's ops, then answer everything in its scope after its cursor. */
export async function sync(db: Db, actor: Actor, request: SyncRequest, cache?: PollCache): Promise<SyncResponse & { reset: boolean }> {
	if (!request.ops.length) return pull(db, actor, request.cursor, cache);
	const scope = await loadScope(db, actor);
	// An op whose data holds text PostgreSQL cannot store (a NUL, half a surrogate pair) is refused on
	// its own, like any invalid op, instead of failing the whole batch's transaction with a 500.
	const badText = request.ops.map((op) => unstorableTextAt(op.data ?? null));
	const stored = await applyOps(db, scope, request.ops.filter((_, i) => badText[i] === null));
	let next = 0;
	const results: OpResult[] = request.ops.map((op, i) =>
		badText[i] === null
			? stored[next++]!
			: { opId: op.opId, status: 'rejected', code: 'sync_invalid', error: `${errorMessage('sync_invalid')} (${badText[i]!.replace(/[^\x20-\x7e]/g, '?') || 'data'})` }
	);
	const { rev, reset } = decodeCursor(request.cursor, scope);
	const { changes, more, lastRev } = await changesSince(db, scope, rev);
	return { cursor: encodeCursor(lastRev, scope), results, changes, more, reset };
}

/**
 * A sync without ops. Most are polls from devices that are up to date: the scope and "anything newer than the
 * cursor?" come in one statement, and only when something is newer (or the cursor is from another scope)
 * are the changes read — the same answer `changesSince` gives, in one round trip instead of two.
 *
 * When the device has everything in its scope, its cursor moves up to the school's newest rev (read in the
 * same statement), so that its next poll can be answered from `cache` while others in the school write.
 */
async function pull(db: Db, actor: Actor, cursor: string | null, cache?: PollCache): Promise<SyncResponse & { reset: boolean }> {
	const ticket = cache?.ticket(actor.schoolId);
	const probe = await scopeAndNewer(db, actor, parseCursor(cursor)?.rev ?? 0);
	const scope = makeScope(actor, probe.groupIds, probe.studentIds);
	if (ticket) cache!.rememberPoll(ticket, scope, probe.schoolRev);
	const { rev, reset } = decodeCursor(cursor, scope);
	if (!reset && !probe.newer) return { cursor: encodeCursor(Math.max(rev, probe.schoolRev), scope), results: [], changes: [], more: false, reset };
	const { changes, more, lastRev } = await changesSince(db, scope, rev);
	// Read after the probe: when it is complete, it holds everything in scope up to the school's rev then.
	return { cursor: encodeCursor(more ? lastRev : Math.max(lastRev, probe.schoolRev), scope), results: [], changes, more, reset };
}
