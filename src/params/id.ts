import type { ParamMatcher } from '@sveltejs/kit';

/** Only well-formed UUIDs reach a route's code. */
export const match: ParamMatcher = (param) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(param);
