import { describe, expect, it } from 'vitest';
import { foldContacts, mergeContacts, teamWeek, weekPlan, type PlanCheckIn, type PlanContacts, type PlanStudent } from './week-plan';

// Wednesday 25 November 2026; the week runs from Monday 23 to Sunday 29.
const today = new Date(2026, 10, 25, 12);
const me = 'marieke';
const ahmed = 'ahmed';
const s = (id: string, urgency: PlanStudent['urgency'], score = 0): PlanStudent => ({ id, urgency, score: (urgency === 'now' ? 200 : urgency === 'soon' ? 100 : 0) + score });
const checkIn = (studentId: string, coachId: string, date: string, planned = false): PlanCheckIn => ({ id: `${studentId}-${coachId}-${date}`, studentId, coachId, date, planned });
/** Single contacts (feedback by `coachId` on the student's work) folded as the plan reads them. */
const pairsOf = (contacts: { studentId: string; coachId: string; at: string }[], checkIns: PlanCheckIn[] = []) =>
	foldContacts(
		contacts.map((c) => ({ ownerId: c.studentId, authorId: c.coachId, createdAt: c.at })),
		checkIns.map((c) => ({ id: c.id, authorId: c.coachId, studentId: c.studentId, date: c.date, planned: c.planned })),
		today
	).pairs;

describe('this coach’s week', () => {
	const students = [s('fine-a', 'fine'), s('fine-b', 'fine'), s('soon-a', 'soon', 5), s('soon-b', 'soon', 1), s('now-a', 'now'), s('now-b', 'now', 9), s('fine-c', 'fine'), s('fine-d', 'fine')];

	it('lists everyone who needs the coach now, then the others, the least attended first among equals', () => {
		const contacts = [
			{ studentId: 'fine-a', coachId: me, at: '2026-11-20' },
			{ studentId: 'fine-a', coachId: me, at: '2026-11-12' },
			{ studentId: 'fine-b', coachId: me, at: '2026-11-19' },
			// Older than three weeks, and another coach's: they do not count for this coach's balance.
			{ studentId: 'fine-c', coachId: me, at: '2026-10-20' },
			{ studentId: 'fine-d', coachId: ahmed, at: '2026-11-24' },
			{ studentId: 'now-a', coachId: me, at: '2026-11-24T10:00:00Z' }
		];
		const plan = weekPlan({ me, students, pairs: pairsOf(contacts), checkIns: [], today, size: 6 });
		// Both "now" students, now-b has had no contact from me (now-a has one) — then soon, then the
		// fine students with the fewest contacts from me; fine-c (old contact) before fine-d (more recent, by Ahmed).
		expect(plan.map((e) => e.studentId)).toEqual(['now-b', 'now-a', 'soon-a', 'soon-b', 'fine-c', 'fine-d']);
		expect(plan.find((e) => e.studentId === 'now-a')?.contacts3w).toBe(1);
	});

	it('takes everyone who needs the coach now, even beyond the size', () => {
		const many = Array.from({ length: 9 }, (_, i) => s(`now-${i}`, 'now'));
		expect(weekPlan({ me, students: many, pairs: [], checkIns: [], today, size: 6 })).toHaveLength(9);
	});

	it('keeps a ticked-off student on the list, last; leaves out whom another coach took this week', () => {
		const checkIns = [checkIn('now-b', me, '2026-11-24'), checkIn('now-a', ahmed, '2026-11-26', true), checkIn('soon-a', me, '2026-11-16'), checkIn('soon-b', me, '2026-11-27', true)];
		const plan = weekPlan({ me, students, pairs: [], checkIns, today, size: 4 });
		expect(plan.map((e) => e.studentId)).toEqual(['soon-a', 'soon-b', 'fine-a', 'now-b']);
		expect(plan.at(-1)!.done?.date).toBe('2026-11-24');
		expect(plan.find((e) => e.studentId === 'soon-b')!.picked?.planned).toBe(true);
		// Last week's check-in is not this week's.
		expect(plan.find((e) => e.studentId === 'soon-a')!.done).toBeNull();
	});
});

describe('the team’s week', () => {
	it('shows per student who took them this week and the last contact, most urgent first', () => {
		const students = [s('a', 'fine'), s('b', 'now'), s('c', 'soon')];
		const checkIns = [checkIn('b', ahmed, '2026-11-26', true), checkIn('a', me, '2026-11-23'), checkIn('c', me, '2026-11-10')];
		const pairs = foldContacts(
			[
				{ authorId: ahmed, ownerId: 'c', createdAt: '2026-11-18T09:00:00Z' },
				// The student's own reply is no contact.
				{ authorId: 'c', ownerId: 'c', createdAt: '2026-11-24T09:00:00Z' }
			],
			checkIns.map((c) => ({ id: c.id, authorId: c.coachId, studentId: c.studentId, date: c.date, planned: c.planned })),
			today
		).pairs;
		const team = teamWeek({ students, pairs, checkIns, today });
		expect(team.map((t) => [t.studentId, t.takenBy, t.last?.coachId ?? null])).toEqual([
			['b', { coachId: ahmed, done: false }, null],
			['c', null, ahmed],
			['a', { coachId: me, done: true }, me]
		]);
	});
});

describe('contacts folded per student and coach', () => {
	it('counts the three weeks up to today, keeps the latest up to today, and leaves out what is not a contact', () => {
		const folded = foldContacts(
			[
				// 20 days before Wednesday 25 November is the first day of the three weeks; 21 days is not in them.
				{ ownerId: 'a', authorId: me, createdAt: '2026-11-05T08:00:00' },
				{ ownerId: 'a', authorId: me, createdAt: '2026-11-04T20:00:00' },
				{ ownerId: 'a', authorId: me, createdAt: '2026-11-24T09:00:00' },
				// Tomorrow's (a clock ahead) is no contact yet; nor the student's own reply, nor one without an author.
				{ ownerId: 'a', authorId: ahmed, createdAt: '2026-11-26T09:00:00' },
				{ ownerId: 'a', authorId: 'a', createdAt: '2026-11-24T10:00:00' },
				{ ownerId: 'a', authorId: null, createdAt: '2026-11-24T10:00:00' }
			],
			[
				{ id: 'held', authorId: me, studentId: 'a', date: '2026-11-24', planned: false },
				{ id: 'plan', authorId: ahmed, studentId: 'b', date: '2026-11-27', planned: true },
				{ id: 'old', authorId: ahmed, studentId: 'b', date: '2026-10-01', planned: false }
			],
			today
		);
		expect(folded.pairs.sort((x, y) => (x.studentId < y.studentId ? -1 : 1))).toEqual([
			// The feedback at 9:00 and the check-in held the same day: the feedback is the latest of that day, as written.
			{ studentId: 'a', coachId: me, recent: 3, last: '2026-11-24T09:00:00' },
			{ studentId: 'b', coachId: ahmed, recent: 0, last: '2026-10-01' }
		]);
		// This week's check-ins, held or planned; last month's is not.
		expect(folded.checkIns.map((c) => c.id)).toEqual(['held', 'plan']);
	});
});

describe('what the server sent and what the device has', () => {
	const server: PlanContacts = {
		pairs: [{ studentId: 'a', coachId: me, recent: 2, last: '2026-11-20T10:00:00.000Z' }],
		checkIns: [{ id: 'k1', authorId: me, studentId: 'a', date: '2026-11-26', planned: true }]
	};

	it('is the server’s while the device has not answered, or has less (a first sync)', () => {
		expect(mergeContacts(server, undefined)).toEqual(server);
		expect(mergeContacts(server, { pairs: [], checkIns: [] })).toEqual(server);
		expect(mergeContacts(server, { pairs: [{ studentId: 'a', coachId: me, recent: 1, last: '2026-11-12T10:00:00.000Z' }], checkIns: [] })).toEqual(server);
	});

	it('takes the device’s when it has more (a talk ticked off offline), and its check-in as changed there', () => {
		const device: PlanContacts = {
			pairs: [
				{ studentId: 'a', coachId: me, recent: 3, last: '2026-11-25' },
				{ studentId: 'b', coachId: ahmed, recent: 1, last: '2026-11-24T09:00:00.000Z' }
			],
			checkIns: [{ ...server.checkIns[0]!, planned: false, date: '2026-11-25' }]
		};
		const merged = mergeContacts(server, device);
		expect(merged.pairs).toEqual(device.pairs);
		expect(merged.checkIns).toEqual([{ id: 'k1', authorId: me, studentId: 'a', date: '2026-11-25', planned: false }]);
	});
});
