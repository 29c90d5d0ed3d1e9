import { context, orError } from '$lib/server/http/actor';
import { coachPeople } from '$lib/server/coach/people.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	return { people: await orError(coachPeople(db, user)) };
};
