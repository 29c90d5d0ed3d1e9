import type { Entry } from './matrix';

/** Sign-in with the school (OpenID Connect): /auth/oidc/… and the admin's identity-provider pages. Called once matrix.ts has defined its building blocks. */
export function oidcEntries(): Entry[] {
	return [];
}
