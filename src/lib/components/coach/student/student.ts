/**
 * The pure parts of the coach's student page: the timeline, feedback threads, the calibration
 * gap in words, check-in actions and the coach's feedback templates. No I/O except the
 * template storage, which takes the Storage it writes to.
 */
import type { EntityName } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';
import { byCodeUnits } from '$lib/domain/order';

/** The fields of a device record these helpers read. */
export interface RecordLike<E extends EntityName = EntityName> {
	id: string;
	data: EntityData[E];
	authorId: string | null;
	createdAt: string;
	syncedAt?: string | null;
}

export type TimelineEvent =
	| 'intakeStarted'
	| 'intakeCompleted'
	| 'goalCreated'
	| 'questionCreated'
	| 'choiceCreated'
	| 'choiceDone'
	| 'cycleStarted'
	| 'performanceLogged'
	| 'reflectionFilled'
	| 'evidenceAdded'
	| 'feedbackGiven'
	| 'studentReplied'
	| 'checkInHeld';

export interface TimelineEntry {
	/** Unique within the timeline (record id plus event). */
	key: string;
	at: string;
	event: TimelineEvent;
	entity: EntityName;
	id: string;
	/** A short text to recognise the record by (goal title, item title, …), if there is one. */
	title?: string;
}

export interface StudentRecords {
	intake?: readonly RecordLike<'intake'>[];
	goal?: readonly RecordLike<'goal'>[];
	question?: readonly RecordLike<'question'>[];
	choice?: readonly RecordLike<'choice'>[];
	cycle?: readonly RecordLike<'cycle'>[];
	evidence?: readonly RecordLike<'evidence'>[];
	feedback?: readonly RecordLike<'feedback'>[];
	checkIn?: readonly RecordLike<'checkIn'>[];
}

const short = (text: string | undefined, max = 80): string | undefined => {
	const t = text?.trim().replace(/\s+/g, ' ');
	if (!t) return undefined;
	return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

const valid = (iso: string | null | undefined): iso is string => typeof iso === 'string' && !Number.isNaN(Date.parse(iso));

/**
 * Everything that happened around one student, newest first. Every record gives its creation;
 * some give a later moment too: a finished intake, a finished choice, the last performance log
 * entry and a filled-in reflection (at the time the device last received the cycle).
 * `itemTitles` names choices; `studentId` tells the student's replies from coach feedback.
 */
export function buildTimeline(records: StudentRecords, studentId: string, itemTitles: Record<string, string> = {}): TimelineEntry[] {
	const out: TimelineEntry[] = [];
	const add = (at: string | null | undefined, event: TimelineEvent, entity: EntityName, id: string, title?: string) => {
		if (valid(at)) out.push({ key: `${id}:${event}`, at, event, entity, id, ...(title ? { title } : {}) });
	};
	for (const r of records.intake ?? []) {
		add(r.createdAt, 'intakeStarted', 'intake', r.id);
		add(r.data.completedAt, 'intakeCompleted', 'intake', r.id);
	}
	for (const r of records.goal ?? []) add(r.createdAt, 'goalCreated', 'goal', r.id, short(r.data.title));
	for (const r of records.question ?? []) add(r.createdAt, 'questionCreated', 'question', r.id, short(r.data.text));
	for (const r of records.choice ?? []) {
		const title = itemTitles[r.data.itemId];
		add(r.createdAt, 'choiceCreated', 'choice', r.id, title);
		if (r.data.status === 'done') add(r.data.doneAt ?? r.syncedAt, 'choiceDone', 'choice', r.id, title);
	}
	for (const r of records.cycle ?? []) {
		add(r.createdAt, 'cycleStarted', 'cycle', r.id, short(r.data.forethought?.aim));
		const log = (r.data.performance ?? []).map((e) => e.at).filter(valid).sort();
		const lastLog = log.at(-1);
		if (lastLog) add(lastLog, 'performanceLogged', 'cycle', r.id, short(r.data.forethought?.aim));
		const refl = r.data.reflection;
		if (refl && (short(refl.howItWent) || refl.ratingAfter != null)) {
			add(r.syncedAt && r.syncedAt > r.createdAt ? r.syncedAt : r.createdAt, 'reflectionFilled', 'cycle', r.id, short(r.data.forethought?.aim));
		}
	}
	for (const r of records.evidence ?? []) add(r.createdAt, 'evidenceAdded', 'evidence', r.id, short(r.data.title));
	for (const r of records.feedback ?? []) {
		add(r.createdAt, r.authorId === studentId ? 'studentReplied' : 'feedbackGiven', 'feedback', r.id, short(r.data.body, 60));
	}
	for (const r of records.checkIn ?? []) add(r.createdAt, 'checkInHeld', 'checkIn', r.id, r.data.date);
	return out.sort((a, b) => {
		const d = Date.parse(b.at) - Date.parse(a.at);
		if (d !== 0) return d;
		return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
	});
}

/** The feedback on one record, oldest first (the order a conversation is read in). */
export function threadOf<T extends RecordLike<'feedback'>>(feedback: readonly T[], targetId: string): T[] {
	return feedback
		.filter((f) => f.data.targetId === targetId)
		.sort((a, b) => byCodeUnits(a.createdAt, b.createdAt) || byCodeUnits(a.id, b.id));
}

/**
 * Whether a learning question waits for the coach: no coach has answered it yet, or the student
 * replied after the last answer (the rule the dashboard's "wacht op jou" count uses).
 */
export function questionWaits(feedback: readonly RecordLike<'feedback'>[], questionId: string, studentId: string): boolean {
	let answeredAt = '';
	let repliedAt = '';
	for (const f of feedback) {
		if (f.data.targetId !== questionId) continue;
		if (f.authorId === studentId) repliedAt = byCodeUnits(f.createdAt, repliedAt) > 0 ? f.createdAt : repliedAt;
		else if (f.data.kind !== 'reply') answeredAt = byCodeUnits(f.createdAt, answeredAt) > 0 ? f.createdAt : answeredAt;
	}
	return !answeredAt || byCodeUnits(repliedAt, answeredAt) > 0;
}

/**
 * The calibration gap (student's mark minus the coach's, see `calibration`) for a sentence:
 * which way it goes and by how many points, rounded to one decimal. `null` when there is no gap to tell.
 * Within a quarter point the student and coach are said to agree ('same').
 */
export function gapInWords(gap: number | null): { direction: 'higher' | 'lower' | 'same'; points: number } | null {
	if (gap === null || !Number.isFinite(gap)) return null;
	const points = Math.round(Math.abs(gap) * 10) / 10;
	if (Math.abs(gap) < 0.25) return { direction: 'same', points };
	return { direction: gap > 0 ? 'higher' : 'lower', points };
}

/** Agreed actions from a textarea, one per line: trimmed, empty lines left out, at most 30 of at most 500 characters. */
export function parseActions(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim().slice(0, 500))
		.filter((line) => line !== '')
		.slice(0, 30);
}

/** A template text put into the composer: after what is typed already, on a new paragraph. */
export function insertTemplate(body: string, template: string): string {
	const trimmed = body.replace(/\s+$/, '');
	return trimmed === '' ? template : `${trimmed}\n\n${template}`;
}

const MAX_TEMPLATES = 20;
const MAX_TEMPLATE_LENGTH = 2000;

export function templatesKey(coachId: string): string {
	return `koers-feedback-templates-${coachId}`;
}

/** Clean a list of templates: strings only, trimmed, no empty or double ones, at most 20 of 2000 characters. */
export function cleanTemplates(value: unknown): string[] | null {
	if (!Array.isArray(value)) return null;
	const seen = new Set<string>();
	const out: string[] = [];
	for (const v of value) {
		if (typeof v !== 'string') continue;
		const t = v.trim().slice(0, MAX_TEMPLATE_LENGTH);
		if (t === '' || seen.has(t)) continue;
		seen.add(t);
		out.push(t);
		if (out.length === MAX_TEMPLATES) break;
	}
	return out;
}

/** The coach's templates on this device, or the defaults when none were saved (or the stored value is unreadable). */
export function loadTemplates(storage: Pick<Storage, 'getItem'> | undefined, coachId: string, defaults: readonly string[]): string[] {
	try {
		const raw = storage?.getItem(templatesKey(coachId));
		if (raw) {
			const list = cleanTemplates(JSON.parse(raw));
			if (list) return list;
		}
	} catch {
		// Unreadable or blocked storage: fall back to the defaults.
	}
	return [...defaults];
}

/** Stores the cleaned templates and returns them; false when the device refused (storage full or blocked). */
export function storeTemplates(storage: Pick<Storage, 'setItem'> | undefined, coachId: string, templates: readonly string[]): string[] | false {
	const list = cleanTemplates(templates) ?? [];
	try {
		if (!storage) return false;
		storage.setItem(templatesKey(coachId), JSON.stringify(list));
		return list;
	} catch {
		return false;
	}
}

/**
 * Where a message the coach just sent stands, from its record on this device: refused by the server,
 * on its way (online), kept here until there is a connection, or at the server (its receipt).
 * Null while there is nothing to say yet.
 */
export function sentState(
	record: { pending: number; syncedAt: string | null } | null | undefined,
	refused: { error?: string } | undefined,
	online: boolean
): { state: 'refused'; reason: string } | { state: 'sending' } | { state: 'kept' } | { state: 'sent'; at: string } | null {
	if (!record) return null;
	if (refused) return { state: 'refused', reason: refused.error ?? '' };
	if (record.pending > 0) return { state: online ? 'sending' : 'kept' };
	return record.syncedAt ? { state: 'sent', at: record.syncedAt } : null;
}
