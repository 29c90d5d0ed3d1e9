import type { RequestEvent } from '@sveltejs/kit';
import type { LoginInput } from '$lib/domain/user';
import { database } from '../db/runtime';
import { setSessionCookie, clearSessionCookie } from './cookies';
import { login, type LoginResult } from './login';
import { deleteSession } from './session';

/** Signs in for both the form and the JSON endpoint; a previous session on this browser is ended first. */
export async function signIn(event: RequestEvent, input: LoginInput): Promise<LoginResult> {
	const db = database().db;
	const result = await login(db, input, event.getClientAddress());
	if (result.ok) {
		if (event.locals.sessionToken) await deleteSession(db, event.locals.sessionToken);
		setSessionCookie(event, result.session.token, result.session.expiresAt);
	}
	return result;
}

export async function signOut(event: RequestEvent): Promise<void> {
	if (event.locals.sessionToken) await deleteSession(database().db, event.locals.sessionToken);
	clearSessionCookie(event);
	event.locals.user = null;
	event.locals.sessionToken = null;
}
