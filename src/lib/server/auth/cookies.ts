import type { RequestEvent } from '@sveltejs/kit';
import { sessionCookieName } from './session';

/** httpOnly, SameSite=Lax, and Secure whenever the site is served over https. */
export function setSessionCookie(event: RequestEvent, token: string, expires: Date) {
	event.cookies.set(sessionCookieName, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires
	});
}

export function clearSessionCookie(event: RequestEvent) {
	event.cookies.delete(sessionCookieName, { path: '/', secure: event.url.protocol === 'https:' });
}
