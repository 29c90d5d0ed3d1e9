import { json } from '@sveltejs/kit';
import { loginSchema } from '$lib/domain/user';
import { api, ApiError, readJson } from '$lib/server/http/api';
import { signIn } from '$lib/server/auth/sign-in';
import { homeOf } from '$lib/domain/constants';

export const POST = api(async (event) => {
	const input = await readJson(event, loginSchema, 4096);
	const result = await signIn(event, input);
	if (!result.ok) {
		if (result.reason === 'rate_limited') {
			throw new ApiError(429, 'login_rate_limited', undefined, { 'retry-after': String(result.retryAfterSeconds) });
		}
		throw new ApiError(401, 'login_invalid');
	}
	return json({ ok: true, home: homeOf[result.user.role] });
});
