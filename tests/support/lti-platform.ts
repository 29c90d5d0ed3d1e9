import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';

/**
 * A test LTI 1.3 platform (an LMS) on loopback: its own RS256 keys and JWKS, an authorization endpoint
 * that answers Koers's login with a signed id_token (as a self-posting form, as a real LMS does), a
 * token endpoint that checks Koers's client assertion against Koers's JWKS, a Names and Roles service
 * that pages its members, a Deep Linking return that checks Koers's signed answer, and a course page
 * with an "Open Koers" button for the browser tests.
 */

export const lti = {
	messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
	version: 'https://purl.imsglobal.org/spec/lti/claim/version',
	deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
	targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
	roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
	context: 'https://purl.imsglobal.org/spec/lti/claim/context',
	resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
	custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
	lis: 'https://purl.imsglobal.org/spec/lti/claim/lis',
	nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
	deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
	contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
	learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
	instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
	guest: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Guest'
} as const;

export interface PlatformPerson {
	sub: string;
	name: string;
	given_name?: string;
	family_name?: string;
	email?: string;
	roles: string[];
	sourcedId?: string;
}

export interface PlatformCourse {
	id: string;
	title: string;
	sectionSourcedId?: string;
}

/** What a launch carries; `hint` is the lti_message_hint the platform later recognises. */
export interface LaunchPlan {
	person: PlatformPerson;
	course: PlatformCourse;
	kind: 'resource' | 'deepLink';
	custom?: Record<string, string>;
	deploymentId?: string;
}

export interface TestPlatform {
	issuer: string;
	clientId: string;
	deploymentId: string;
	authEndpoint: string;
	tokenEndpoint: string;
	jwksUrl: string;
	/** The Names and Roles URL of a course. */
	membershipsUrl(courseId: string): string;
	/** The claims of a launch (resource link or deep linking) for `person` in `course`. */
	claims(plan: LaunchPlan, nonce: string, toolOrigin: string): JWTPayload;
	/** An id_token signed with the platform's key (or another key, to test a tampered one). */
	sign(payload: JWTPayload, options?: { expiresIn?: string | number; otherKey?: boolean; issuedAt?: number }): Promise<string>;
	/** Remembers a launch and returns its message hint (for the login → auth → launch round). */
	plan(plan: LaunchPlan): string;
	/** The members each course's Names and Roles service answers with. */
	members: Map<string, PlatformPerson[]>;
	/** Access tokens the token endpoint issued after a valid client assertion. */
	issuedTokens: number;
	/** Deep Linking answers received at the return URL, verified against Koers's JWKS. */
	deepLinkAnswers: JWTPayload[];
	/** Koers's address, for the token endpoint's and the Deep Linking return's check of Koers's signature. */
	toolOrigin: string;
	/** Without a running Koers (unit tests): where its published keys come from instead of `${toolOrigin}/lti/jwks`. */
	toolKeySet?: () => Promise<JSONWebKeySet>;
	stop(): Promise<void>;
}

const body = async (req: IncomingMessage) => {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startTestPlatform(options: { toolOrigin?: string; clientId?: string; pageSize?: number } = {}): Promise<TestPlatform> {
	const { publicKey, privateKey } = await generateKeyPair('RS256');
	const other = await generateKeyPair('RS256');
	const kid = 'platform-key-1';
	const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
	const plans = new Map<string, LaunchPlan>();
	const tokens = new Set<string>();
	const pageSize = options.pageSize ?? 2;
	let server: Server;
	let base = '';

	const platform: TestPlatform = {
		issuer: '',
		clientId: options.clientId ?? 'koers-client-1',
		deploymentId: 'deployment-1',
		authEndpoint: '',
		tokenEndpoint: '',
		jwksUrl: '',
		toolOrigin: options.toolOrigin ?? 'http://koers.test',
		members: new Map(),
		issuedTokens: 0,
		deepLinkAnswers: [],
		membershipsUrl: (courseId) => `${base}/nrps/${encodeURIComponent(courseId)}`,
		claims(plan, nonce, toolOrigin) {
			const { person, course } = plan;
			return {
				iss: platform.issuer,
				aud: platform.clientId,
				sub: person.sub,
				nonce,
				name: person.name,
				...(person.given_name ? { given_name: person.given_name } : {}),
				...(person.family_name ? { family_name: person.family_name } : {}),
				...(person.email ? { email: person.email } : {}),
				[lti.messageType]: plan.kind === 'deepLink' ? 'LtiDeepLinkingRequest' : 'LtiResourceLinkRequest',
				[lti.version]: '1.3.0',
				[lti.deploymentId]: plan.deploymentId ?? platform.deploymentId,
				[lti.targetLinkUri]: `${toolOrigin}/lti/launch`,
				[lti.roles]: person.roles,
				[lti.context]: { id: course.id, title: course.title, label: course.title, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] },
				[lti.lis]: { ...(person.sourcedId ? { person_sourcedid: person.sourcedId } : {}), ...(course.sectionSourcedId ? { course_section_sourcedid: course.sectionSourcedId } : {}) },
				[lti.nrps]: { context_memberships_url: platform.membershipsUrl(course.id), service_versions: ['2.0'] },
				...(plan.kind === 'resource'
					? { [lti.resourceLink]: { id: `link-${course.id}`, title: 'Koers' }, ...(plan.custom ? { [lti.custom]: plan.custom } : {}) }
					: {
							[lti.deepLinkingSettings]: {
								deep_link_return_url: `${base}/deep-link-return`,
								accept_types: ['ltiResourceLink'],
								accept_presentation_document_targets: ['window'],
								data: 'platform-opaque-data'
							}
						})
			};
		},
		async sign(payload, o = {}) {
			const jwt = new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).setIssuedAt(o.issuedAt);
			jwt.setExpirationTime(o.expiresIn ?? '5m');
			return jwt.sign(o.otherKey ? other.privateKey : privateKey);
		},
		plan(plan) {
			const hint = `launch-${plans.size + 1}`;
			plans.set(hint, plan);
			return hint;
		},
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};

	const koersKeys = async () =>
		platform.toolKeySet ? createLocalJWKSet(await platform.toolKeySet()) : createRemoteJWKSet(new URL(`${platform.toolOrigin}/lti/jwks`));
	const html = (res: import('node:http').ServerResponse, status: number, text: string) => {
		res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
		res.end(text);
	};

	server = createServer(async (req, res) => {
		try {
			const url = new URL(req.url ?? '/', base);
			if (url.pathname === '/jwks') {
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ keys: [jwk] }));
			}
			if (url.pathname === '/auth') {
				// The LMS checks its own client and redirect URI, then answers with the id_token by form post.
				const q = url.searchParams;
				const plan = plans.get(q.get('lti_message_hint') ?? '');
				if (q.get('client_id') !== platform.clientId || !plan || q.get('login_hint') !== plan.person.sub || q.get('response_mode') !== 'form_post') {
					return html(res, 400, 'bad authentication request');
				}
				const redirect = q.get('redirect_uri')!;
				const idToken = await platform.sign(platform.claims(plan, q.get('nonce') ?? '', new URL(redirect).origin));
				return html(
					res,
					200,
					`<!doctype html><title>LMS</title><form id="f" method="post" action="${escape(redirect)}"><input type="hidden" name="id_token" value="${escape(idToken)}"><input type="hidden" name="state" value="${escape(q.get('state') ?? '')}"><button>Continue</button></form><script>document.getElementById('f').submit()</script>`
				);
			}
			if (url.pathname.startsWith('/course/')) {
				// The course page of the LMS: "Open Koers" posts the third-party login to Koers.
				const hint = decodeURIComponent(url.pathname.slice('/course/'.length));
				const plan = plans.get(hint);
				if (!plan) return html(res, 404, 'no such launch');
				const fields = { iss: platform.issuer, login_hint: plan.person.sub, target_link_uri: `${platform.toolOrigin}/lti/launch`, lti_message_hint: hint, client_id: platform.clientId, lti_deployment_id: plan.deploymentId ?? platform.deploymentId };
				const inputs = Object.entries(fields)
					.map(([k, v]) => `<input type="hidden" name="${k}" value="${escape(v)}">`)
					.join('');
				return html(res, 200, `<!doctype html><html lang="nl"><title>${escape(plan.course.title)}</title><main><h1>${escape(plan.course.title)}</h1><form method="post" action="${escape(platform.toolOrigin)}/lti/login">${inputs}<button>Open Koers</button></form></main></html>`);
			}
			if (url.pathname.startsWith('/frame/')) {
				// The same launch inside an iframe, as an LMS that embeds its tools does.
				const hint = decodeURIComponent(url.pathname.slice('/frame/'.length));
				const plan = plans.get(hint);
				if (!plan) return html(res, 404, 'no such launch');
				const q = new URLSearchParams({ iss: platform.issuer, login_hint: plan.person.sub, target_link_uri: `${platform.toolOrigin}/lti/launch`, lti_message_hint: hint, client_id: platform.clientId });
				return html(res, 200, `<!doctype html><html lang="nl"><title>${escape(plan.course.title)}</title><main><h1>${escape(plan.course.title)}</h1><iframe title="Koers" src="${escape(platform.toolOrigin)}/lti/login?${escape(q.toString())}" width="600" height="400"></iframe></main></html>`);
			}
			if (url.pathname === '/token' && req.method === 'POST') {
				const form = await body(req);
				const assertion = form.get('client_assertion') ?? '';
				try {
					await jwtVerify(assertion, await koersKeys(), { issuer: platform.clientId, subject: platform.clientId, audience: platform.tokenEndpoint });
				} catch {
					res.writeHead(401, { 'content-type': 'application/json' });
					return res.end(JSON.stringify({ error: 'invalid_client' }));
				}
				if (form.get('grant_type') !== 'client_credentials' || !(form.get('scope') ?? '').includes('contextmembership.readonly')) {
					res.writeHead(400, { 'content-type': 'application/json' });
					return res.end(JSON.stringify({ error: 'invalid_request' }));
				}
				const token = `token-${tokens.size + 1}`;
				tokens.add(token);
				platform.issuedTokens++;
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') }));
			}
			if (url.pathname.startsWith('/nrps/')) {
				const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
				if (!tokens.has(token)) {
					res.writeHead(401);
					return res.end();
				}
				const courseId = decodeURIComponent(url.pathname.slice('/nrps/'.length));
				const all = platform.members.get(courseId) ?? [];
				const from = Number(url.searchParams.get('from') ?? 0);
				const page = all.slice(from, from + pageSize);
				const headers: Record<string, string> = { 'content-type': 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json' };
				if (from + pageSize < all.length) headers.link = `<${platform.membershipsUrl(courseId)}?from=${from + pageSize}>; rel="next"`;
				res.writeHead(200, headers);
				return res.end(
					JSON.stringify({
						id: platform.membershipsUrl(courseId),
						context: { id: courseId },
						members: page.map((p) => ({
							status: 'Active',
							user_id: p.sub,
							name: p.name,
							...(p.given_name ? { given_name: p.given_name } : {}),
							...(p.family_name ? { family_name: p.family_name } : {}),
							...(p.email ? { email: p.email } : {}),
							...(p.sourcedId ? { lis_person_sourcedid: p.sourcedId } : {}),
							roles: p.roles
						}))
					})
				);
			}
			if (url.pathname === '/deep-link-return' && req.method === 'POST') {
				const form = await body(req);
				try {
					const { payload } = await jwtVerify(form.get('JWT') ?? '', await koersKeys(), { issuer: platform.clientId, audience: platform.issuer });
					platform.deepLinkAnswers.push(payload);
					const items = (payload[lti.contentItems] as { title?: string }[] | undefined) ?? [];
					return html(res, 200, `<!doctype html><html lang="nl"><title>LMS</title><main><h1 data-testid="placed">${items.length ? `Geplaatst: ${escape(items.map((i) => i.title ?? '').join(', '))}` : 'Niets geplaatst'}</h1></main></html>`);
				} catch (e) {
					return html(res, 400, `<!doctype html><title>LMS</title><h1 data-testid="placed">Refused: ${escape(e instanceof Error ? e.name : 'unknown')}</h1>`);
				}
			}
			res.writeHead(404);
			res.end();
		} catch (e) {
			res.writeHead(500);
			res.end(String(e));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	platform.issuer = base;
	platform.authEndpoint = `${base}/auth`;
	platform.tokenEndpoint = `${base}/token`;
	platform.jwksUrl = `${base}/jwks`;
	return platform;
}
