import { json } from '@sveltejs/kit';
import { syncLimits, syncRequestSchema } from '$lib/domain/sync';
import { api, ApiError, readJson } from '$lib/server/http/api';
import { database } from '$lib/server/db/runtime';
import { sync } from '$lib/server/sync/sync';

export const POST = api(async (event) => {
	const user = event.locals.user;
	if (!user) throw new ApiError(401, 'not_signed_in');
	const body = await readJson(event, syncRequestSchema, syncLimits.maxBytes);
	if (body.ops.length > syncLimits.maxOps) throw new ApiError(413, 'sync_too_many_ops');
	const response = await sync(database().db, user, body);
	return json(response, { headers: { 'cache-control': 'no-store' } });
});
