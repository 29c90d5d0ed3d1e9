import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { pendingLink, redeemLinkCode } from '$lib/server/interop/oidc/link.service';
import { clearLinkCookie, linkCookie } from '$lib/server/interop/oidc/cookies';
import { signInVerified } from '$lib/server/auth/sign-in';
import { nextPath } from '$lib/server/auth/next';
import { errorMessage } from '$lib/i18n/errors';
import type { Actions, PageServerLoad } from './$types';

/** The first school sign-in of someone Koers does not know yet: they type the code their school gave them. */
export const load: PageServerLoad = async ({ cookies }) => {
	return { pending: await pendingLink(database().db, cookies.get(linkCookie)) };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const code = String(form.get('code') ?? '').slice(0, 40);
		if (!code.trim()) return fail(400, { code, message: errorMessage('link_code_required') });
		const result = await redeemLinkCode(database().db, event.cookies.get(linkCookie), code, event.getClientAddress());
		if (!result.ok) return fail(result.code === 'login_rate_limited' ? 429 : 400, { code, message: errorMessage(result.code) });
		clearLinkCookie(event);
		await signInVerified(event, result.user);
		redirect(303, nextPath(result.returnTo, result.user));
	}
};
