import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { deepLinkChoice } from '$lib/server/interop/lti/deep-link';
import { ApiError } from '$lib/server/http/api';
import type { PageServerLoad } from './$types';

/** The coach chooses which board the LMS course links to. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const token = url.searchParams.get('t') ?? '';
	if (!locals.user) redirect(303, '/lti/problem?code=state');
	try {
		return { token, ...(await deepLinkChoice(database().db, locals.user, token)) };
	} catch (e) {
		if (e instanceof ApiError) redirect(303, '/lti/problem?code=state');
		throw e;
	}
};
