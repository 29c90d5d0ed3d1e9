/**
 * The cross-site form check SvelteKit does (`csrf.checkOrigin`), ours so that the two LTI endpoints can
 * be left out: an LMS posts its launch from its own origin by design, and the launch carries its own
 * proof (a signed id_token bound to a state and a once-only nonce). Everything else refuses a form
 * post, put, patch or delete from another origin, as before.
 */
export const crossSiteFormPaths = new Set(['/lti/login', '/lti/launch']);

const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isForbiddenCrossSiteForm(request: Request, url: URL): boolean {
	if (!unsafeMethods.has(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
	if (!formTypes.includes(type)) return false;
	if (request.headers.get('origin') === url.origin) return false;
	return !crossSiteFormPaths.has(url.pathname);
}
