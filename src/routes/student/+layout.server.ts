import { context } from '$lib/server/http/actor';
import { studentGroups } from '$lib/server/student/home.service';
import type { LayoutServerLoad } from './$types';

/** The student's groups and coaches (names for feedback threads), shared by every student page. */
export const load: LayoutServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	const groups = await studentGroups(db, user);
	const coaches = new Map(groups.flatMap((g) => g.coachIds).map((c) => [c.id, c.displayName]));
	return { groups, coachNames: Object.fromEntries(coaches) as Record<string, string> };
};
