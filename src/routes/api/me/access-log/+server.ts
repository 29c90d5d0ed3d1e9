import { json } from '@sveltejs/kit';
import { api, ApiError } from '$lib/server/http/api';
import { database } from '$lib/server/db/runtime';
import { accessLogOf } from '$lib/server/privacy/access-log.service';

/** `GET /api/me/access-log`: who read the signed-in student's private note (or downloaded their data), newest first. */
export const GET = api(async ({ locals }) => {
	const user = locals.user;
	if (!user) throw new ApiError(401, 'not_signed_in');
	if (user.role !== 'student') throw new ApiError(403, 'forbidden');
	const entries = await accessLogOf(database().db, user, user.id);
	return json({ entries }, { headers: { 'cache-control': 'private, no-store' } });
});
