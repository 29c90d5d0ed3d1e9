import { jsonError } from '$lib/server/http/api';

/** Unknown API paths answer in JSON, like every other API error. */
export const fallback = () => jsonError(404, 'not_found');
