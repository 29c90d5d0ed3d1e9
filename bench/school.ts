/**
 * A deterministic synthetic school for the benchmark: students in groups with coaches, boards with
 * items, needs, a qualification, and learning records spread over goals, questions, choices, cycles,
 * evidence and feedback. The same seed gives the same school (dates are relative to the day it runs).
 *
 * Rows go straight into the tables in multi-row INSERTs (this is set-up, not a measurement); `rev`
 * follows creation time across the whole school, as it does when thousands of devices sync.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '$lib/server/db';
import { groups, memberships, records, schools, users } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { addWeeks, isoWeek } from '$lib/domain/pace';
import { defaultLevels } from '$lib/domain/constants';

export const benchPassword = 'koers-bench-2026';

/** mulberry32: small, fast, good enough for synthetic data. */
export function rng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	const hex = (n: number) => {
		let s = '';
		for (let i = 0; i < n; i++) s += int(16).toString(16);
		return s;
	};
	return {
		next,
		int,
		pick: <T>(list: readonly T[]): T => list[int(list.length)]!,
		chance: (p: number) => next() < p,
		/** A version-4 shaped UUID from the stream. */
		uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`
	};
}
export type Rng = ReturnType<typeof rng>;

export interface SchoolOptions {
	students: number;
	/** Average learning records per student (the heavy student has `heavyRecords`). */
	recordsPerStudent: number;
	heavyRecords: number;
	seed: number;
	/** Weeks of history before today. */
	weeks?: number;
	/** Usernames start with this (they are unique across the installation): another school in the same database takes another. */
	prefix?: string;
	now?: Date;
	log?: (msg: string) => void;
}

export interface BenchGroup {
	id: string;
	name: string;
	coachIds: string[];
	studentIds: string[];
	boardIds: string[];
	itemIds: string[];
}

export interface BenchSchool {
	schoolId: string;
	adminId: string;
	groups: BenchGroup[];
	coachIds: string[];
	studentIds: string[];
	/** Usernames by user id (for signing in over HTTP). */
	usernames: Map<string, string>;
	heavyStudentId: string;
	/** The group of exactly 30 students whose dashboard is measured. */
	dashboardGroup: BenchGroup;
	records: number;
	maxRev: number;
}

type RecordRow = typeof records.$inferInsert;

const words = (
	'plannen zorg cliënt verslag overdracht hygiëne dagbesteding vochtlijst gesprek observeren rapporteren ' +
	'samenwerken medicatie voeding bewegen veiligheid stage begeleider reflectie doel vraag bewijs opdracht ' +
	'rekenen taal houding feedback oefenen presenteren checklist protocol team'
).split(' ');
const sentence = (r: Rng, n: number) => {
	const out: string[] = [];
	for (let i = 0; i < n; i++) out.push(r.pick(words));
	const s = out.join(' ');
	return s[0]!.toUpperCase() + s.slice(1) + '.';
};

const DAY = 86_400_000;

/** Inserts rows in multi-row statements of `size`. */
async function insertAll<T>(db: Db, table: Parameters<Db['insert']>[0], rows: T[], size = 1000) {
	for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
}

export async function seedSchool(db: Db, opts: SchoolOptions): Promise<BenchSchool> {
	const r = rng(opts.seed);
	const log = opts.log ?? (() => {});
	const weeks = opts.weeks ?? 13;
	const now = opts.now ?? new Date();
	const today = new Date(Math.floor(now.getTime() / DAY) * DAY);
	const start = new Date(today.getTime() - weeks * 7 * DAY);
	const hash = await hashPassword(benchPassword);
	const prefix = opts.prefix ?? 'bench';

	const schoolId = r.uuid();
	await db.insert(schools).values({ id: schoolId, name: 'Benchmarkschool' });
	const nGroups = Math.max(1, Math.round(opts.students / 25));
	const nCoaches = Math.max(2, Math.round(nGroups / 2));
	const usernames = new Map<string, string>();
	const people: (typeof users.$inferInsert)[] = [];
	const person = (role: 'student' | 'coach' | 'admin', username: string, name: string) => {
		const id = r.uuid();
		usernames.set(id, username);
		people.push({ id, schoolId, role, username, displayName: name, passwordHash: hash });
		return id;
	};
	const adminId = person('admin', `${prefix}-admin`, 'Beheer Benchmark');
	const coachIds = Array.from({ length: nCoaches }, (_, i) => person('coach', `${prefix}-c${String(i + 1).padStart(4, '0')}`, `Coach ${i + 1}`));
	const studentIds = Array.from({ length: opts.students }, (_, i) =>
		person('student', `${prefix}-s${String(i + 1).padStart(5, '0')}`, `${r.pick(['Daan', 'Lotte', 'Samira', 'Kevin', 'Noah', 'Fatima', 'Sem', 'Julia', 'Mohammed', 'Emma'])} ${String(i + 1).padStart(5, '0')}`)
	);
	await insertAll(db, users, people);

	// Group 0 has exactly 30 students (the measured dashboard) when the school is large enough.
	const first = Math.min(30, opts.students);
	const bench: BenchGroup[] = [];
	let s = 0;
	for (let g = 0; g < nGroups; g++) {
		const size = g === 0 ? first : Math.floor((opts.students - first) / Math.max(1, nGroups - 1)) + (g - 1 < (opts.students - first) % Math.max(1, nGroups - 1) ? 1 : 0);
		bench.push({
			id: r.uuid(),
			name: `Groep ${String(g + 1).padStart(3, '0')}`,
			coachIds: [coachIds[g % nCoaches]!, coachIds[(g + 1) % nCoaches]!],
			studentIds: studentIds.slice(s, s + size),
			boardIds: [],
			itemIds: []
		});
		s += size;
	}
	await insertAll(db, groups, bench.map((g) => ({ id: g.id, schoolId, name: g.name })));
	await insertAll(
		db,
		memberships,
		bench.flatMap((g) => [
			...g.coachIds.map((userId) => ({ schoolId, groupId: g.id, userId, role: 'coach' as const })),
			...g.studentIds.map((userId) => ({ schoolId, groupId: g.id, userId, role: 'student' as const }))
		])
	);
	log(`people: ${opts.students} students, ${nCoaches} coaches, ${nGroups} groups`);

	// Records, emitted in time order so that `rev` interleaves students as real syncing does; a second
	// school in the same database goes on after the first one's.
	let rev = (await queryRows<{ n: number }>(db, sql`select coalesce(max(rev), 0)::int as n from records`))[0]!.n;
	let count = 0;
	let buffer: RecordRow[] = [];
	const flush = async (force = false) => {
		if (buffer.length >= 1000 || (force && buffer.length)) {
			await db.insert(records).values(buffer);
			count += buffer.length;
			buffer = [];
		}
	};
	const emit = async (row: Omit<RecordRow, 'rev' | 'schoolId'>) => {
		buffer.push({ ...row, schoolId, rev: ++rev });
		await flush();
	};
	const at = (week: number) => new Date(Math.min(today.getTime() + DAY - 1000, start.getTime() + week * 7 * DAY + r.int(7 * DAY)));

	const periodStart = start.toISOString().slice(0, 10);
	const periodEnd = new Date(today.getTime() + 9 * 7 * DAY).toISOString().slice(0, 10);
	await emit({
		id: r.uuid(),
		entity: 'qualification',
		ownerId: null,
		authorId: adminId,
		data: {
			title: 'Helpende Zorg en Welzijn',
			code: '25491',
			coreTasks: [1, 2].map((k) => ({
				code: `B1-K${k}`,
				title: sentence(r, 4),
				workProcesses: [1, 2, 3, 4].map((w) => ({ code: `B1-K${k}-W${w}`, title: sentence(r, 4) }))
			}))
		},
		createdAt: start,
		updatedAt: start
	});
	const wp = () => [`B1-K${1 + r.int(2)}-W${1 + r.int(4)}`];
	for (const g of bench) {
		for (let b = 0; b < 3; b++) {
			const boardId = r.uuid();
			g.boardIds.push(boardId);
			const when = at(0);
			await emit({
				id: boardId,
				entity: 'board',
				ownerId: null,
				authorId: g.coachIds[0]!,
				groupIds: [g.id],
				data: {
					title: `Keuzebord ${b + 1}: ${sentence(r, 3)}`,
					description: sentence(r, 12),
					periodStart,
					periodEnd,
					levels: defaultLevels.map((key) => ({ key, label: key })),
					mode: b === 2 ? 'stepPlan' : 'free',
					groupIds: [g.id]
				},
				createdAt: when,
				updatedAt: when
			});
			for (let i = 0; i < 12; i++) {
				const itemId = r.uuid();
				g.itemIds.push(itemId);
				await emit({
					id: itemId,
					entity: 'item',
					ownerId: null,
					authorId: g.coachIds[0]!,
					parentId: boardId,
					groupIds: [g.id],
					data: {
						boardId,
						title: sentence(r, 4),
						instructions: sentence(r, 30),
						level: defaultLevels[i % defaultLevels.length],
						type: r.pick(['practice', 'theory', 'project', 'realAssignment']),
						estimatedMinutes: 30 + r.int(8) * 15,
						workProcessIds: wp(),
						required: i < 2,
						order: i
					},
					createdAt: when,
					updatedAt: when
				});
			}
		}
		for (let n = 0; n < 2; n++) {
			const when = at(1);
			await emit({
				id: r.uuid(),
				entity: 'need',
				ownerId: null,
				authorId: g.coachIds[n % 2]!,
				groupIds: [g.id],
				data: {
					groupId: g.id,
					kind: n ? 'pedagogical' : 'didactic',
					category: n ? 'Meer zelfvertrouwen' : 'Rekenen in de zorg',
					studentIds: g.studentIds.filter(() => r.chance(0.3)),
					approach: sentence(r, 15),
					phase: 'approach'
				},
				createdAt: when,
				updatedAt: when
			});
		}
	}

	// Per student: what they have made so far (ids only), to point new records at.
	interface Life {
		id: string;
		group: BenchGroup;
		budget: number;
		goals: string[];
		questions: string[];
		choices: string[];
		cycles: string[];
		evidence: string[];
		feedbackOn: { entity: string; id: string }[];
	}
	const groupOf = new Map<string, BenchGroup>();
	for (const g of bench) for (const id of g.studentIds) groupOf.set(id, g);
	const lives: Life[] = studentIds.map((id, i) => ({
		id,
		group: groupOf.get(id)!,
		budget: i === studentIds.length - 1 ? opts.heavyRecords : Math.max(4, Math.round(opts.recordsPerStudent * (0.6 + r.next() * 0.8))),
		goals: [],
		questions: [],
		choices: [],
		cycles: [],
		evidence: [],
		feedbackOn: []
	}));
	const thisWeek = isoWeek(today);

	const learning = async (l: Life, week: number) => {
		const when = at(week);
		const base = { ownerId: l.id, authorId: l.id, createdAt: when, updatedAt: when };
		const weekOf = addWeeks(thisWeek, week - weeks);
		const roll = r.next();
		if (!l.goals.length || roll < 0.05) {
			const id = r.uuid();
			l.goals.push(id);
			l.feedbackOn.push({ entity: 'goal', id });
			return emit({ ...base, id, entity: 'goal', data: { title: sentence(r, 5), why: sentence(r, 12), successCriteria: sentence(r, 10), status: r.pick(['active', 'active', 'achieved', 'draft']), workProcessIds: wp() } });
		}
		if (roll < 0.13) {
			const id = r.uuid();
			l.questions.push(id);
			l.feedbackOn.push({ entity: 'question', id });
			return emit({ ...base, id, entity: 'question', data: { goalId: r.pick(l.goals), text: sentence(r, 12) } });
		}
		if (roll < 0.33 || !l.choices.length) {
			const id = r.uuid();
			l.choices.push(id);
			const itemIndex = r.int(l.group.itemIds.length);
			const planned = addWeeks(weekOf, r.int(3));
			const past = week < weeks - 2;
			const status = past ? r.pick(['done', 'done', 'done', 'done', 'done', 'inProgress', 'planned', 'dropped']) : r.pick(['planned', 'inProgress', 'done']);
			const doneAt = status === 'done' ? new Date(Math.min(today.getTime(), when.getTime() + r.int(14) * DAY)).toISOString() : null;
			return emit({
				...base,
				id,
				entity: 'choice',
				updatedAt: doneAt ? new Date(doneAt) : when,
				data: { itemId: l.group.itemIds[itemIndex]!, boardId: l.group.boardIds[Math.floor(itemIndex / 12)]!, plannedWeek: planned, status, goalId: r.chance(0.5) ? r.pick(l.goals) : null, doneAt }
			});
		}
		if (roll < 0.56) {
			const id = r.uuid();
			l.cycles.push(id);
			l.feedbackOn.push({ entity: 'cycle', id });
			const phase = week < weeks - 2 ? 'done' : r.pick(['forethought', 'performance', 'reflection', 'done']);
			const reflected = phase === 'reflection' || phase === 'done';
			return emit({
				...base,
				id,
				entity: 'cycle',
				data: {
					choiceId: r.pick(l.choices),
					phase,
					forethought: { aim: sentence(r, 8), ratingNow: 3 + r.int(5), ratingTarget: 6 + r.int(4), strategy: sentence(r, 10), timeEstimate: 60 + r.int(6) * 30, needFromCoach: sentence(r, 6) },
					performance: Array.from({ length: phase === 'forethought' ? 0 : 1 + r.int(3) }, (_, k) => ({ id: r.uuid(), at: new Date(when.getTime() + k * 3600_000).toISOString(), minutes: 30 + r.int(90), note: sentence(r, 10) })),
					...(reflected ? { reflection: { howItWent: sentence(r, 10), ratingAfter: 4 + r.int(6), whatWorked: sentence(r, 8), nextStep: sentence(r, 8) } } : {}),
					...(reflected && r.chance(0.5) ? { coachRating: 4 + r.int(6) } : {})
				}
			});
		}
		if (roll < 0.68) {
			const id = r.uuid();
			l.evidence.push(id);
			const priv = r.chance(0.1);
			if (!priv) l.feedbackOn.push({ entity: 'evidence', id });
			return emit({
				...base,
				id,
				entity: 'evidence',
				private: priv,
				data: { title: sentence(r, 4), body: sentence(r, 40), goalIds: [r.pick(l.goals)], workProcessIds: wp(), visibility: priv ? 'private' : 'coach' }
			});
		}
		if (roll < 0.96 && l.feedbackOn.length) {
			const target = r.pick(l.feedbackOn);
			const reply = r.chance(0.2);
			return emit({
				...base,
				id: r.uuid(),
				entity: 'feedback',
				authorId: reply ? l.id : r.pick(l.group.coachIds),
				data: { targetEntity: target.entity, targetId: target.id, kind: reply ? 'reply' : r.pick(['feedback', 'feedforward']), body: sentence(r, 18), focus: r.pick(['task', 'process', 'selfRegulation']) }
			});
		}
		if (roll < 0.985) {
			return emit({ ...base, id: r.uuid(), entity: 'rating', data: { itemId: r.pick(l.group.itemIds), stars: 1 + r.int(5), comment: sentence(r, 6) } });
		}
		return emit({
			...base,
			id: r.uuid(),
			entity: 'checkIn',
			authorId: l.group.coachIds[0]!,
			data: { studentId: l.id, date: when.toISOString().slice(0, 10), notes: sentence(r, 20), agreedActions: [sentence(r, 5)] }
		});
	};

	for (let week = 0; week < weeks; week++) {
		for (const l of lives) {
			if (week === 0) {
				const when = at(0);
				await emit({ id: r.uuid(), entity: 'intake', ownerId: l.id, authorId: l.id, createdAt: when, updatedAt: when, data: { interests: sentence(r, 10), ambitions: sentence(r, 10), helpsMeLearn: sentence(r, 8), confidence: 3 + r.int(7), completedAt: when.toISOString() } });
				await emit({ id: r.uuid(), entity: 'autonomy', ownerId: l.id, authorId: l.group.coachIds[0]!, createdAt: when, updatedAt: when, data: { studentId: l.id, level: r.pick(['guided', 'shared', 'selfDirected']), workLevel: 'basis' } });
				l.budget -= 2;
			}
			// Spread what is left over the remaining weeks.
			const n = Math.max(0, Math.round(l.budget / (weeks - week)));
			for (let k = 0; k < n; k++) await learning(l, week);
			l.budget -= n;
		}
		log(`week ${week + 1}/${weeks}: ${count + buffer.length} records`);
	}
	await flush(true);
	await db.execute(sql`select setval('rev_seq', ${rev})`);
	await db.execute(sql`analyze`);

	return {
		schoolId,
		adminId,
		groups: bench,
		coachIds,
		studentIds,
		usernames,
		// The heavy student is the last one (in the last group), so the measured dashboard group is typical.
		heavyStudentId: studentIds[studentIds.length - 1]!,
		dashboardGroup: bench[0]!,
		records: count,
		maxRev: rev
	};
}
