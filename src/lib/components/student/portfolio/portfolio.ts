import type { EntityData } from '$lib/domain/entities';
import type { LocalRecord } from '$lib/client/db';
import { dateFormat, localeTag } from '$lib/i18n/intl';
import { byCodeUnits } from '$lib/domain/order';

/** A work process from the school's qualification file, with the core task it belongs to. */
export interface WorkProcessOption {
	code: string;
	title: string;
	coreTaskCode: string;
	coreTaskTitle: string;
}

export interface CoreTaskGroup {
	code: string;
	title: string;
	workProcesses: WorkProcessOption[];
}

/** Every core task with its work processes, from all qualifications the student can see; each code once. */
export function coreTasksOf(qualifications: readonly Pick<LocalRecord<'qualification'>, 'data'>[]): CoreTaskGroup[] {
	const seen = new Set<string>();
	const groups: CoreTaskGroup[] = [];
	for (const q of qualifications) {
		for (const task of q.data.coreTasks ?? []) {
			const wps = task.workProcesses
				.filter((wp) => !seen.has(wp.code))
				.map((wp) => {
					seen.add(wp.code);
					return { code: wp.code, title: wp.title, coreTaskCode: task.code, coreTaskTitle: task.title };
				});
			if (wps.length) groups.push({ code: task.code, title: task.title, workProcesses: wps });
		}
	}
	return groups;
}

export function workProcessIndex(groups: readonly CoreTaskGroup[]): Map<string, WorkProcessOption> {
	return new Map(groups.flatMap((g) => g.workProcesses.map((wp) => [wp.code, wp] as const)));
}

/** The items the student picked (from their choices), so evidence can point at the work it shows. */
export function chosenItems(
	choices: readonly Pick<LocalRecord<'choice'>, 'data'>[],
	items: readonly Pick<LocalRecord<'item'>, 'id' | 'data'>[]
): { id: string; title: string }[] {
	const byId = new Map(items.map((i) => [i.id, i]));
	const ids = [...new Set(choices.filter((c) => c.data.status !== 'dropped').map((c) => c.data.itemId))];
	return ids.flatMap((id) => {
		const item = byId.get(id);
		return item ? [{ id, title: item.data.title }] : [];
	});
}

/** Lines of a textarea as links: empty lines dropped, `www.…` gets `https://`; bad lines are returned apart. */
export function parseLinks(text: string): { links: string[]; bad: string[] } {
	const links: string[] = [];
	const bad: string[] = [];
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line) continue;
		const candidate = /^[a-z][a-z0-9+.-]*:/i.test(line) ? line : `https://${line}`;
		let href: string | null = null;
		try {
			const url = new URL(candidate);
			// Stored as the browser writes it (spaces encoded), which the server's URL check accepts.
			if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') && url.href.length <= 2000) href = url.href;
		} catch {
			href = null;
		}
		if (href === null) bad.push(line);
		else if (!links.includes(href)) links.push(href);
	}
	return { links, bad };
}

/** What a link shows: the site and path, without `https://` and a trailing slash. */
export function linkLabel(href: string): string {
	try {
		const url = new URL(href);
		const label = `${url.hostname.replace(/^www\./, '')}${url.pathname === '/' ? '' : url.pathname}${url.search}`;
		return label.length > 60 ? `${label.slice(0, 57)}…` : label;
	} catch {
		return href;
	}
}

/** The first lines of a text, cut at a word, for the list view. */
export function excerpt(text: string, max = 280): { text: string; cut: boolean } {
	const t = text.trim();
	if (t.length <= max) return { text: t, cut: false };
	const slice = t.slice(0, max);
	const space = slice.lastIndexOf(' ');
	return { text: `${(space > max * 0.6 ? slice.slice(0, space) : slice).trimEnd()}…`, cut: true };
}

export interface ReflectionView {
	id: string;
	/** What the reflection is about: the goal's title, or the picked item's title. */
	about: string | null;
	goalId: string | null;
	at: string;
	ratingBefore: number | null;
	ratingAfter: number | null;
	reflection: NonNullable<EntityData['cycle']['reflection']>;
}

/** Completed cycles (phase `done`) with something written in their reflection, newest first. */
export function reflectionsOf(
	cycles: readonly Pick<LocalRecord<'cycle'>, 'id' | 'data' | 'createdAt'>[],
	goals: readonly Pick<LocalRecord<'goal'>, 'id' | 'data'>[],
	choices: readonly Pick<LocalRecord<'choice'>, 'id' | 'data'>[],
	items: readonly Pick<LocalRecord<'item'>, 'id' | 'data'>[]
): ReflectionView[] {
	const goalById = new Map(goals.map((g) => [g.id, g]));
	const choiceById = new Map(choices.map((c) => [c.id, c]));
	const itemById = new Map(items.map((i) => [i.id, i]));
	return cycles
		.filter((c) => c.data.phase === 'done' && c.data.reflection && Object.values(c.data.reflection).some((v) => v !== null && v !== undefined && v !== ''))
		.map((c) => {
			const choice = c.data.choiceId ? choiceById.get(c.data.choiceId) : undefined;
			const goalId = c.data.goalId ?? choice?.data.goalId ?? null;
			const goal = goalId ? goalById.get(goalId) : undefined;
			const item = choice ? itemById.get(choice.data.itemId) : undefined;
			return {
				id: c.id,
				about: goal?.data.title ?? item?.data.title ?? null,
				goalId: goal ? goal.id : null,
				at: c.createdAt,
				ratingBefore: c.data.forethought?.ratingNow ?? null,
				ratingAfter: c.data.reflection?.ratingAfter ?? null,
				reflection: c.data.reflection!
			};
		})
		.sort((a, b) => byCodeUnits(b.at, a.at));
}

/** A date in the student's language: "23 november 2025". */
export function formatDate(iso: string | Date, locale: string, long = true): string {
	return dateFormat(long ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' }, localeTag(locale)).format(
		typeof iso === 'string' ? new Date(iso) : iso
	);
}

/** The fields of a form that differ from the record: only those are saved (and synced). */
export function changedFields<T extends object>(before: T, after: T): Partial<T> {
	const patch: Partial<T> = {};
	for (const key of Object.keys(after) as (keyof T)[]) {
		if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) patch[key] = after[key];
	}
	return patch;
}
