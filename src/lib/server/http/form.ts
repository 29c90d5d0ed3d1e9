import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { errorMessage } from '$lib/i18n/errors';
import { ApiError } from './api';

/** Field errors in the user's language, keyed by field name (the first problem per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) out[String(issue.path[0] ?? 'form')] ??= errorMessage(issue.message);
	return out;
}

/** Runs a service call for a form action; a service refusal becomes `fail(status, {message})`. */
export async function attempt<T>(run: () => Promise<T>, values: Record<string, unknown> = {}) {
	try {
		return { ok: true as const, value: await run() };
	} catch (e) {
		if (e instanceof ApiError) return { ok: false as const, failure: fail(e.status, { ...values, message: e.message, errors: {} as Record<string, string> }) };
		throw e;
	}
}
