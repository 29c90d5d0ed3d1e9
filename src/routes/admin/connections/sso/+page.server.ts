import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { context } from '$lib/server/http/actor';
import { attempt, fieldErrors } from '$lib/server/http/form';
import { redirectPath } from '$lib/server/interop/oidc/flow';
import {
	createProvider,
	deleteProvider,
	listProviders,
	providerInputFromForm,
	setProviderEnabled,
	updateProvider
} from '$lib/server/interop/oidc/providers.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, db } = context(locals);
	const providers = await listProviders(db, user);
	return {
		providers: providers.map((p) => ({ ...p, redirectUri: url.origin + redirectPath(p.slug) })),
		origin: url.origin
	};
};

const idOf = (form: FormData) => z.uuid().safeParse(String(form.get('id') ?? ''));

/** What the admin typed, sent back on a refusal so nothing is lost (the secret is never sent back). */
function typed(form: FormData) {
	const keys = ['name', 'issuer', 'clientId', 'personClaim', 'personClaimOther', 'roleClaim', 'studentValues', 'coachValues'];
	return { values: Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? '')])), allowCreate: form.get('allowCreate') === 'on' };
}

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const parsed = providerInputFromForm(form);
		if (!parsed.success) return fail(400, { action: 'create', ...typed(form), errors: fieldErrors(parsed.error), message: null });
		const result = await attempt(() => createProvider(db, user, parsed.data), { action: 'create', ...typed(form) });
		return result.ok ? { created: parsed.data.name } : result.failure;
	},
	update: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const id = idOf(form);
		if (!id.success) return fail(404, { message: null, errors: {} });
		const parsed = providerInputFromForm(form);
		if (!parsed.success) return fail(400, { action: 'update', id: id.data, ...typed(form), errors: fieldErrors(parsed.error), message: null });
		const result = await attempt(() => updateProvider(db, user, id.data, parsed.data), { action: 'update', id: id.data, ...typed(form) });
		return result.ok ? { updated: parsed.data.name } : result.failure;
	},
	toggle: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const id = idOf(form);
		if (!id.success) return fail(404, { message: null, errors: {} });
		const enabled = form.get('enabled') === 'true';
		const result = await attempt(() => setProviderEnabled(db, user, id.data, enabled));
		return result.ok ? { toggled: enabled } : result.failure;
	},
	delete: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const id = idOf(await request.formData());
		if (!id.success) return fail(404, { message: null, errors: {} });
		const result = await attempt(() => deleteProvider(db, user, id.data));
		return result.ok ? { deleted: true } : result.failure;
	}
};
