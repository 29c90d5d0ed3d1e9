import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { finishSignIn, redirectPath } from '$lib/server/interop/oidc/flow';
import { clearStateCookie, setLinkCookie, stateCookie } from '$lib/server/interop/oidc/cookies';
import { signInVerified } from '$lib/server/auth/sign-in';
import { nextPath } from '$lib/server/auth/next';
import type { RequestHandler } from './$types';

/** Back from the school's identity provider: signed in, asked for a link code, or back to the sign-in page with the reason. */
export const GET: RequestHandler = async (event) => {
	const browserState = event.cookies.get(stateCookie);
	clearStateCookie(event);
	// The redirect URI exactly as it was registered, whatever host header a proxy passed on.
	const current = new URL(event.url.origin + redirectPath(event.params.provider) + event.url.search);
	const result = await finishSignIn(database().db, event.params.provider, current, browserState);
	if (result.kind === 'failed') redirect(303, `/login?sso=${result.code}`);
	if (result.kind === 'link') {
		setLinkCookie(event, result.token);
		redirect(303, '/auth/link');
	}
	await signInVerified(event, result.user);
	redirect(303, nextPath(result.returnTo, result.user));
};
