import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/auth/sign-in';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	await signOut(event);
	redirect(303, '/login');
};
