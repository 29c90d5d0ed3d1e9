import { error } from '@sveltejs/kit';
import type { Me } from '$lib/domain/user';
import { database } from '../db/runtime';
import { ApiError } from './api';
import { errorMessage } from '$lib/i18n/errors';

/** The signed-in user and the database, for a load function or action behind the area guard. */
export function context(locals: App.Locals): { user: Me; db: ReturnType<typeof database>['db'] } {
	if (!locals.user) error(401, errorMessage('not_signed_in'));
	return { user: locals.user, db: database().db };
}

/** Turns a service's ApiError into SvelteKit's error page with the same status. */
export async function orError<T>(promise: Promise<T>): Promise<T> {
	try {
		return await promise;
	} catch (e) {
		if (e instanceof ApiError) error(e.status, { message: e.message, code: e.code });
		throw e;
	}
}
