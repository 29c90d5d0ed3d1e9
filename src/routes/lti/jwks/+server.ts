import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { publicKeySet } from '$lib/server/interop/lti/keys';
import type { RequestHandler } from './$types';

/** Koers's public keys as an LTI tool, for the platform to check Deep Linking responses and client assertions. */
export const GET: RequestHandler = async () => {
	return json(await publicKeySet(database().db), { headers: { 'cache-control': 'public, max-age=300' } });
};
