import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { extractLocaleFromRequest, overwriteServerAsyncLocalStorage } from '$lib/paraglide/runtime.js';
import type { Locale } from '$lib/domain/constants';
import { database, startDatabase, stopDatabase } from '$lib/server/db/runtime';
import { sessionCookieName } from '$lib/server/auth/session';
import { confirmSession, isSyncPoll } from '$lib/server/auth/cookies';
import { pollCache, startChangeFeed, stopChangeFeed } from '$lib/server/sync/poll-cache';
import { areaOf, policy } from '$lib/server/policy';
import { ensureDemoSchool } from '$lib/server/seed/demo';
import { startRetentionSchedule, stopRetentionSchedule } from '$lib/server/privacy/retention';
import { startFactsRefresher, stopFactsRefresher } from '$lib/server/coach/facts.service';
import { jsonError } from '$lib/server/http/api';
import { compressResponse } from '$lib/server/http/compress';
import { paintFirst } from '$lib/server/http/paint-first';
import { pageCache, pageCacheHandle, pageKey } from '$lib/server/http/page-cache';
import { log, withRequestId } from '$lib/server/log';
import { isForbiddenCrossSiteForm } from '$lib/server/http/origin';

/** Open the database (and seed the demo school) when the server starts, not on the first request. */
export const init: ServerInit = async () => {
	const started = Date.now();
	const { db, kind } = await startDatabase();
	if (process.env.KOERS_DEMO !== '0') await ensureDemoSchool(db);
	// Background work runs in one process of several (scripts/serve.mjs sets KOERS_BACKGROUND=0 on the others).
	if (process.env.KOERS_BACKGROUND !== '0') {
		// Archived students past their school's retention period are erased now and once a day.
		void startRetentionSchedule(() => database().db);
		// What students wrote is folded into the coach's and admin's facts in the background.
		startFactsRefresher(() => database().db, Number(process.env.KOERS_FACTS_REFRESH_MS) || undefined);
	}
	// What the database says changed keeps the poll and page caches right; without it every request reads the database.
	if (process.env.KOERS_POLL_CACHE !== '0') startChangeFeed(database, [pollCache, pageCache]);
	log.info('database ready', { kind, ms: Date.now() - started });
	process.once('sveltekit:shutdown', () => {
		stopRetentionSchedule();
		stopFactsRefresher();
		void stopChangeFeed()
			.then(() => stopDatabase())
			.then(() => {
				log.info('stopped');
				// A worker of scripts/serve.mjs: its channel to the primary would keep the process alive.
				if (process.connected) process.disconnect();
			});
	});
};

/**
 * The locale for the request (cookie, else Dutch), in the store paraglide's `getLocale()` reads on the server.
 * Paraglide's own `paraglideMiddleware` does the same but first clones the request (body included, by teeing
 * its stream) so that it could rewrite localised URLs — Koers has none, and the clone was a fifth of the
 * server's time on a sync poll.
 */
const localeStore = new AsyncLocalStorage<{ locale?: Locale; origin?: string; messageCalls?: Set<string> }>();
overwriteServerAsyncLocalStorage(localeStore);

const i18n: Handle = ({ event, resolve }) => {
	const locale = extractLocaleFromRequest(event.request) as Locale;
	event.locals.locale = locale;
	const paint = paintFirst();
	return localeStore.run({ locale, origin: event.url.origin, messageCalls: new Set() }, () =>
		resolve(event, { preload: paint.preload, transformPageChunk: ({ html }) => paint.transform(html.replace('%paraglide.lang%', locale)) })
	);
};

/**
 * Every request gets an id: on every log line written while it is handled, in the
 * `x-request-id` header and in JSON error bodies, so a student's "it said error 7f3a…"
 * leads to the log line without the log holding who they are. One line per request:
 * route pattern (never the path, which may hold ids), status and time.
 */
const requestLog: Handle = ({ event, resolve }) => {
	const requestId = randomUUID();
	event.locals.requestId = requestId;
	const started = performance.now();
	return withRequestId(requestId, async () => {
		let response = await resolve(event);
		// An unexpected failure in an API route answers in JSON like every other API error.
		if (response.status >= 500 && event.url.pathname.startsWith('/api/') && !response.headers.get('content-type')?.includes('json')) {
			response = jsonError(response.status, 'internal');
		}
		log.info('request', { method: event.request.method, route: event.route.id, status: response.status, ms: Math.round(performance.now() - started) });
		response.headers.set('x-request-id', requestId);
		if (response.status >= 400 && response.headers.get('content-type')?.includes('application/json')) {
			return withRequestIdInBody(response, requestId);
		}
		return response;
	});
};

async function withRequestIdInBody(response: Response, requestId: string): Promise<Response> {
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return new Response(text, response);
	}
	if (body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object') {
		(body.error as Record<string, unknown>).requestId = requestId;
	}
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
}

const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionToken = null;
	event.locals.sessionFromCache = false;
	const token = event.cookies.get(sessionCookieName);
	if (token) {
		// A device's poll may be signed in from the poll cache; the sync route confirms it before any data.
		// So may a page that is kept as it was rendered for this user (page-cache.ts): it holds no newer data.
		const cached = pollCache.user(token);
		const hit = cached && !isSyncPoll(event) ? pageCache.get(pageKey(event, cached) ?? '') : undefined;
		if (cached && (isSyncPoll(event) || hit)) {
			event.locals.user = cached;
			event.locals.sessionToken = token;
			event.locals.sessionFromCache = true;
			event.locals.pageHit = hit;
		} else {
			await confirmSession(event, token);
		}
	}
	let response = await resolve(event);
	// A wrong method on an API path answers in JSON too, like every other API error.
	if (response.status === 405 && event.url.pathname.startsWith('/api/') && !response.headers.get('content-type')?.includes('json')) {
		const allow = response.headers.get('allow');
		response = jsonError(405, 'method_not_allowed', undefined, allow ? { allow } : {});
	}
	return response;
};

/**
 * Sends someone elsewhere from the guard. A page load gets a plain 303 response, returned rather than
 * thrown so that it passes back through the other hooks (request id, log line, security headers); the
 * app's own data and form-action requests get SvelteKit's redirect, which they understand as JSON.
 */
function elsewhere(event: Parameters<Handle>[0]['event'], location: string): Response {
	const wantsJson = event.request.method === 'POST' && event.request.headers.get('accept')?.includes('application/json');
	if (event.isDataRequest || wantsJson) redirect(303, location);
	return new Response(null, { status: 303, headers: { location } });
}

/** Each role has its own area; the policy decides who may enter. */
const guard: Handle = async ({ event, resolve }) => {
	const area = areaOf(event.url.pathname);
	if (area) {
		const user = event.locals.user;
		if (!user) {
			if (event.url.pathname.startsWith('/api/')) return jsonError(401, 'not_signed_in');
			return elsewhere(event, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		}
		if (!policy.enterArea(user, area)) {
			if (event.url.pathname.startsWith('/api/')) return jsonError(403, 'forbidden');
			return elsewhere(event, '/');
		}
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('x-content-type-options', 'nosniff');
	h.set('referrer-policy', 'strict-origin-when-cross-origin');
	h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	// The one page meant for an LMS's iframe (/lti/login's "open in a new window") says so by its own frame-ancestors.
	if (!h.has('x-frame-options') && !(h.get('content-security-policy') ?? '').includes('frame-ancestors *')) h.set('x-frame-options', 'DENY');
	if (event.url.protocol === 'https:') h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	return response;
};

/** SvelteKit's own origin check is off (svelte.config.js) so that LTI launches can come in; this one keeps it for the rest. */
const sameOriginForms: Handle = async ({ event, resolve }) => {
	if (isForbiddenCrossSiteForm(event.request, event.url)) {
		const message = `Cross-site ${event.request.method} form submissions are forbidden`;
		if (event.request.headers.get('accept') === 'application/json') return Response.json({ message }, { status: 403 });
		return new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	return resolve(event);
};

/** Outermost, so that every other hook sees the plain body: dynamic responses go out gzipped. */
const compress: Handle = async ({ event, resolve }) => compressResponse(event.request, await resolve(event));

export const handle = sequence(compress, requestLog, sameOriginForms, securityHeaders, i18n, authenticate, guard, pageCacheHandle());

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const requestId = event.locals.requestId ?? randomUUID();
	if (status >= 500) {
		// No bodies, no user data: the route, the status and the error itself.
		log.error('request failed', { requestId, route: event.route.id, status, error: error instanceof Error ? error.stack : String(error) });
	}
	return { message: status === 404 ? message : 'Er ging iets mis / Something went wrong', requestId };
};
