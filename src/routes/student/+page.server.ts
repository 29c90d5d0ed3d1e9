import { context } from '$lib/server/http/actor';
import { studentGroups } from '$lib/server/student/home.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	return { groups: await studentGroups(db, user) };
};
