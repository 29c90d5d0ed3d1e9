import * as m from '$lib/paraglide/messages.js';

type MessageFn = (inputs?: Record<string, never>) => string;

/** The user-facing text for an error code, in the current request's language. */
export function errorMessage(code: string): string {
	const fn = (m as unknown as Record<string, MessageFn | undefined>)[`error_${code}`];
	return fn ? fn() : m.error_unknown();
}
