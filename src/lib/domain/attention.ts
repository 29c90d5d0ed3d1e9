/**
 * The coach's attention balance: who got feedback or a check-in from this coach recently, and
 * who did not. Teachers unconsciously give more attention to students they expect more from;
 * seeing the numbers per student makes that visible. Pure: no I/O.
 */

export type ContactKind = 'feedback' | 'checkIn';

export interface Contact {
	studentId: string;
	/** An ISO date (`2026-11-23`, a check-in's day) or date-time (a feedback's `createdAt`). */
	at: string;
	kind: ContactKind;
}

export interface StudentAttention {
	studentId: string;
	/** Contacts in the last 14 days, today included. */
	last2w: number;
	/** Contacts in the last 28 days, today included. */
	last4w: number;
	/** The `at` of the most recent contact up to today (any age), or null when there was none. */
	lastContact: string | null;
	/** No contact at all in the last 28 days. */
	noContact4w: boolean;
}

export interface AttentionSpread {
	/** Fewest contacts any student had in the last 4 weeks. */
	min: number;
	/** Most contacts any student had in the last 4 weeks. */
	max: number;
	median: number;
	/** Gini coefficient of the 4-week counts: 0 = everyone the same, towards 1 = all attention to a few. */
	giniOrRatio: number;
}

export interface AttentionBalance {
	perStudent: StudentAttention[];
	spread: AttentionSpread;
}

const DAY = 86_400_000;
const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day number: date-only strings as written, date-times and Dates in local time. */
function dayNumber(value: string | Date): number | null {
	if (typeof value === 'string') {
		const match = dateOnly.exec(value);
		if (match) return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY;
	}
	const d = typeof value === 'string' ? new Date(value) : value;
	if (Number.isNaN(d.getTime())) return null;
	return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY;
}

export function median(values: number[]): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Gini coefficient of non-negative counts (0 when everyone has the same, including all zero). */
export function gini(values: number[]): number {
	const n = values.length;
	const total = values.reduce((s, v) => s + v, 0);
	if (n === 0 || total === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	// Σ (2i − n − 1)·x_i over the sorted values, i = 1..n, divided by n·Σx.
	const weighted = sorted.reduce((s, v, i) => s + (2 * (i + 1) - n - 1) * v, 0);
	return Math.round((weighted / (n * total)) * 1000) / 1000;
}

/**
 * Counts each student's contacts in the last two and four weeks (contacts dated after today are
 * not counted: a planned check-in is not attention yet) and how evenly they are spread.
 * Contacts of students outside `students` are ignored; the order of `students` is kept.
 */
export function attentionBalance(input: { students: { id: string }[]; contacts: Contact[]; today: Date }): AttentionBalance {
	const today = dayNumber(input.today)!;
	const byStudent = new Map<string, StudentAttention & { lastDay: number | null }>();
	for (const s of input.students) {
		byStudent.set(s.id, { studentId: s.id, last2w: 0, last4w: 0, lastContact: null, noContact4w: true, lastDay: null });
	}
	for (const c of input.contacts) {
		const entry = byStudent.get(c.studentId);
		const day = dayNumber(c.at);
		if (!entry || day === null) continue;
		const age = today - day;
		if (age < 0) continue;
		if (age < 14) entry.last2w++;
		if (age < 28) entry.last4w++;
		if (entry.lastDay === null || day > entry.lastDay || (day === entry.lastDay && c.at > entry.lastContact!)) {
			entry.lastDay = day;
			entry.lastContact = c.at;
		}
	}
	const perStudent = [...byStudent.values()].map(({ lastDay: _lastDay, ...s }) => ({ ...s, noContact4w: s.last4w === 0 }));
	const counts = perStudent.map((s) => s.last4w);
	return {
		perStudent,
		spread: {
			min: counts.length ? Math.min(...counts) : 0,
			max: counts.length ? Math.max(...counts) : 0,
			median: median(counts),
			giniOrRatio: gini(counts)
		}
	};
}
