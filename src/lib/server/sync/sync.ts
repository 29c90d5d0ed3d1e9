import type { SyncRequest, SyncResponse } from '$lib/domain/sync';
import type { Db } from '../db';
import type { Actor } from '../policy';
import { applyOps } from './apply-ops';
import { changesSince } from './changes-since';
import { decodeCursor, encodeCursor, loadScope } from './scope';

/** One sync round: apply the device's ops, then answer everything in its scope after its cursor. */
export async function sync(db: Db, actor: Actor, request: SyncRequest): Promise<SyncResponse & { reset: boolean }> {
	const scope = await loadScope(db, actor);
	const results = await applyOps(db, scope, request.ops);
	const { rev, reset } = decodeCursor(request.cursor, scope);
	const { changes, more, lastRev } = await changesSince(db, scope, rev);
	return { cursor: encodeCursor(lastRev, scope), results, changes, more, reset };
}
