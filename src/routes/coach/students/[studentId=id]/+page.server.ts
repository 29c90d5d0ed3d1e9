import { context, orError } from '$lib/server/http/actor';
import { coachedStudent } from '$lib/server/coach/student.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, db } = context(locals);
	return { student: await orError(coachedStudent(db, user, params.studentId)) };
};
