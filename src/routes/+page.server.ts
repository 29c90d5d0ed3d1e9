import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/domain/constants';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	redirect(303, locals.user ? homeOf[locals.user.role] : '/login');
};
