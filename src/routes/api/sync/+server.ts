import { json } from '@sveltejs/kit';
import { syncLimits, syncRequestSchema } from '$lib/domain/sync';
import { api, ApiError, readJson } from '$lib/server/http/api';
import { database } from '$lib/server/db/runtime';
import { sync } from '$lib/server/sync/sync';

export const POST = api(async (event) => {
	const user = event.locals.user;
	if (!user) throw new ApiError(401, 'not_signed_in');
	// Text that cannot be stored is refused per op (in `sync`), so the rest of the batch still goes through.
	const body = await readJson(event, syncRequestSchema, syncLimits.maxBytes, { anyText: true });
	if (body.ops.length > syncLimits.maxOps) throw new ApiError(413, 'sync_too_many_ops');
	const response = await sync(database().db, user, body);
	return json(response, { headers: { 'cache-control': 'no-store' } });
});
