import { context, orError } from '$lib/server/http/actor';
import { coachGroup } from '$lib/server/coach/groups.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, db } = context(locals);
	return await orError(coachGroup(db, user, params.groupId));
};
