/**
 * "Deze week": a coach's short list of check-ins for this week, and the team's view of who picks up
 * whom. Urgency first (triage.ts); among equals, the students who got the least attention from this
 * coach in the last three weeks come first, then the longest since any contact. Pure, no I/O.
 */
import { isoDate, isoWeek, toDayNumber, weekDays } from './weeks';
import type { Urgency } from './triage';

/** A check-in as the plan reads it. `planned`: picked up for this week, not held yet. */
export interface PlanCheckIn {
	id: string;
	studentId: string;
	coachId: string;
	/** Its day, `2026-11-23`. */
	date: string;
	planned: boolean;
}

export interface PlanStudent {
	id: string;
	urgency: Urgency;
	/** Triage's score: the order within an urgency. */
	score: number;
}

export interface PlanEntry {
	studentId: string;
	urgency: Urgency;
	/** This coach's contacts (feedback, check-ins held) in the last three weeks. */
	contacts3w: number;
	/** A check-in held with this student this week, by this coach: ticked off. */
	done: PlanCheckIn | null;
	/** This coach picked the student up for this week (a planned check-in). */
	picked: PlanCheckIn | null;
}

export interface TeamEntry {
	studentId: string;
	urgency: Urgency;
	/** Who holds this week's check-in: a planned one or one already held, by any coach; null when nobody yet. */
	takenBy: { coachId: string; done: boolean } | null;
	/** The latest contact by any coach (feedback or check-in held), with who; null when none. */
	last: { coachId: string; at: string } | null;
}

/**
 * One coach's contacts with one student (feedback on the student's work, check-ins held), folded:
 * how many fall in the plan's three weeks up to today (`planWindow`), and the latest up to today (a
 * date-time, or a day for a check-in). The plan needs no more than this of them, so the server sends
 * one row per student and coach, however much a school has written (a row per contact made a
 * dashboard of 30 students carry 6,000 rows, 0.8 MB, at 3,200 records a student).
 */
export interface ContactPair {
	studentId: string;
	coachId: string;
	recent: number;
	last: string | null;
}

/**
 * Who talked with whom, as the week plan reads it: the folded contacts of each student and author,
 * and this week's check-ins (held or planned, by any coach; the buttons act on them). The server sends
 * it with the dashboard, so the plan is in its order from the first paint; the device store answers
 * the same shape (with what this device wrote since).
 */
export interface PlanContacts {
	pairs: ContactPair[];
	checkIns: { id: string; authorId: string; studentId: string; date: string; planned: boolean }[];
}

/**
 * Single contacts as the device store answers them (no text): coaches' feedback since a day a little
 * before the plan's three weeks (`contactsSince`, so no time zone leaves one out) and, before it, only
 * the latest of each author and student; and every check-in. The page folds them (`foldContacts`):
 * the fold is small enough for the page, and the store's worker stays as small as it is.
 */
export interface DeviceContacts {
	feedback: { ownerId: string; authorId: string; createdAt: string }[];
	checkIns: PlanContacts['checkIns'];
}

/** The day the device's single contacts start: three weeks and two days before `today`. */
export function contactsSince(today: Date): string {
	return new Date(today.getTime() - 23 * 86_400_000).toISOString().slice(0, 10);
}

/** The plan's three weeks: the calendar days from 20 days before `today` up to `today`, local time. */
export function planWindow(today: Date): { from: string; to: string } {
	const n = toDayNumber(today) ?? 0;
	return { from: isoDate(n - 20), to: isoDate(n) };
}

/**
 * Folds single contacts into `PlanContacts` for `today`: what the device store does with the records
 * it holds, by the rule the server's query follows (`weekContacts`). Feedback by the student on their
 * own work is no contact; a planned check-in is none until it is held.
 */
export function foldContacts(
	feedback: { ownerId: string | null; authorId: string | null; createdAt: string }[],
	checkIns: PlanContacts['checkIns'],
	today: Date
): PlanContacts {
	const todayN = toDayNumber(today) ?? 0;
	const { start, end } = weekDays(isoWeek(today));
	const pairs = new Map<string, ContactPair & { n: number }>();
	const add = (studentId: string, coachId: string, at: string) => {
		const n = toDayNumber(at);
		if (n === null || n > todayN) return;
		const key = `${studentId} ${coachId}`;
		let p = pairs.get(key);
		if (!p) pairs.set(key, (p = { studentId, coachId, recent: 0, last: null, n: -Infinity }));
		if (todayN - n < 21) p.recent++;
		if (later(n, at, p.n, p.last)) (p.n = n), (p.last = at);
	};
	for (const f of feedback) if (f.ownerId && f.authorId && f.authorId !== f.ownerId) add(f.ownerId, f.authorId, f.createdAt);
	const week: PlanContacts['checkIns'] = [];
	for (const c of checkIns) {
		if (!c.planned) add(c.studentId, c.authorId, c.date);
		const day = c.date.slice(0, 10);
		if (day >= start && day <= end) week.push(c);
	}
	return { pairs: [...pairs.values()].map(({ studentId, coachId, recent, last }) => ({ studentId, coachId, recent, last })), checkIns: week };
}

/** Whether a contact on day `n` at `at` is later than one on day `m` at `than`: by day, then as written. */
function later(n: number, at: string, m: number, than: string | null): boolean {
	return n > m || (n === m && than !== null && at > than);
}

/**
 * What the server sent and what the device has, as one: the device may not have everything yet (a
 * first sync) and may have more (a check-in ticked off offline). Per student and coach the larger
 * count and the later contact; check-ins by id, the device's first.
 */
export function mergeContacts(server: PlanContacts, device: PlanContacts | undefined): PlanContacts {
	if (!device) return server;
	const pairs = new Map<string, ContactPair>();
	for (const p of [...server.pairs, ...device.pairs]) {
		const key = `${p.studentId} ${p.coachId}`;
		const seen = pairs.get(key);
		if (!seen) pairs.set(key, p);
		else {
			const last = p.last !== null && (seen.last === null || later(toDayNumber(p.last) ?? -Infinity, p.last, toDayNumber(seen.last) ?? -Infinity, seen.last)) ? p.last : seen.last;
			pairs.set(key, { ...seen, recent: Math.max(seen.recent, p.recent), last });
		}
	}
	const checkIns = new Map<string, PlanContacts['checkIns'][number]>();
	for (const c of [...server.checkIns, ...device.checkIns]) checkIns.set(c.id, c);
	return { pairs: [...pairs.values()], checkIns: [...checkIns.values()] };
}

/** How many students a week's list holds at least (all who need the coach now come on it anyway). */
export const planSize = 6;
/** The check-ins (held or planned) on a day of `today`'s week, Monday to Sunday. */
function thisWeeks(checkIns: PlanCheckIn[], today: Date): PlanCheckIn[] {
	const { start, end } = weekDays(isoWeek(today));
	return checkIns.filter((c) => {
		const day = c.date.slice(0, 10);
		return day >= start && day <= end;
	});
}

const rank: Record<Urgency, number> = { now: 0, soon: 1, fine: 2 };

/**
 * This coach's list for the week: everyone who needs them now, topped up with the others in order
 * to `size`, leaving out students another coach already took this week. Ticked-off students stay on
 * the list, last, so the coach sees what they did.
 */
export function weekPlan(input: { me: string; students: PlanStudent[]; pairs: ContactPair[]; checkIns: PlanCheckIn[]; today: Date; size?: number }): PlanEntry[] {
	const { me, today } = input;
	const size = input.size ?? planSize;
	const counts = new Map<string, number>();
	const lastAny = new Map<string, number>();
	for (const p of input.pairs) {
		if (p.coachId === me) counts.set(p.studentId, (counts.get(p.studentId) ?? 0) + p.recent);
		const n = p.last === null ? null : toDayNumber(p.last);
		if (n !== null) lastAny.set(p.studentId, Math.max(lastAny.get(p.studentId) ?? -Infinity, n));
	}
	const week = thisWeeks(input.checkIns, today);
	const entries = input.students.map((s) => {
		const mine = week.filter((c) => c.studentId === s.id && c.coachId === me);
		const others = week.some((c) => c.studentId === s.id && c.coachId !== me);
		return {
			studentId: s.id,
			urgency: s.urgency,
			score: s.score,
			contacts3w: counts.get(s.id) ?? 0,
			done: mine.find((c) => !c.planned) ?? null,
			picked: mine.find((c) => c.planned) ?? null,
			takenByOther: others && mine.length === 0,
			last: lastAny.get(s.id) ?? -Infinity
		};
	});
	const order = (a: (typeof entries)[number], b: (typeof entries)[number]) =>
		rank[a.urgency] - rank[b.urgency] || a.contacts3w - b.contacts3w || a.last - b.last || b.score - a.score || (a.studentId < b.studentId ? -1 : 1);
	const open = entries.filter((e) => !e.takenByOther).sort(order);
	const chosen: typeof entries = [];
	for (const e of open) {
		if (e.urgency === 'now' || e.picked || e.done || chosen.length < size) chosen.push(e);
	}
	const list = chosen.sort((a, b) => Number(!!a.done) - Number(!!b.done) || order(a, b));
	return list.map(({ studentId, urgency, contacts3w, done, picked }) => ({ studentId, urgency, contacts3w, done, picked }));
}

/** The whole group across its coaches: urgency, who took whom this week, and the last contact. Most urgent first. */
export function teamWeek(input: { students: PlanStudent[]; pairs: ContactPair[]; checkIns: PlanCheckIn[]; today: Date }): TeamEntry[] {
	const week = thisWeeks(input.checkIns, input.today);
	const last = new Map<string, { coachId: string; at: string; n: number }>();
	for (const p of input.pairs) {
		const n = p.last === null ? null : toDayNumber(p.last);
		if (n === null || p.last === null) continue;
		const seen = last.get(p.studentId);
		if (!seen || later(n, p.last, seen.n, seen.at)) last.set(p.studentId, { coachId: p.coachId, at: p.last, n });
	}
	return [...input.students]
		.sort((a, b) => rank[a.urgency] - rank[b.urgency] || b.score - a.score || (a.id < b.id ? -1 : 1))
		.map((s) => {
			const mine = week.filter((c) => c.studentId === s.id);
			const taken = mine.find((c) => !c.planned) ?? mine.find((c) => c.planned);
			const l = last.get(s.id);
			return {
				studentId: s.id,
				urgency: s.urgency,
				takenBy: taken ? { coachId: taken.coachId, done: !taken.planned } : null,
				last: l ? { coachId: l.coachId, at: l.at } : null
			};
		});
}
