import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useTwoSchools, type TestDatabase, type TwoSchools } from '$test/use-db';
import { startTestProvider, type TestProvider } from '$test/oidc-provider';
import { authFlows, externalIdentities, identityProviders, users } from '../../db/schema';
import { finishSignIn, redirectPath, startSignIn } from './flow';
import { createProvider, providerInputSchema } from './providers.service';
import { createLinkCode, redeemLinkCode } from './link.service';

const origin = 'http://koers.test';
const people = {
	noor: { sub: 'school-sub-noor', eckid: 'https://ketenid.nl/201703/noor', name: 'Noor van der Berg', preferred_username: 'noor.vdberg', eduperson_affiliation: ['student'] },
	jesse: { sub: 'school-sub-jesse', eckid: 'https://ketenid.nl/201703/jesse', name: 'Jesse Bakker', eduperson_affiliation: ['guest'] },
	ilse: { sub: 'school-sub-ilse', eckid: 'https://ketenid.nl/201703/ilse', name: 'Ilse Dijkstra', eduperson_affiliation: ['employee'] }
};

let t: TestDatabase;
let w: TwoSchools;
let idp: TestProvider;
useTwoSchools((db, schools) => ((t = db), (w = schools)));

beforeAll(async () => {
	const slugs = ['school', 'school-2', 'school-3'];
	idp = await startTestProvider(people, slugs.map((s) => origin + redirectPath(s)));
});
afterAll(async () => idp?.stop());

async function addProvider(allowCreate = false) {
	const input = providerInputSchema.parse({
		name: 'School',
		issuer: idp.issuer,
		clientId: idp.clientId,
		clientSecret: idp.clientSecret,
		personClaim: 'eckid',
		roleClaim: 'eduperson_affiliation',
		studentValues: 'student',
		coachValues: 'employee, faculty',
		allowCreate
	});
	return createProvider(t.db, w.a.admin, input);
}

/** A browser at the school's provider: cookies kept, redirects followed until the provider sends it back to Koers. */
async function signInAtSchool(authorizeUrl: URL, login: string): Promise<URL> {
	const jar = new Map<string, string>();
	const go = async (url: string, init: RequestInit = {}) => {
		const headers = new Headers(init.headers);
		if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
		const res = await fetch(url, { ...init, headers, redirect: 'manual' });
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const i = pair!.indexOf('=');
			jar.set(pair!.slice(0, i), pair!.slice(i + 1));
		}
		return res;
	};
	let res = await go(authorizeUrl.href);
	for (let hops = 0; hops < 10; hops++) {
		const location = res.headers.get('location');
		if (location?.startsWith(origin)) return new URL(location);
		if (location) {
			res = await go(new URL(location, idp.issuer).href);
			continue;
		}
		const html = await res.text();
		const action = /action="([^"]+)"/.exec(html)?.[1];
		if (!action) throw new Error(`the provider answered ${res.status}: ${html.slice(0, 200)}`);
		res = await go(new URL(action, idp.issuer).href, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ login }).toString()
		});
	}
	throw new Error('the provider never sent the browser back');
}

async function start(slug: string, returnTo: string | null = null) {
	const started = await startSignIn(t.db, slug, origin, returnTo);
	if (!started.ok) throw new Error(`start failed: ${started.code}`);
	return started;
}

const counts = async () => {
	const [u] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
	const [i] = await t.db.select({ n: sql<number>`count(*)::int` }).from(externalIdentities);
	return { users: u!.n, identities: i!.n };
};

describe('signing in with the school (OpenID Connect against a real provider)', () => {
	it('asks an unknown person for a link code once; with the admin’s code they are the existing student, and next time straight in', async () => {
		const { slug } = await addProvider();
		const first = await start(slug, '/student/goals');
		const back = await signInAtSchool(first.url, 'noor');
		const linked = await finishSignIn(t.db, slug, back, first.state);
		expect(linked.kind).toBe('link');
		if (linked.kind !== 'link') return;

		expect(await redeemLinkCode(t.db, linked.token, 'ABCD-EFGH', '10.0.0.1')).toEqual({ ok: false, code: 'link_code_invalid' });
		const { code } = await createLinkCode(t.db, w.a.admin, w.a.student.id);
		const redeemed = await redeemLinkCode(t.db, linked.token, code.toLowerCase().replace('-', ' '), '10.0.0.1');
		expect(redeemed).toMatchObject({ ok: true, user: { id: w.a.student.id, role: 'student' }, returnTo: '/student/goals' });
		// The code and the waiting sign-in are used up.
		expect(await redeemLinkCode(t.db, linked.token, code, '10.0.0.1')).toMatchObject({ ok: false, code: 'link_expired' });

		const again = await start(slug);
		const result = await finishSignIn(t.db, slug, await signInAtSchool(again.url, 'noor'), again.state);
		expect(result).toMatchObject({ kind: 'signedIn', user: { id: w.a.student.id }, created: false });
	});

	it('creates an account on the first sign-in when the admin allowed it, with the role and name the school sent', async () => {
		const { slug } = await addProvider(true);
		const s = await start(slug);
		const result = await finishSignIn(t.db, slug, await signInAtSchool(s.url, 'ilse'), s.state);
		expect(result).toMatchObject({ kind: 'signedIn', created: true, user: { role: 'coach', schoolId: w.a.school.id } });
		if (result.kind !== 'signedIn') return;
		const [made] = await t.db.select().from(users).where(eq(users.id, result.user.id));
		expect(made).toMatchObject({ displayName: 'Ilse Dijkstra', schoolId: w.a.school.id });
	});

	it('creates nothing for a person whose role it cannot tell', async () => {
		const { slug } = await addProvider(true);
		const before = await counts();
		const s = await start(slug);
		expect(await finishSignIn(t.db, slug, await signInAtSchool(s.url, 'jesse'), s.state)).toEqual({ kind: 'failed', code: 'role_unknown' });
		expect(await counts()).toEqual(before);
	});

	it('refuses a callback with another browser’s state, a replayed callback, a changed nonce and another client’s registration, creating nothing', async () => {
		const { slug, id } = await addProvider(true);
		const before = await counts();

		const s1 = await start(slug);
		const back1 = await signInAtSchool(s1.url, 'ilse');
		expect(await finishSignIn(t.db, slug, back1, 'state-of-another-browser')).toEqual({ kind: 'failed', code: 'state' });

		const s2 = await start(slug);
		const back2 = await signInAtSchool(s2.url, 'ilse');
		// A nonce that is not the one sent: the id_token's nonce no longer matches.
		await t.db.update(authFlows).set({ nonce: 'not-the-nonce-that-was-sent' }).where(eq(authFlows.sourceId, id));
		expect(await finishSignIn(t.db, slug, back2, s2.state)).toEqual({ kind: 'failed', code: 'failed' });
		expect(await finishSignIn(t.db, slug, back2, s2.state), 'replayed').toEqual({ kind: 'failed', code: 'state' });

		const s3 = await start(slug);
		const back3 = await signInAtSchool(s3.url, 'ilse');
		// Another client's registration: the code was issued to (and the token is for) another audience.
		await t.db.update(identityProviders).set({ clientId: 'another-client', clientSecret: 'another-secret-0123456789' }).where(eq(identityProviders.id, id));
		expect(await finishSignIn(t.db, slug, back3, s3.state)).toEqual({ kind: 'failed', code: 'failed' });

		expect(await counts()).toEqual(before);
	});

	it('links only with a code of the provider’s own school', async () => {
		const { slug } = await addProvider();
		const s = await start(slug);
		const linked = await finishSignIn(t.db, slug, await signInAtSchool(s.url, 'noor'), s.state);
		if (linked.kind !== 'link') throw new Error('expected a link step');
		const { code } = await createLinkCode(t.db, w.b.admin, w.b.student.id);
		expect(await redeemLinkCode(t.db, linked.token, code, '10.0.0.2')).toEqual({ ok: false, code: 'link_code_invalid' });
	});

	it('does not start for an unknown or switched-off provider', async () => {
		expect(await startSignIn(t.db, 'no-such-school', origin, null)).toEqual({ ok: false, code: 'unknown_provider' });
		const { slug, id } = await addProvider();
		await t.db.update(identityProviders).set({ enabled: false }).where(eq(identityProviders.id, id));
		expect(await startSignIn(t.db, slug, origin, null)).toEqual({ ok: false, code: 'unknown_provider' });
	});
});
