import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { startSignIn } from '$lib/server/interop/oidc/flow';
import { samePath, setStateCookie } from '$lib/server/interop/oidc/cookies';
import type { RequestHandler } from './$types';

/** "Inloggen met je school": off to the school's identity provider. */
export const GET: RequestHandler = async (event) => {
	const started = await startSignIn(database().db, event.params.provider, event.url.origin, samePath(event.url.searchParams.get('next')));
	if (!started.ok) redirect(303, `/login?sso=${started.code}`);
	setStateCookie(event, started.state);
	redirect(303, started.url.href);
};
