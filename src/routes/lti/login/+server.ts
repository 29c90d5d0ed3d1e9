import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { loginPath, startLogin, stateCookieName, type LoginRequest } from '$lib/server/interop/lti/launch';
import { m } from '$lib/paraglide/messages.js';
import type { RequestEvent, RequestHandler } from './$types';

const names = ['iss', 'login_hint', 'target_link_uri', 'lti_message_hint', 'client_id', 'lti_deployment_id'] as const;

async function paramsOf(event: RequestEvent): Promise<Partial<LoginRequest>> {
	// A post that is not a form (or has no body) is a login without parameters: refused below, not a crash.
	const source = event.request.method === 'POST' ? await event.request.formData().catch(() => new FormData()) : event.url.searchParams;
	const out: Partial<LoginRequest> = {};
	for (const n of names) {
		const v = source.get(n);
		if (typeof v === 'string' && v.length <= 2000) out[n] = v;
	}
	return out;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Inside an LMS's iframe the browser may not keep Koers's state cookie (third-party cookies), and
 * Koers's pages may not be framed; so the login offers to continue in a new window, where the whole
 * launch runs as a normal page. Its own small page: the only one Koers lets be framed. No form-action
 * rule: the post to /lti/login goes on by redirect to the platform, which form-action would block.
 */
function newWindowPage(params: Partial<LoginRequest>): Response {
	const fields = Object.entries(params)
		.map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(String(v))}">`)
		.join('');
	const html = `<!doctype html><html lang="${m.lti_html_lang()}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Koers</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;margin:1.5rem;color:#1a1a1a}button{font:inherit;min-height:44px;padding:.5rem 1rem;border-radius:.5rem;border:0;background:#0b5cad;color:#fff}</style>
<main><h1>${escape(m.lti_new_window_title())}</h1><p>${escape(m.lti_new_window_text())}</p>
<form method="post" action="${loginPath}" target="_blank">${fields}<button type="submit">${escape(m.lti_new_window_button())}</button></form></main></html>`;
	return new Response(html, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *"
		}
	});
}

/** Third-party initiated login (GET or POST from the LMS): on to the platform's authorization endpoint. */
const login: RequestHandler = async (event) => {
	const params = await paramsOf(event);
	if (event.request.headers.get('sec-fetch-dest') === 'iframe') return newWindowPage(params);
	const started = await startLogin(database().db, params, event.url.origin);
	if (!started.ok) redirect(303, `/lti/problem?code=${started.code}`);
	// SameSite=None: the launch comes back as a form post from the platform's site.
	event.cookies.set(stateCookieName(started.state), started.state, { path: '/lti', httpOnly: true, sameSite: 'none', secure: true, maxAge: 600 });
	redirect(303, started.url.href);
};

export const GET = login;
export const POST = login;
