import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { context, orError } from '$lib/server/http/actor';
import { attempt } from '$lib/server/http/form';
import { maxRetentionDays, privacySettings, setRetention } from '$lib/server/privacy/retention';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { user, db } = context(locals);
	return { settings: await orError(privacySettings(db, user)), maxRetentionDays };
};

export const actions: Actions = {
	retention: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const raw = String((await request.formData()).get('retentionDays') ?? '').trim();
		const days = raw === '' ? null : /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
		if (days !== null && (!Number.isInteger(days) || days > maxRetentionDays)) {
			return fail(400, { retentionDays: raw, errors: { retentionDays: m.privacy_retention_invalid({ max: maxRetentionDays }) }, message: null });
		}
		const result = await attempt(() => setRetention(db, user, days), { retentionDays: raw });
		return result.ok ? { saved: true } : result.failure;
	}
};
