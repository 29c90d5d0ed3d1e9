import { context, orError } from '$lib/server/http/actor';
import { coachGroups } from '$lib/server/coach/groups.service';
import type { PageServerLoad } from './$types';

/** The coach's groups (policy-checked: coaches only, own school) for the board's group checkboxes. */
export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	const groups = await orError(coachGroups(db, user));
	return { groups: groups.map(({ id, name }) => ({ id, name })) };
};
