import type { PageServerLoad } from './$types';

const codes = new Set(['unknown_platform', 'refused', 'target', 'state', 'token', 'expired', 'unreachable', 'deployment', 'message', 'role_unknown', 'inactive', 'no_context']);

export const load: PageServerLoad = ({ url }) => {
	const code = url.searchParams.get('code') ?? '';
	return { code: codes.has(code) ? code : 'token' };
};
