import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { context, orError } from '$lib/server/http/actor';
import { attempt } from '$lib/server/http/form';
import { coachedStudent } from '$lib/server/coach/student.service';
import { studentAttention } from '$lib/server/coach/dashboard.service';
import { coachStudents } from '$lib/server/coach/roster.service';
import { intakesWithPrivateNote, revealPrivateNote } from '$lib/server/privacy/access-log.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, db } = context(locals);
	const student = await orError(coachedStudent(db, user, params.studentId));
	// Which intakes hold a private note (ids only): the note itself comes only through `revealNote`.
	return {
		student,
		privateNoteIntakeIds: await intakesWithPrivateNote(db, user, student.id),
		waiting: await studentAttention(db, user, student.id),
		// The autonomy panel's student, with the groups whose boards set the period of their pace.
		autonomyStudent: (await coachStudents(db, user)).find((s) => s.id === student.id) ?? { id: student.id, displayName: student.displayName, groupIds: [] }
	};
};

export const actions: Actions = {
	/** "Privénotitie — bekijken": logs who read it and when, then shows the note (works without JavaScript). */
	revealNote: async ({ locals, params, request }) => {
		const { user, db } = context(locals);
		const intakeId = z.uuid().safeParse((await request.formData()).get('intakeId'));
		if (!intakeId.success) return fail(400, { message: null, errors: {} as Record<string, string> });
		const result = await attempt(() => revealPrivateNote(db, user, params.studentId, intakeId.data));
		if (!result.ok) return result.failure;
		return { revealed: result.value };
	}
};
