import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { displayNameSchema } from '$lib/domain/user';
import { renameUser } from '$lib/server/admin/rename.service';
import { context, orError } from '$lib/server/http/actor';
import { attempt, fieldErrors } from '$lib/server/http/form';
import { accountDetail } from '$lib/server/privacy/account-admin.service';
import { archiveStudent, eraseStudent, restoreStudent } from '$lib/server/privacy/erase.service';
import { createLinkCode, identitiesOf, unlinkIdentity } from '$lib/server/interop/oidc/link.service';
import { listProviders } from '$lib/server/interop/oidc/providers.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, db } = context(locals);
	const account = await orError(accountDetail(db, user, params.userId));
	return {
		account,
		identities: await identitiesOf(db, user, params.userId),
		hasProviders: (await listProviders(db, user)).some((p) => p.enabled)
	};
};

export const actions: Actions = {
	rename: async ({ locals, params, request }) => {
		const { user, db } = context(locals);
		const displayName = String((await request.formData()).get('displayName') ?? '');
		const parsed = z.object({ displayName: displayNameSchema }).safeParse({ displayName });
		if (!parsed.success) return fail(400, { displayName, errors: fieldErrors(parsed.error), message: null });
		const result = await attempt(() => renameUser(db, user, params.userId, parsed.data.displayName), { displayName });
		return result.ok ? { renamed: parsed.data.displayName } : result.failure;
	},
	linkCode: async ({ locals, params }) => {
		const { user, db } = context(locals);
		const result = await attempt(() => createLinkCode(db, user, params.userId));
		return result.ok ? { linkCode: result.value.code, linkCodeExpires: result.value.expiresAt.toISOString() } : result.failure;
	},
	unlink: async ({ locals, params, request }) => {
		const { user, db } = context(locals);
		const sourceId = z.uuid().safeParse(String((await request.formData()).get('sourceId') ?? ''));
		if (!sourceId.success) return fail(404, { message: null, errors: {} as Record<string, string> });
		const result = await attempt(() => unlinkIdentity(db, user, params.userId, sourceId.data));
		return result.ok ? { unlinked: true } : result.failure;
	},
	archive: async ({ locals, params }) => {
		const { user, db } = context(locals);
		const result = await attempt(() => archiveStudent(db, user, params.userId));
		return result.ok ? { archived: true } : result.failure;
	},
	restore: async ({ locals, params }) => {
		const { user, db } = context(locals);
		const result = await attempt(() => restoreStudent(db, user, params.userId));
		return result.ok ? { restored: true } : result.failure;
	},
	erase: async ({ locals, params, request }) => {
		const { user, db } = context(locals);
		const confirm = String((await request.formData()).get('confirm') ?? '');
		const result = await attempt(() => eraseStudent(db, user, params.userId, confirm), { confirm });
		if (!result.ok) return result.failure;
		redirect(303, '/admin/users?erased=1');
	}
};
