import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import { signOut } from '$lib/server/auth/sign-in';

export const POST = api(async (event) => {
	await signOut(event);
	return json({ ok: true });
});
