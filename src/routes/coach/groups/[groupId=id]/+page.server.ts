import { context, orError } from '$lib/server/http/actor';
import { groupDashboard } from '$lib/server/coach/dashboard.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, db } = context(locals);
	const dashboard = await orError(groupDashboard(db, user, params.groupId));
	// The page may be served again until a record of one of these students (or of the group) changes.
	locals.pageWatch = { schoolId: user.schoolId, owners: dashboard.rows.map((r) => r.id) };
	return { ...dashboard, wide: true };
};
