import { redirect } from '@sveltejs/kit';
import { locales, type Locale } from '$lib/domain/constants';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

/** Switches the interface language and remembers it in a cookie the client can read too. Works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	const locale = String(form.get('locale') ?? '');
	const next = String(form.get('next') ?? '/');
	if ((locales as readonly string[]).includes(locale)) {
		cookies.set(cookieName, locale as Locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: cookieMaxAge
		});
	}
	redirect(303, next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/');
};
