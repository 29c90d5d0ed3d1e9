import { z } from 'zod';
import { fail } from '@sveltejs/kit';
import { newUserSchema } from '$lib/domain/user';
import { context, orError } from '$lib/server/http/actor';
import { attempt, fieldErrors } from '$lib/server/http/form';
import { createUser, listUsers, resetPassword } from '$lib/server/admin/school.service';
import { generatePassword } from '$lib/server/auth/password';
import { isCommonPassword } from '$lib/server/auth/password-rules';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	return { users: await orError(listUsers(db, user)) };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const given = String(form.get('password') ?? '');
		const values = {
			username: String(form.get('username') ?? ''),
			displayName: String(form.get('displayName') ?? ''),
			role: String(form.get('role') ?? 'student')
		};
		const password = given || generatePassword();
		const parsed = newUserSchema.safeParse({ ...values, password });
		if (!parsed.success) return fail(400, { ...values, errors: fieldErrors(parsed.error), message: null });
		// The same rule as on the account page: a chosen password may not be a well-known one.
		if (given && isCommonPassword(given)) return fail(400, { ...values, errors: { password: m.account_password_common() } as Record<string, string>, message: null });
		const result = await attempt(() => createUser(db, user, parsed.data), values);
		if (!result.ok) return result.failure;
		return { created: { username: parsed.data.username, password: given ? null : password } };
	},
	reset: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const id = z.uuid().safeParse((await request.formData()).get('userId'));
		if (!id.success) return fail(400, { message: null, errors: {} });
		const result = await attempt(() => resetPassword(db, user, id.data));
		if (!result.ok) return result.failure;
		return { reset: result.value };
	}
};
