import type { Entry } from './matrix';

/** LTI 1.3: /lti/… and the admin's platform pages. Called once matrix.ts has defined its building blocks. */
export function ltiEntries(): Entry[] {
	return [];
}
