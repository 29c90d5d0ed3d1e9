import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { actorKeys, page, type Entry } from './matrix';

/** A platform typed by an admin: the mark in its name (and client id) shows where it went. */
const platformForm = (mark: string, id?: string) => ({
	...(id ? { id } : {}),
	name: `LMS ${mark}`,
	issuer: 'https://lms.example.org',
	clientId: mark,
	authEndpoint: 'https://lms.example.org/auth',
	tokenEndpoint: 'https://lms.example.org/token',
	jwksUrl: 'https://lms.example.org/jwks',
	deploymentIds: '1'
});

const problem = (code: string) => ({ status: 303, location: `/lti/problem?code=${code}` });

/** LTI 1.3: /lti/… and the admin's platform pages. Called once matrix.ts has defined its building blocks. */
export function ltiEntries(): Entry[] {
	return [
		{
			op: 'GET /lti/jwks',
			note: 'Public by design: the platform reads Koers’s public keys, and nothing else is in it.',
			cells: actorKeys.map((actor) => ({
				actor,
				expect: {
					status: 200,
					check: (body) => {
						const keys = (body as { keys: Record<string, unknown>[] }).keys;
						expect(keys.length).toBeGreaterThan(0);
						for (const k of keys) expect(Object.keys(k).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
					}
				}
			}))
		},
		{
			op: 'GET /lti/login',
			note: 'A platform nobody registered: the problem page, for anyone.',
			cells: actorKeys.map((actor) => ({
				actor,
				path: () => '/lti/login?iss=https%3A%2F%2Flms.example.org&login_hint=x&target_link_uri=http%3A%2F%2Flocalhost%2Flti%2Flaunch',
				expect: problem('unknown_platform')
			}))
		},
		{
			op: 'POST /lti/login',
			cells: actorKeys.map((actor) => ({ actor, body: () => ({ iss: 'https://lms.example.org', login_hint: 'x', target_link_uri: 'http://localhost/lti/launch' }), expect: problem('unknown_platform') }))
		},
		{
			op: 'POST /lti/launch',
			note: 'An id_token without the state of a login this browser started signs nobody in.',
			cells: actorKeys.map((actor) => ({ actor, body: () => ({ id_token: 'x.y.z', state: 'not-a-state' }), expect: problem('state') }))
		},
		{ op: 'GET /lti/launch', cells: actorKeys.map((actor) => ({ actor, expect: problem('state') })) },
		{ op: 'GET /lti/problem', cells: actorKeys.map((actor) => ({ actor, path: () => '/lti/problem?code=token', expect: { status: 200 } })) },
		{
			op: 'GET /lti/deep-link',
			note: 'Only the coach whose Deep Linking launch it was can answer it; an unknown request is gone for everyone.',
			cells: actorKeys.map((actor) => ({ actor, path: () => '/lti/deep-link?t=not-a-request', expect: problem('state') }))
		},
		{
			op: 'POST /lti/deep-link/return',
			cells: actorKeys.map((actor) => ({ actor, body: () => ({ t: 'not-a-request', board: '' }), expect: problem('state') }))
		},
		page('/admin/connections/lti', 'admin'),
		{
			op: 'POST /admin/connections/lti?/create',
			cells: [{ actor: 'admin', body: (c) => platformForm(c.mark), expect: { status: 200, showsMark: true }, stores: true }]
		},
		{
			op: 'POST /admin/connections/lti?/update',
			note: 'Another school’s (or no) platform: not found.',
			cells: [{ actor: 'admin', body: (c) => platformForm(c.mark, randomUUID()), expect: { status: 404 } }]
		},
		{
			op: 'POST /admin/connections/lti?/delete',
			cells: [{ actor: 'admin', body: () => ({ id: randomUUID() }), expect: { status: 404 } }]
		},
		{
			op: 'POST /admin/import/oneroster?/names',
			note: 'A course of another school’s (or no) platform: not found, and nothing fetched.',
			cells: [{ actor: 'admin', body: () => ({ platformId: randomUUID(), contextId: 'course-1' }), expect: { status: 404 } }]
		}
	];
}
