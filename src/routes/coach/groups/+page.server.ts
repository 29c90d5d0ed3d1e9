import { context, orError } from '$lib/server/http/actor';
import { coachGroups } from '$lib/server/coach/groups.service';
import type { PageServerLoad } from './$types';

/** Every group this coach coaches (with one group, /coach opens its dashboard; this list stays reachable). */
export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	return { groups: await orError(coachGroups(db, user)) };
};
