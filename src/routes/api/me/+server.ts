import { json } from '@sveltejs/kit';
import { api, ApiError } from '$lib/server/http/api';

export const GET = api(async ({ locals }) => {
	if (!locals.user) throw new ApiError(401, 'not_signed_in');
	return json({ user: locals.user, locale: locals.locale }, { headers: { 'cache-control': 'private, no-store' } });
});
