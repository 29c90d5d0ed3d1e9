import { context, orError } from '$lib/server/http/actor';
import { groupDashboard } from '$lib/server/coach/dashboard.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, db } = context(locals);
	return await orError(groupDashboard(db, user, params.groupId));
};
