import type { RequestEvent } from '@sveltejs/kit';
import type { Me } from '$lib/domain/user';
import { database } from '../db/runtime';
import { pollCache } from '../sync/poll-cache';
import { sessionCookieName, validateSession } from './session';

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

/** A device's poll: its sign-in may come from the poll cache (`pollCache.user`), and is remembered there. */
export function isSyncPoll(event: RequestEvent): boolean {
	return event.request.method === 'POST' && event.url.pathname === '/api/sync';
}

/**
 * Looks the request's session token up in the database and sets `locals` from it: renews the cookie when the
 * session was renewed, removes it when the session is gone. Returns the user, or null.
 */
export async function confirmSession(event: RequestEvent, token: string): Promise<Me | null> {
	const { locals } = event;
	const ticket = pollCache.ticket('');
	const session = await validateSession(database().db, token);
	locals.sessionFromCache = false;
	if (!session) {
		locals.user = null;
		locals.sessionToken = null;
		event.cookies.delete(sessionCookieName, { path: '/' });
		return null;
	}
	locals.user = session.user;
	locals.sessionToken = token;
	if (session.renewed) setSessionCookie(event, token, session.expiresAt);
	// Kept for the device's next poll, and for a kept page of this user (page-cache.ts).
	if (isSyncPoll(event) || (event.request.method === 'GET' && !event.isDataRequest)) pollCache.rememberSession(ticket, token, session);
	return session.user;
}
