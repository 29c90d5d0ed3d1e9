import type { RequestEvent } from '@sveltejs/kit';
import type { LoginInput } from '$lib/domain/user';
import { database } from '../db/runtime';
import { setSessionCookie, clearSessionCookie } from './cookies';
import { login, type LoginResult } from './login';
import { createSession, deleteSession, sessionCookieName, type NewSession } from './session';
import { pollCache } from '../sync/poll-cache';

/**
 * Signs in for both the form and the JSON endpoint. The session rotates: whatever session cookie
 * the request carries (valid or not, this user's or someone else's) is ended, so a session id
 * planted before sign-in is worthless after it.
 */
export async function signIn(event: RequestEvent, input: LoginInput): Promise<LoginResult> {
	const db = database().db;
	const result = await login(db, input, event.getClientAddress());
	if (result.ok) await rotateInto(event, result.session);
	return result;
}

/** Ends whatever session the request carried and sets the new one's cookie. */
async function rotateInto(event: RequestEvent, session: NewSession): Promise<void> {
	const db = database().db;
	const previous = new Set([event.locals.sessionToken, event.cookies.get(sessionCookieName)].filter((t): t is string => !!t));
	for (const token of previous) await deleteSession(db, token);
	setSessionCookie(event, session.token, session.expiresAt);
}

/**
 * Signs in someone whose identity was proven elsewhere (the school's identity provider, an LMS launch):
 * a new session, rotated like a password sign-in.
 */
export async function signInVerified(event: RequestEvent, user: { id: string; schoolId: string }): Promise<void> {
	await rotateInto(event, await createSession(database().db, user));
}

export async function signOut(event: RequestEvent): Promise<void> {
	if (event.locals.sessionToken) await deleteSession(database().db, event.locals.sessionToken);
	// This process drops its kept sign-ins at once, without waiting for the change feed's word (which the
	// other processes get): the next request with the old cookie is confirmed in the database.
	pollCache.heard('s');
	clearSessionCookie(event);
	event.locals.user = null;
	event.locals.sessionToken = null;
}

/** Ends the browser's own cookie and locals after all the account's sessions were ended elsewhere. */
export function forgetSession(event: RequestEvent): void {
	clearSessionCookie(event);
	event.locals.user = null;
	event.locals.sessionToken = null;
}
