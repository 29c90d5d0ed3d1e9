import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { groupNameSchema } from '$lib/domain/user';
import { context, orError } from '$lib/server/http/actor';
import { attempt, fieldErrors } from '$lib/server/http/form';
import { createGroup, listGroups } from '$lib/server/admin/school.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	return { groups: await orError(listGroups(db, user)) };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const name = String((await request.formData()).get('name') ?? '');
		const parsed = z.object({ name: groupNameSchema }).safeParse({ name });
		if (!parsed.success) return fail(400, { name, errors: fieldErrors(parsed.error), message: null });
		const result = await attempt(() => createGroup(db, user, parsed.data.name), { name });
		if (!result.ok) return result.failure;
		return { created: parsed.data.name };
	}
};
