import { fail } from '@sveltejs/kit';
import { bundleFiles, collectFiles, oneRosterMaxUploadBytes, type OneRosterNotice, type OneRosterProblem, type UploadedFile } from '$lib/domain/oneroster';
import { context, orError } from '$lib/server/http/actor';
import { applyOneRoster, previewOneRoster, type OneRosterSummary } from '$lib/server/admin/oneroster.service';
import { fetchMembers, membersAsOneRoster } from '$lib/server/interop/lti/nrps';
import { ApiError } from '$lib/server/http/api';
import { m } from '$lib/paraglide/messages.js';
import type { Actions } from './$types';

/** Problems shown at most; a file that is wrong throughout would otherwise fill the page. */
const shownProblems = 200;
/** The files kept in the page between preview and import, as base64 of one zip. */
const maxBundleChars = 2 * 1024 * 1024;

type Message = (inputs: Record<string, unknown>) => string;
const text = (key: string, inputs: Record<string, unknown>) => ((m as unknown as Record<string, Message | undefined>)[key] ?? (() => key))(inputs);

/** "enrollments.csv, rij 14" or, for the file as a whole, "enrollments.csv". */
const where = (file: string, rows: number[]) =>
	rows.length === 0 || rows[0] === 0 ? file : rows.length === 1 ? m.oneroster_where_row({ file, row: rows[0]! }) : m.oneroster_where_rows({ file, rows: rows.join(', ') });

const problemLine = (p: OneRosterProblem) => ({ where: where(p.file, [p.row]), text: text(`oneroster_problem_${p.code}`, { value: p.value ?? '', at: p.at ?? '' }) });

/** Notices of one kind together ("users.csv, rijen 206, 207: rol ‘guardian’ …"), the first ten rows named. */
function noticeLines(notices: OneRosterNotice[]) {
	const byKind = new Map<string, OneRosterNotice[]>();
	for (const n of notices) {
		const key = `${n.file}|${n.code}|${n.code === 'archived_account' ? '' : (n.value ?? '')}`;
		byKind.set(key, [...(byKind.get(key) ?? []), n]);
	}
	return [...byKind.values()].map((list) => {
		const rows = list.map((n) => n.row).filter((r) => r > 0);
		const shown = rows.length > 10 ? [...rows.slice(0, 10).map(String), '…'] : rows.map(String);
		const values = list[0]!.code === 'archived_account' ? list.map((n) => n.value).join(', ') : (list[0]!.value ?? '');
		return {
			where: rows.length ? (shown.length === 1 ? m.oneroster_where_row({ file: list[0]!.file, row: shown[0]! }) : m.oneroster_where_rows({ file: list[0]!.file, rows: shown.join(', ') })) : list[0]!.file,
			text: text(`oneroster_notice_${list[0]!.code}`, { value: values })
		};
	});
}

function summaryView(s: OneRosterSummary) {
	return {
		orgs: s.orgs,
		newAccounts: s.newAccounts,
		renamed: s.renamed,
		linked: s.linked,
		unchanged: s.unchanged,
		newGroups: s.newGroups,
		renamedGroups: s.renamedGroups,
		added: s.membershipsAdded,
		removed: s.membershipsRemoved,
		notices: noticeLines(s.notices)
	};
}

function rejected(s: OneRosterSummary) {
	return fail(400, {
		step: 'problems' as const,
		message: m.oneroster_rejected(),
		problems: s.problems.slice(0, shownProblems).map(problemLine),
		moreProblems: Math.max(0, s.problems.length - shownProblems),
		notices: noticeLines(s.notices)
	});
}

const failure = (message: string, status = 400) => fail(status, { step: 'problems' as const, message, problems: [], moreProblems: 0, notices: [] });

/** The uploaded files, or the set kept from the preview (a hidden field). */
async function filesOf(request: Request): Promise<UploadedFile[] | string> {
	const form = await request.formData();
	const chosen = form.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
	if (chosen.length) {
		if (chosen.reduce((n, f) => n + f.size, 0) > oneRosterMaxUploadBytes) return m.oneroster_too_large();
		return Promise.all(chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
	}
	const bundle = String(form.get('bundle') ?? '').trim();
	if (bundle) {
		if (bundle.length > maxBundleChars) return m.oneroster_too_large();
		return [{ name: 'oneroster.zip', bytes: new Uint8Array(Buffer.from(bundle, 'base64')) }];
	}
	return m.oneroster_no_files();
}

export const actions: Actions = {
	preview: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const files = await filesOf(request);
		if (typeof files === 'string') return failure(files);
		const summary = await orError(previewOneRoster(db, user, files));
		if (!summary.ok) return rejected(summary);
		// The set again as one small zip, so that "Nu importeren" needs no second upload.
		const bundle = Buffer.from(bundleFiles(collectFiles(files).files)).toString('base64');
		return { step: 'preview' as const, summary: summaryView(summary), bundle: bundle.length <= maxBundleChars ? bundle : null };
	},
	/** A course's roster from the LMS (LTI Names and Roles), proposed as a OneRoster set: the same preview, then the same import. */
	names: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const form = await request.formData();
		const platformId = String(form.get('platformId') ?? '');
		const contextId = String(form.get('contextId') ?? '');
		if (!/^[0-9a-f-]{36}$/i.test(platformId) || !contextId) return failure(m.error_not_found(), 404);
		let files: UploadedFile[];
		let course: string;
		try {
			const roster = await fetchMembers(db, user, platformId, contextId);
			files = membersAsOneRoster(roster.members, { name: roster.groupName, sourcedId: roster.groupSourcedId }, contextId);
			course = roster.groupName;
		} catch (e) {
			if (e instanceof ApiError) return failure(e.message, e.status);
			throw e;
		}
		const summary = await orError(previewOneRoster(db, user, files));
		if (!summary.ok) return rejected(summary);
		const bundle = Buffer.from(files[0]!.bytes).toString('base64');
		return { step: 'preview' as const, summary: summaryView(summary), bundle, course };
	},
	apply: async ({ locals, request }) => {
		const { user, db } = context(locals);
		const files = await filesOf(request);
		if (typeof files === 'string') return failure(files);
		const result = await orError(applyOneRoster(db, user, files));
		if (!result.ok) return rejected(result);
		return { step: 'done' as const, summary: summaryView(result), created: result.created };
	}
};
