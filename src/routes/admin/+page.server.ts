import { context, orError } from '$lib/server/http/actor';
import { schoolCounts } from '$lib/server/admin/school.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	return { counts: await orError(schoolCounts(db, user)) };
};
