import { redirect } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { database } from '$lib/server/db/runtime';
import { answerDeepLink } from '$lib/server/interop/lti/deep-link';
import { ApiError } from '$lib/server/http/api';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Back to the LMS with the signed Deep Linking response. A page of its own: the form goes to the
 * platform's origin, which Koers's pages may not post to (form-action 'self').
 */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	if (!locals.user) redirect(303, '/lti/problem?code=state');
	const form = await request.formData().catch(() => new FormData());
	const board = String(form.get('board') ?? '');
	let answer: { returnUrl: string; jwt: string };
	try {
		answer = await answerDeepLink(database().db, locals.user, String(form.get('t') ?? ''), board || null, url.origin);
	} catch (e) {
		if (e instanceof ApiError) redirect(303, '/lti/problem?code=state');
		throw e;
	}
	const nonce = randomBytes(16).toString('base64');
	const target = new URL(answer.returnUrl);
	const html = `<!doctype html><html lang="${m.lti_html_lang()}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Koers</title>
<main><p>${escape(m.lti_deep_link_returning())}</p>
<form id="back" method="post" action="${escape(target.href)}"><input type="hidden" name="JWT" value="${escape(answer.jwt)}"><button type="submit">${escape(m.lti_deep_link_back())}</button></form></main>
<script nonce="${nonce}">document.getElementById('back').submit()</script></html>`;
	return new Response(html, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; form-action ${target.origin}; frame-ancestors 'none'`
		}
	});
};
