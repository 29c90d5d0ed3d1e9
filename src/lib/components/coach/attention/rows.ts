import { attentionBalance, type Contact } from '$lib/domain/attention';
import type { LocalRecord } from '$lib/client/db';
import { dateFormat } from '$lib/i18n/intl';

export interface AttentionRow {
	studentId: string;
	name: string;
	last2w: number;
	last4w: number;
	lastContact: string | null;
	noContact4w: boolean;
}

/** This coach's contacts: feedback they wrote (about its owner) and check-ins they held (on their date; planned ones do not count). */
export function contactsOf(me: string, feedback: LocalRecord<'feedback'>[], checkIns: LocalRecord<'checkIn'>[]): Contact[] {
	const out: Contact[] = [];
	for (const f of feedback) if (f.authorId === me && f.ownerId) out.push({ studentId: f.ownerId, at: f.createdAt, kind: 'feedback' });
	// A planned check-in (picked up for this week, not held yet) is no attention yet.
	for (const c of checkIns) if (c.authorId === me && !c.data.planned) out.push({ studentId: c.data.studentId, at: c.data.date, kind: 'checkIn' });
	return out;
}

export function attentionRows(students: { id: string; displayName: string }[], contacts: Contact[], today: Date, sort: 'fewest' | 'name') {
	const balance = attentionBalance({ students, contacts, today });
	const names = new Map(students.map((s) => [s.id, s.displayName]));
	const rows: AttentionRow[] = balance.perStudent.map((p) => ({ ...p, name: names.get(p.studentId) ?? '' }));
	if (sort === 'fewest') rows.sort((a, b) => a.last4w - b.last4w || a.last2w - b.last2w || a.name.localeCompare(b.name));
	else rows.sort((a, b) => a.name.localeCompare(b.name));
	return { rows, spread: balance.spread };
}

/** A contact's day in the reader's language ("12 nov. 2026"). */
export function formatContact(at: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(at);
	const d = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : new Date(at);
	return dateFormat({ day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}
