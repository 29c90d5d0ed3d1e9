/**
 * "Deze week": a coach's short list of check-ins for this week, and the team's view of who picks up
 * whom. Urgency first (triage.ts); among equals, the students who got the least attention from this
 * coach in the last three weeks come first, then the longest since any contact. Pure, no I/O.
 */
import { isoWeek, toDayNumber, weekDays } from './weeks';
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

export interface Contact {
	studentId: string;
	coachId: string;
	/** A day or a date-time. */
	at: string;
}

/**
 * Who talked with whom, as the week plan reads it: coaches' feedback as who-about-whom-when (every one
 * since a day three weeks back, before it only the latest of each coach and student) and every
 * check-in, held or planned. The server sends it with the dashboard, so the plan is in its order from
 * the first paint; the device store answers the same shape (with what this device wrote since).
 */
export interface PlanContacts {
	feedback: { ownerId: string; authorId: string; createdAt: string }[];
	checkIns: { id: string; authorId: string; studentId: string; date: string; planned: boolean }[];
}

/** The day the plan's contacts start: three weeks and a day before `today` (the plan counts the last three weeks). */
export function contactsSince(today: Date): string {
	return new Date(today.getTime() - 22 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * What the server sent and what the device has, as one: the device may not have everything yet (a
 * first sync) and may have more (a check-in ticked off offline). Check-ins by id, the device's first.
 */
export function mergeContacts(server: PlanContacts, device: PlanContacts | undefined): PlanContacts {
	if (!device) return server;
	const feedback = new Map<string, PlanContacts['feedback'][number]>();
	for (const f of [...server.feedback, ...device.feedback]) feedback.set(`${f.ownerId} ${f.authorId} ${f.createdAt}`, f);
	const checkIns = new Map<string, PlanContacts['checkIns'][number]>();
	for (const c of [...server.checkIns, ...device.checkIns]) checkIns.set(c.id, c);
	return { feedback: [...feedback.values()], checkIns: [...checkIns.values()] };
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
export function weekPlan(input: { me: string; students: PlanStudent[]; contacts: Contact[]; checkIns: PlanCheckIn[]; today: Date; size?: number }): PlanEntry[] {
	const { me, today } = input;
	const size = input.size ?? planSize;
	const todayN = toDayNumber(today) ?? 0;
	const counts = new Map<string, number>();
	const lastAny = new Map<string, number>();
	for (const c of input.contacts) {
		const n = toDayNumber(c.at);
		if (n === null || n > todayN) continue;
		if (c.coachId === me && todayN - n < 21) counts.set(c.studentId, (counts.get(c.studentId) ?? 0) + 1);
		lastAny.set(c.studentId, Math.max(lastAny.get(c.studentId) ?? -Infinity, n));
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
export function teamWeek(input: { students: PlanStudent[]; contacts: Contact[]; checkIns: PlanCheckIn[]; today: Date }): TeamEntry[] {
	const todayN = toDayNumber(input.today) ?? 0;
	const week = thisWeeks(input.checkIns, input.today);
	const last = new Map<string, { coachId: string; at: string; n: number }>();
	for (const c of input.contacts) {
		const n = toDayNumber(c.at);
		if (n === null || n > todayN) continue;
		const seen = last.get(c.studentId);
		if (!seen || n > seen.n || (n === seen.n && c.at > seen.at)) last.set(c.studentId, { coachId: c.coachId, at: c.at, n });
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

/** Contacts from the records on this device: coaches' feedback (about its owner) and check-ins held (on their day). */
export function planContacts(
	feedback: { authorId: string | null; ownerId: string | null; createdAt: string }[],
	checkIns: PlanCheckIn[],
	isCoach: (id: string) => boolean
): Contact[] {
	const out: Contact[] = [];
	for (const f of feedback) if (f.ownerId && f.authorId && f.authorId !== f.ownerId && isCoach(f.authorId)) out.push({ studentId: f.ownerId, coachId: f.authorId, at: f.createdAt });
	for (const c of checkIns) if (!c.planned) out.push({ studentId: c.studentId, coachId: c.coachId, at: c.date });
	return out;
}
