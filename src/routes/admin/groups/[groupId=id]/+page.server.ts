import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { context, orError } from '$lib/server/http/actor';
import { attempt } from '$lib/server/http/form';
import { addMember, groupWithMembers, removeMember } from '$lib/server/admin/school.service';
import { renameGroup } from '$lib/server/admin/rename.service';
import { groupNameSchema } from '$lib/domain/user';
import { fieldErrors } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, db } = context(locals);
	return await orError(groupWithMembers(db, user, params.groupId));
};

async function userIdFrom(request: Request) {
	return z.uuid().safeParse((await request.formData()).get('userId'));
}

export const actions: Actions = {
	rename: async ({ locals, request, params }) => {
		const { user, db } = context(locals);
		const name = String((await request.formData()).get('name') ?? '');
		const parsed = z.object({ name: groupNameSchema }).safeParse({ name });
		if (!parsed.success) return fail(400, { name, errors: fieldErrors(parsed.error), message: null });
		const result = await attempt(() => renameGroup(db, user, params.groupId, parsed.data.name), { name });
		return result.ok ? { renamed: parsed.data.name } : result.failure;
	},
	add: async ({ locals, request, params }) => {
		const { user, db } = context(locals);
		const id = await userIdFrom(request);
		if (!id.success) return fail(400, { message: null, errors: { userId: '' } });
		const result = await attempt(() => addMember(db, user, params.groupId, id.data));
		return result.ok ? { added: true } : result.failure;
	},
	remove: async ({ locals, request, params }) => {
		const { user, db } = context(locals);
		const id = await userIdFrom(request);
		if (!id.success) return fail(400, { message: null, errors: {} });
		const result = await attempt(() => removeMember(db, user, params.groupId, id.data));
		return result.ok ? { removed: true } : result.failure;
	}
};
