import { json, isHttpError, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { errorMessage } from '$lib/i18n/errors';
import { unstorableTextAt } from '$lib/domain/text';

/** An error with an HTTP status and a stable code; its message is looked up in the user's language. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message?: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message ?? errorMessage(code));
	}
}

export function jsonError(status: number, code: string, message?: string, headers: Record<string, string> = {}) {
	return json({ error: { code, message: message ?? errorMessage(code) } }, { status, headers });
}

export const maxJsonBytes = 1024 * 1024;

/**
 * Reads a JSON body: wrong content type, too large, malformed or invalid input each become a clear 4xx.
 * Text PostgreSQL cannot store (NUL, lone surrogates) is invalid input too, unless the caller refuses it
 * itself in finer grain (`anyText`: sync refuses such an op, not the whole batch).
 */
export async function readJson<S extends z.ZodType>(
	event: RequestEvent,
	schema: S,
	maxBytes = maxJsonBytes,
	{ anyText = false }: { anyText?: boolean } = {}
): Promise<z.infer<S>> {
	const type = event.request.headers.get('content-type') ?? '';
	if (!/^application\/(.+\+)?json\b/i.test(type)) throw new ApiError(415, 'json_required');
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > maxBytes) throw new ApiError(413, 'body_too_large');
	let text: string;
	try {
		text = await event.request.text();
	} catch (e) {
		if (isHttpError(e) && e.status === 413) throw new ApiError(413, 'body_too_large');
		throw new ApiError(400, 'body_unreadable');
	}
	if (Buffer.byteLength(text) > maxBytes) throw new ApiError(413, 'body_too_large');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new ApiError(400, 'json_malformed');
	}
	const parsed = schema.safeParse(value);
	const badText = !anyText && parsed.success ? unstorableTextAt(parsed.data) : null;
	if (badText !== null) {
		const where = badText.replace(/[^\x20-\x7e]/g, '?');
		throw new ApiError(400, 'invalid_input', `${errorMessage('invalid_input')}${where ? ` (${where})` : ''}`);
	}
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue?.path.length ? issue.path.join('.') : '';
		throw new ApiError(400, 'invalid_input', `${errorMessage('invalid_input')}${where ? ` (${where})` : ''}`);
	}
	return parsed.data;
}

/** Wraps an endpoint so every failure is JSON `{error:{code,message}}` with the right status. */
export function api<E extends RequestEvent>(handler: (event: E) => Promise<Response> | Response) {
	return async (event: E): Promise<Response> => {
		try {
			return await handler(event);
		} catch (e) {
			if (e instanceof ApiError) return jsonError(e.status, e.code, e.message, e.headers);
			if (isHttpError(e)) return jsonError(e.status, e.status === 413 ? 'body_too_large' : 'bad_request');
			throw e;
		}
	};
}
