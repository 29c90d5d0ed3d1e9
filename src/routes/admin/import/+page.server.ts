import { fail } from '@sveltejs/kit';
import { rosterMaxBytes, type RosterProblem } from '$lib/domain/roster';
import { decodeText } from '$lib/domain/oneroster';
import { context } from '$lib/server/http/actor';
import { importRoster, type RosterMove, type RosterPlan } from '$lib/server/admin/school.service';
import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages.js';
import type { Actions } from './$types';

type Message = (inputs: Record<string, unknown>) => string;
const messages = m as unknown as Record<string, Message | undefined>;

const columnName = (c: string) => ({ username: m.admin_roster_col_username(), name: m.admin_roster_col_name(), group: m.admin_roster_col_group() })[c] ?? c;
const roleName = (r: string) => (r === 'coach' ? m.role_coach() : r === 'student' ? m.role_student() : r);

/** Says to the admin whose row it is ("Sanne de Vries heeft geen gebruikersnaam"); whole-file problems keep their plain text. */
function problemText(p: RosterProblem): string {
	const say = messages[`roster_problem_${p.code}`];
	if (!say) return errorMessage(p.code);
	const value = p.code === 'roster_columns' ? (p.value ?? '').split(', ').map(columnName).join(', ') : (p.value ?? '');
	return say({ who: p.who || m.admin_roster_this_row(), value, at: p.at ?? '', role: roleName(p.existingRole ?? '') });
}

const moveView = (mv: RosterMove) => ({ ...mv, from: mv.from.join(', ') });
const planView = (p: RosterPlan) => ({ moves: p.moves.map(moveView), noGroup: p.noGroup, coachless: p.coachless, hasRoles: p.hasRoles });

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const file = form.get('file');
		let text = String(form.get('text') ?? '');
		if (file instanceof File && file.size > 0) {
			if (file.size > rosterMaxBytes) return fail(413, { problems: [], message: errorMessage('roster_too_large') });
			// Excel's plain CSV and many school-system exports are Windows-1252, not UTF-8.
			text = decodeText(new Uint8Array(await file.arrayBuffer())).text;
		}
		if (!text.trim()) return fail(400, { problems: [], message: errorMessage('roster_empty') });
		// Each student with a new group has a radio pair `choice:<username>`; the default keeps both groups.
		const move = [...form.entries()].filter(([k, v]) => k.startsWith('choice:') && v === 'move').map(([k]) => k.slice('choice:'.length));
		const result = await importRoster(db, user, text, { decided: form.get('decided') === '1', move });
		if (!result.ok) {
			return fail(400, {
				message: errorMessage('roster_rejected'),
				problems: result.problems.map((p) => ({ line: p.line, message: problemText(p), value: p.code === 'roster_columns' ? '' : (p.value ?? '') }))
			});
		}
		if (!result.done) return { asked: planView(result), text };
		return {
			imported: {
				created: result.created,
				updated: result.updated,
				groupsCreated: result.groupsCreated,
				moved: result.moved.map((p) => p.displayName),
				keptBoth: result.keptBoth.map((p) => p.displayName),
				...planView(result)
			}
		};
	}
};
