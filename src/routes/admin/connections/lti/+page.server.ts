import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { context } from '$lib/server/http/actor';
import { attempt, fieldErrors } from '$lib/server/http/form';
import { jwksPath, launchPath, loginPath } from '$lib/server/interop/lti/launch';
import { createPlatform, deletePlatform, listPlatforms, platformFields, platformInputFromForm, updatePlatform } from '$lib/server/interop/lti/platforms.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, db } = context(locals);
	return {
		platforms: await listPlatforms(db, user),
		tool: { login: url.origin + loginPath, launch: url.origin + launchPath, jwks: url.origin + jwksPath, deepLink: url.origin + launchPath }
	};
};

const idOf = (form: FormData) => z.uuid().safeParse(String(form.get('id') ?? ''));
/** What the admin typed, sent back on a refusal so nothing is lost. */
const typed = (form: FormData) => ({ values: Object.fromEntries(platformFields.map((k) => [k, String(form.get(k) ?? '')])) });

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const parsed = platformInputFromForm(form);
		if (!parsed.success) return fail(400, { action: 'create', ...typed(form), errors: fieldErrors(parsed.error), message: null });
		const result = await attempt(() => createPlatform(db, user, parsed.data), { action: 'create', ...typed(form) });
		return result.ok ? { created: parsed.data.name } : result.failure;
	},
	update: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const id = idOf(form);
		if (!id.success) return fail(404, { message: null, errors: {} });
		const parsed = platformInputFromForm(form);
		if (!parsed.success) return fail(400, { action: 'update', id: id.data, ...typed(form), errors: fieldErrors(parsed.error), message: null });
		const result = await attempt(() => updatePlatform(db, user, id.data, parsed.data), { action: 'update', id: id.data, ...typed(form) });
		return result.ok ? { updated: parsed.data.name } : result.failure;
	},
	delete: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const id = idOf(await request.formData());
		if (!id.success) return fail(404, { message: null, errors: {} });
		const result = await attempt(() => deletePlatform(db, user, id.data));
		return result.ok ? { deleted: true } : result.failure;
	}
};
