import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person at the test school: their claims, keyed by the username typed at the school's sign-in form. */
export type SchoolPerson = Record<string, unknown> & { sub: string };

export interface TestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	stop(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) on loopback, like SURFconext or Entree with one client: its
 * sign-in form asks for a username only (the people are given), and it asks no consent.
 */
export async function startTestProvider(people: Record<string, SchoolPerson>, redirectUris: string[]): Promise<TestProvider> {
	const server: Server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const clientId = 'koers-test';
	const clientSecret = 'a-test-secret-that-is-long-enough-for-hs256-0123456789';
	const bySub = new Map(Object.values(people).map((p) => [p.sub, p]));

	const provider = new Provider(issuer, {
		clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
		claims: {
			openid: ['sub'],
			profile: ['name', 'given_name', 'family_name', 'preferred_username', 'eckid', 'eduperson_affiliation'],
			email: ['email']
		},
		// The claims go in the id_token (Koers reads them there), as SURFconext does.
		conformIdTokenClaims: false,
		pkce: { required: () => true },
		cookies: { keys: ['test-cookie-key-1'] },
		features: { devInteractions: { enabled: false } },
		interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
		async findAccount(_ctx: unknown, sub: string) {
			const person = bySub.get(sub);
			if (!person) return undefined;
			return { accountId: sub, claims: async () => person };
		}
	});

	const callback = provider.callback();
	server.on('request', async (req, res) => {
		const match = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? '');
		if (!match) return callback(req, res);
		try {
			const details = await provider.interactionDetails(req, res);
			if (req.method === 'GET') {
				res.setHeader('content-type', 'text/html; charset=utf-8');
				res.end(`<!doctype html><html lang="nl"><title>School</title><main><h1>Inloggen bij school</h1>
<form method="post" action="/interaction/${details.uid}/login"><label>Schoolaccount <input name="login" autocomplete="off"></label>
<button type="submit">Inloggen bij school</button></form></main></html>`);
				return;
			}
			let body = '';
			for await (const chunk of req) body += chunk;
			const login = new URLSearchParams(body).get('login') ?? '';
			const person = people[login];
			if (!person) {
				res.statusCode = 400;
				res.end('unknown person');
				return;
			}
			const grant = new provider.Grant({ accountId: person.sub, clientId: String(details.params.client_id) });
			grant.addOIDCScope(String(details.params.scope));
			const grantId = await grant.save();
			await provider.interactionFinished(req, res, { login: { accountId: person.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
		} catch (e) {
			res.statusCode = 500;
			res.end(String(e));
		}
	});

	return {
		issuer,
		clientId,
		clientSecret,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
