import type { RequestEvent } from '@sveltejs/kit';

/** The state of a school sign-in in flight, on the browser that started it (10 minutes, only sent to /auth/oidc). */
export const stateCookie = 'koers_oidc_state';
/** A school sign-in waiting for its link code (15 minutes, only sent to /auth/link). */
export const linkCookie = 'koers_link';

const options = (event: RequestEvent, path: string, maxAge: number) => ({
	path,
	httpOnly: true,
	sameSite: 'lax' as const,
	secure: event.url.protocol === 'https:',
	maxAge
});

export const setStateCookie = (event: RequestEvent, state: string) => event.cookies.set(stateCookie, state, options(event, '/auth/oidc', 600));
export const clearStateCookie = (event: RequestEvent) => event.cookies.delete(stateCookie, { path: '/auth/oidc', secure: event.url.protocol === 'https:' });
export const setLinkCookie = (event: RequestEvent, token: string) => event.cookies.set(linkCookie, token, options(event, '/auth/link', 900));
export const clearLinkCookie = (event: RequestEvent) => event.cookies.delete(linkCookie, { path: '/auth/link', secure: event.url.protocol === 'https:' });

/** A same-site path to return to after signing in, or nothing. */
export function samePath(next: string | null): string | null {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
