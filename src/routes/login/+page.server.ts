import { fail, redirect } from '@sveltejs/kit';
import { loginSchema } from '$lib/domain/user';
import { database } from '$lib/server/db/runtime';
import { demoSignIn } from '$lib/server/seed/demo';
import { signIn } from '$lib/server/auth/sign-in';
import { signInButtons } from '$lib/server/interop/oidc/providers.service';
import { nextPath } from '$lib/server/auth/next';
import { errorMessage } from '$lib/i18n/errors';
import { fieldErrors } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

const ssoFailures = new Set(['unknown_provider', 'unreachable', 'state', 'refused', 'failed', 'no_person', 'inactive', 'role_unknown']);

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, nextPath(url.searchParams.get('next'), locals.user));
	const db = database().db;
	const demo = await demoSignIn(db);
	const sso = url.searchParams.get('sso');
	return {
		schools: await signInButtons(db),
		// Why a school sign-in came back here; only the known reasons are shown.
		ssoError: sso && ssoFailures.has(sso) ? errorMessage(`sso_${sso}`) : null,
		demo
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '');
		const parsed = loginSchema.safeParse({ username, password: String(form.get('password') ?? '') });
		if (!parsed.success) {
			return fail(400, { username, errors: fieldErrors(parsed.error), message: null });
		}
		const result = await signIn(event, parsed.data);
		if (!result.ok) {
			if (result.reason === 'rate_limited') {
				return fail(429, { username, errors: {} as Record<string, string>, message: errorMessage('login_rate_limited') });
			}
			return fail(401, { username, errors: {} as Record<string, string>, message: errorMessage('login_invalid') });
		}
		redirect(303, nextPath(event.url.searchParams.get('next'), result.user));
	}
};
