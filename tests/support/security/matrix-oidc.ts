import { randomUUID } from 'node:crypto';
import { actorKeys, page, type Entry } from './matrix';

/** A provider typed by an admin: the mark in its name shows where it went. */
const providerForm = (mark: string, id?: string) => ({
	...(id ? { id } : {}),
	name: `School ${mark}`,
	issuer: 'https://idp.example.org',
	clientId: 'koers',
	clientSecret: 'not-a-real-secret',
	personClaim: 'sub',
	roleClaim: '',
	studentValues: 'student',
	coachValues: 'employee'
});

/** Sign-in with the school (OpenID Connect): /auth/oidc/…, /auth/link and the admin's identity-provider page. Called once matrix.ts has defined its building blocks. */
export function oidcEntries(): Entry[] {
	return [
		{
			op: 'GET /auth/oidc/[provider]/login',
			note: 'A provider nobody configured: back to the sign-in page with the reason, for anyone.',
			cells: actorKeys.map((actor) => ({
				actor,
				path: () => '/auth/oidc/no-such-school/login',
				expect: { status: 303, location: '/login?sso=unknown_provider' }
			}))
		},
		{
			op: 'GET /auth/oidc/[provider]/callback',
			note: 'A callback without the browser’s state cookie signs nobody in.',
			cells: actorKeys.map((actor) => ({
				actor,
				path: () => '/auth/oidc/no-such-school/callback?code=x&state=y',
				expect: { status: 303, location: '/login?sso=state' }
			}))
		},
		{
			op: 'GET /auth/link',
			note: 'Without a waiting school sign-in the page only says it has expired.',
			cells: actorKeys.map((actor) => ({ actor, expect: { status: 200 } }))
		},
		{
			op: 'POST /auth/link?/default',
			cells: actorKeys.map((actor) => ({ actor, body: () => ({ code: 'ABCD-EFGH' }), expect: { status: 400 } }))
		},
		{
			op: 'POST /admin/users/[userId=id]?/linkCode',
			note: 'A link code for an account of the own school; a school B account stays out of reach.',
			cells: [
				{ actor: 'admin', target: 'own', expect: { status: 200 } },
				{ actor: 'admin', target: 'otherSchool', expect: { status: 404 } }
			]
		},
		{
			op: 'POST /admin/users/[userId=id]?/unlink',
			cells: [
				{ actor: 'admin', target: 'own', body: () => ({ sourceId: randomUUID() }), expect: { status: 404 } },
				{ actor: 'admin', target: 'otherSchool', body: () => ({ sourceId: randomUUID() }), expect: { status: 404 } }
			]
		},
		page('/admin/connections/sso', 'admin'),
		{
			op: 'POST /admin/connections/sso?/create',
			cells: [{ actor: 'admin', body: (c) => providerForm(c.mark), expect: { status: 200, showsMark: true }, stores: true }]
		},
		{
			op: 'POST /admin/connections/sso?/update',
			note: 'Another school’s (or no) provider: not found.',
			cells: [{ actor: 'admin', body: (c) => providerForm(c.mark, randomUUID()), expect: { status: 404 } }]
		},
		{
			op: 'POST /admin/connections/sso?/toggle',
			cells: [{ actor: 'admin', body: () => ({ id: randomUUID(), enabled: 'false' }), expect: { status: 404 } }]
		},
		{
			op: 'POST /admin/connections/sso?/delete',
			cells: [{ actor: 'admin', body: () => ({ id: randomUUID() }), expect: { status: 404 } }]
		}
	];
}
