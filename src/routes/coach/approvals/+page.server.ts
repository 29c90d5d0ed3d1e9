import { context, orError } from '$lib/server/http/actor';
import { coachStudents } from '$lib/server/coach/roster.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	return { students: await orError(coachStudents(db, user)) };
};
