import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { finishLaunch, stateCookieName } from '$lib/server/interop/lti/launch';
import { signInVerified } from '$lib/server/auth/sign-in';
import type { RequestHandler } from './$types';

/** The platform's id_token, posted by the browser: signed in and on to the board, the group or the Deep Linking choice. */
export const POST: RequestHandler = async (event) => {
	const form = await event.request.formData().catch(() => new FormData());
	const state = String(form.get('state') ?? '');
	const browserState = state ? event.cookies.get(stateCookieName(state)) : undefined;
	if (state) event.cookies.delete(stateCookieName(state), { path: '/lti', sameSite: 'none', secure: true });
	// The platform refused to sign the person in (e.g. not logged in at the LMS any more).
	if (form.has('error')) redirect(303, '/lti/problem?code=refused');
	const idToken = form.get('id_token');
	const result = await finishLaunch(database().db, { id_token: typeof idToken === 'string' ? idToken : null, state }, browserState);
	if (result.kind === 'failed') redirect(303, `/lti/problem?code=${result.code}`);
	await signInVerified(event, result.user);
	redirect(303, result.kind === 'deepLink' ? `/lti/deep-link?t=${encodeURIComponent(result.token)}` : result.to);
};

export const GET: RequestHandler = () => redirect(303, '/lti/problem?code=state');
