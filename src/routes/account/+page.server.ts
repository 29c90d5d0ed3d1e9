import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { passwordMinLength } from '$lib/domain/constants';
import { changePassword, signOutEverywhere } from '$lib/server/auth/account.service';
import { forgetSession } from '$lib/server/auth/sign-in';
import { context } from '$lib/server/http/actor';
import { errorMessage } from '$lib/i18n/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	context(locals);
	return { passwordMinLength };
};

const problemText: Record<string, () => string> = {
	password_wrong: () => m.account_password_wrong(),
	password_too_short: () => m.account_password_too_short({ min: passwordMinLength }),
	password_too_long: () => m.account_password_too_long(),
	password_common: () => m.account_password_common(),
	password_same: () => m.account_password_same(),
	rate_limited: () => errorMessage('login_rate_limited')
};

export const actions: Actions = {
	/** Current + new (twice). The other devices are signed out; this one stays signed in. */
	password: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		const repeat = String(form.get('repeat') ?? '');
		if (!current) return fail(400, { errors: { current: m.account_password_wrong() } as Record<string, string> });
		if (next !== repeat) return fail(400, { errors: { repeat: m.account_password_mismatch() } as Record<string, string> });
		const result = await changePassword(db, user, { current, next }, locals.sessionToken);
		if (!result.ok) return fail(400, { errors: { [result.field]: problemText[result.problem]!() } as Record<string, string> });
		return { passwordChanged: true };
	},
	/** Ends every session of this account, this one too; the sign-in page says so. */
	everywhere: async (event) => {
		const { user, db } = context(event.locals);
		await signOutEverywhere(db, user);
		forgetSession(event);
		redirect(303, '/login?signedOut=everywhere');
	}
};
