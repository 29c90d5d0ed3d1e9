import { context, orError } from '$lib/server/http/actor';
import { schoolCounts } from '$lib/server/admin/school.service';
import { schoolOverview } from '$lib/server/admin/overview.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	const [counts, overview] = await Promise.all([orError(schoolCounts(db, user)), orError(schoolOverview(db, user))]);
	return { counts, overview };
};
