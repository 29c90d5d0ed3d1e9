import { fail } from '@sveltejs/kit';
import { rosterMaxBytes } from '$lib/domain/roster';
import { context } from '$lib/server/http/actor';
import { importRoster } from '$lib/server/admin/school.service';
import { errorMessage } from '$lib/i18n/errors';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const file = form.get('file');
		let text = String(form.get('text') ?? '');
		if (file instanceof File && file.size > 0) {
			if (file.size > rosterMaxBytes) return fail(413, { problems: [], message: errorMessage('roster_too_large') });
			text = await file.text();
		}
		if (!text.trim()) return fail(400, { problems: [], message: errorMessage('roster_empty') });
		const result = await importRoster(db, user, text);
		if (!result.ok) {
			return fail(400, {
				message: errorMessage('roster_rejected'),
				problems: result.problems.map((p) => ({ line: p.line, message: errorMessage(p.code), value: p.value ?? '' }))
			});
		}
		return { imported: result };
	}
};
