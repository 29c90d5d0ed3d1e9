import { context, orError } from '$lib/server/http/actor';
import { coachGroups } from '$lib/server/coach/groups.service';
import { groupDashboard } from '$lib/server/coach/dashboard.service';
import type { PageServerLoad } from './$types';

/** The coach's start: with exactly one group, that group's dashboard at once; otherwise the list of groups. */
export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	const groups = await orError(coachGroups(db, user));
	const only = groups.length === 1 ? groups[0] : undefined;
	const dashboard = only ? await orError(groupDashboard(db, user, only.id)) : null;
	// Kept and served again (page-cache.ts) until a record of one of these students changes; the list of
	// groups changes only with groups and memberships, which drop every kept page.
	locals.pageWatch = { schoolId: user.schoolId, owners: dashboard?.rows.map((r) => r.id) ?? [] };
	return { groups, dashboard, wide: dashboard !== null };
};
