import { json } from '@sveltejs/kit';
import { syncLimits, syncRequestSchema } from '$lib/domain/sync';
import { api, ApiError, readJson } from '$lib/server/http/api';
import { database } from '$lib/server/db/runtime';
import { sync } from '$lib/server/sync/sync';
import { pollCache } from '$lib/server/sync/poll-cache';
import { confirmSession } from '$lib/server/auth/cookies';

export const POST = api(async (event) => {
	const user = event.locals.user;
	if (!user) throw new ApiError(401, 'not_signed_in');
	// Text that cannot be stored is refused per op (in `sync`), so the rest of the batch still goes through.
	const body = await readJson(event, syncRequestSchema, syncLimits.maxBytes, { anyText: true });
	if (body.ops.length > syncLimits.maxOps) throw new ApiError(413, 'sync_too_many_ops');
	// Nothing new for an up-to-date device, known without a query: its own cursor back, no data (poll-cache.ts).
	if (!body.ops.length && body.cursor && pollCache.nothingNew(user, body.cursor)) {
		return json({ cursor: body.cursor, results: [], changes: [], more: false, reset: false }, { headers: { 'cache-control': 'no-store' } });
	}
	// Anything else reads or writes data: a sign-in taken from the poll cache is confirmed by the database first.
	if (event.locals.sessionFromCache && !(await confirmSession(event, event.locals.sessionToken!))) throw new ApiError(401, 'not_signed_in');
	const response = await sync(database().db, event.locals.user!, body, pollCache);
	return json(response, { headers: { 'cache-control': 'no-store' } });
});
