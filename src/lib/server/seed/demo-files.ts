/**
 * The demo school as data: the folder `seed/demo/` (bundled into the build), or a school's own folder
 * named by KOERS_DEMO_DIR, in the same layout (seed/demo/README.md). Every file is checked against
 * the zod schemas the app uses for those records, boards as open board files (board-file.ts); then
 * every reference between them and the order of their moments. An error names the file and the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { formatPath, parseBoardFile, type BoardFile } from '$lib/domain/board-file';
import { passwordMinLength } from '$lib/domain/constants';
import {
	autonomyData,
	checkInData,
	choiceData,
	cycleData,
	evidenceData,
	feedbackData,
	goalData,
	intakeData,
	needData,
	performanceEntry,
	qualificationData,
	questionData,
	ratingData,
	type EntityData
} from '$lib/domain/entities';
import { displayNameSchema, usernameSchema } from '$lib/domain/user';

// ---------------------------------------------------------------------------------------------
// The files' schemas: the app's entity schemas, with keys instead of ids and moments instead of dates

/** A moment relative to the day the demo is seeded: `daysAgo` days back, at a Dutch wall-clock time. */
const when = {
	daysAgo: z.number().int().min(0).max(3650),
	time: z
		.string()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'a time as HH:MM' })
		.default('12:00')
};
const moment = z.strictObject(when);
export type When = z.infer<typeof moment>;

const key = z.string().regex(/^[a-z0-9][a-zA-Z0-9_-]{0,79}$/, { message: 'a key: lowercase letters, digits and dashes' });
const file = z.string().regex(/^[\w-]+(\/[\w-]+)*\.json$/, { message: 'a .json file inside the demo folder' });
const days = z.number().int().min(-3650).max(3650);
const mark = cycleData.shape.coachRating.unwrap().unwrap();

const manifestSchema = z.strictObject({
	school: z.string().trim().min(1).max(200),
	group: z.string().trim().min(1).max(200),
	/** Public: the sign-in page shows it beside the demo accounts. */
	password: z.string().min(passwordMinLength).max(200),
	/** Their usernames are student1, student2, … in this order. */
	students: z.array(displayNameSchema).min(1).max(500),
	staff: z.array(z.strictObject({ username: usernameSchema, displayName: displayNameSchema, role: z.enum(['coach', 'admin']) })).min(1).max(50),
	qualification: z.strictObject({ file, by: usernameSchema, ...when }),
	/** `items` names the board file's items, in the file's order, for the students' files to refer to. */
	boards: z.array(z.strictObject({ key, file, items: z.array(key), by: usernameSchema, ...when })).max(50)
});

const logEntry = performanceEntry.omit({ id: true, at: true, evidenceId: true }).extend(when);
const studentSchema = z.strictObject({
	/** The moment is when it was completed. */
	intake: intakeData.omit({ completedAt: true }).extend(when).optional(),
	goals: z
		.array(
			goalData.omit({ targetDate: true }).extend({
				key,
				...when,
				targetInDays: days.optional(),
				questions: z.array(z.strictObject({ key, ...when, text: questionData.shape.text })).default([])
			})
		)
		.default([]),
	choices: z
		.array(
			z.strictObject({
				key,
				item: key,
				...when,
				/** The planned ISO week relative to the seed day's: -1 last week, 0 this week, 1 next week. */
				week: z.number().int().min(-52).max(52),
				status: choiceData.shape.status,
				needsApproval: choiceData.shape.needsApproval,
				goal: key.optional(),
				done: moment.optional(),
				/** A coach sets the status to "approved" at this moment. */
				approved: z.strictObject({ by: usernameSchema, ...when }).optional()
			})
		)
		.default([]),
	cycles: z
		.array(
			z
				.strictObject({
					key,
					choice: key.optional(),
					goal: key.optional(),
					previous: key.optional(),
					...when,
					phase: cycleData.shape.phase,
					forethought: cycleData.shape.forethought,
					performance: z.array(logEntry).max(1000).default([]),
					reflection: cycleData.shape.reflection.unwrap().extend(when).optional(),
					coachRating: z.strictObject({ by: usernameSchema, mark, ...when }).optional()
				})
				.refine((c) => !!(c.choice || c.goal), { message: 'a cycle needs a choice or a goal', path: ['choice'] })
		)
		.default([]),
	evidence: z
		.array(
			evidenceData
				.omit({ goalIds: true, itemIds: true, attachments: true })
				.extend({ key, ...when, goals: z.array(key).default([]), items: z.array(key).default([]) })
		)
		.default([]),
	ratings: z.array(ratingData.omit({ itemId: true }).extend({ item: key, ...when })).default([])
});
export type DemoStory = z.infer<typeof studentSchema>;

const autonomyFields = autonomyData.omit({ studentId: true });
const autonomySchema = z.array(
	autonomyFields.extend({ student: usernameSchema, by: usernameSchema, ...when, earlier: autonomyFields.extend(when).optional() })
);
const needsSchema = z.array(
	needData
		.omit({ groupId: true, studentIds: true, evaluateOn: true })
		.extend({ key, by: usernameSchema, students: z.array(usernameSchema), evaluateInDays: days, ...when })
);
const feedbackTargets = ['goal', 'question', 'cycle', 'choice', 'evidence'] as const;
const feedbackSchema = z.array(
	feedbackData.pick({ focus: true, body: true }).extend({
		key,
		by: usernameSchema,
		student: usernameSchema,
		target: z.strictObject({ entity: z.enum(feedbackTargets), key }),
		kind: z.enum(['feedback', 'feedforward', 'approval']),
		...when,
		/** The student's answers in the thread. */
		replies: z.array(z.strictObject({ key, ...when, body: feedbackData.shape.body })).default([])
	})
);
const checkInsSchema = z.array(checkInData.omit({ studentId: true, date: true, planned: true }).extend({ key, by: usernameSchema, student: usernameSchema, ...when }));

export interface DemoAccount {
	username: string;
	displayName: string;
	role: 'student' | 'coach' | 'admin';
}

/** A demo read and checked: everything the seed needs, with keys still as keys. */
export interface Demo {
	school: string;
	group: string;
	password: string;
	accounts: DemoAccount[];
	qualification: { data: EntityData['qualification']; by: string; at: When };
	boards: { key: string; file: BoardFile; itemKeys: string[]; by: string; at: When }[];
	/** Per student username, in the order of the accounts. */
	stories: { username: string; story: DemoStory }[];
	autonomy: z.infer<typeof autonomySchema>;
	needs: z.infer<typeof needsSchema>;
	feedback: z.infer<typeof feedbackSchema>;
	checkIns: z.infer<typeof checkInsSchema>;
}

// ---------------------------------------------------------------------------------------------
// Where the files come from

export interface DemoSource {
	/** Named in errors: the folder. */
	name: string;
	/** The text of a file (a path inside the folder), or undefined when there is none. */
	read(path: string): string | undefined;
	/** The .json files directly inside a subfolder, by name. */
	list(folder: string): string[];
}

/** The demo that ships with Koers: bundled, so the built server needs no files beside it. */
const shipped = import.meta.glob('./demo/**/*.json', { eager: true, query: '?raw', import: 'default' }) as Record<string, string>;
export const shippedDemo: DemoSource = {
	name: 'src/lib/server/seed/demo',
	read: (path) => shipped[`./demo/${path}`],
	list: (folder) =>
		Object.keys(shipped)
			.filter((p) => p.startsWith(`./demo/${folder}/`))
			.map((p) => p.slice(`./demo/${folder}/`.length))
			.filter((name) => !name.includes('/'))
};

/** A school's own demo folder, in the same layout. */
export function folderDemo(dir: string): DemoSource {
	const root = resolve(dir);
	return {
		name: root,
		read(path) {
			try {
				return readFileSync(join(root, path), 'utf8');
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
				throw e;
			}
		},
		list(folder) {
			try {
				return readdirSync(join(root, folder)).filter((n) => n.endsWith('.json'));
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
				throw e;
			}
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Reading and checking

export class DemoError extends Error {
	constructor(
		source: string,
		readonly problems: string[]
	) {
		super(`demo school in ${source}: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
		this.name = 'DemoError';
	}
}

/** Minutes since an arbitrary origin, to compare two moments of the same demo. */
export function minutesOf(w: When): number {
	const [h, m] = w.time.split(':').map(Number) as [number, number];
	return -w.daysAgo * 1440 + h * 60 + m;
}

const describeWhen = (w: When) => `${w.daysAgo} days ago at ${w.time}`;

/**
 * Reads and checks a demo folder. Throws a DemoError listing every problem as `file: field: what`;
 * a file that cannot be read stops the checks that need it, not the others.
 */
export function readDemo(source: DemoSource): Demo {
	const problems: string[] = [];
	const problem = (path: string, field: string, message: string) => problems.push(field ? `${path}: ${field}: ${message}` : `${path}: ${message}`);

	function json(path: string, optional = false): unknown {
		const text = source.read(path);
		if (text === undefined) {
			if (!optional) problem(path, '', 'file missing');
			return undefined;
		}
		try {
			return JSON.parse(text.replace(/^\uFEFF/, ''));
		} catch (e) {
			problem(path, '', `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
			return undefined;
		}
	}
	function parse<S extends z.ZodType>(path: string, schema: S, value: unknown): z.infer<S> | undefined {
		if (value === undefined) return undefined;
		const result = schema.safeParse(value);
		if (result.success) return result.data;
		for (const issue of result.error.issues.slice(0, 50)) problem(path, formatPath(issue.path), issue.message);
		return undefined;
	}

	const manifest = parse('demo.json', manifestSchema, json('demo.json'));
	if (!manifest) throw new DemoError(source.name, problems);

	const accounts: DemoAccount[] = [
		...manifest.students.map((displayName, i) => ({ username: `student${i + 1}`, displayName, role: 'student' as const })),
		...manifest.staff
	];
	const roleOf = new Map<string, DemoAccount['role']>();
	accounts.forEach((a, i) => {
		if (roleOf.has(a.username)) problem('demo.json', `staff[${i - manifest.students.length}].username`, `"${a.username}" is taken`);
		roleOf.set(a.username, a.role);
	});
	const isCoach = (path: string, field: string, username: string) => {
		if (roleOf.get(username) !== 'coach') problem(path, field, `"${username}" is not a coach in demo.json`);
	};
	const isStudent = (path: string, field: string, username: string) => {
		if (roleOf.get(username) !== 'student') problem(path, field, `"${username}" is not a student in demo.json`);
	};
	if (!roleOf.has(manifest.qualification.by)) problem('demo.json', 'qualification.by', `"${manifest.qualification.by}" is not in demo.json`);

	const qualification = parse(manifest.qualification.file, qualificationData, json(manifest.qualification.file));
	const workProcesses = new Set((qualification?.coreTasks ?? []).flatMap((k) => k.workProcesses.map((w) => w.code)));
	/** A work-process tag the qualification does not have would count for nothing in coverage. */
	const knownWorkProcesses = (path: string, field: string, codes: string[] | undefined) =>
		(codes ?? []).forEach((code, i) => {
			if (qualification && !workProcesses.has(code)) problem(path, `${field}[${i}]`, `"${code}" is not a work process in ${manifest.qualification.file}`);
		});

	// Boards, in the open board format; each item gets the key the manifest gives it.
	const boards: Demo['boards'] = [];
	const itemBoard = new Map<string, When>();
	manifest.boards.forEach((b, i) => {
		isCoach('demo.json', `boards[${i}].by`, b.by);
		if (minutesOf(b) < minutesOf(manifest.qualification))
			problem('demo.json', `boards[${i}].daysAgo`, 'made before the qualification it refers to');
		// The manifest's keys count even when the file has mistakes, so the students' files are checked as well.
		b.items.forEach((k, j) => {
			if (itemBoard.has(k)) problem('demo.json', `boards[${i}].items[${j}]`, `item key "${k}" is used twice`);
			itemBoard.set(k, b);
		});
		const text = source.read(b.file);
		if (text === undefined) return problem(b.file, '', 'file missing');
		const parsed = parseBoardFile(text);
		if (!parsed.ok) {
			for (const e of parsed.errors) problem(b.file, e.path, e.message);
			return;
		}
		parsed.file.items.forEach((item, j) => knownWorkProcesses(b.file, `items[${j}].workProcessIds`, item.workProcessIds));
		if (b.items.length !== parsed.file.items.length)
			problem('demo.json', `boards[${i}].items`, `names ${b.items.length} items, ${b.file} has ${parsed.file.items.length}`);
		boards.push({ key: b.key, file: parsed.file, itemKeys: b.items, by: b.by, at: { daysAgo: b.daysAgo, time: b.time } });
	});

	// The students' own records.
	const stories: Demo['stories'] = [];
	const unreadable = new Set<string>();
	for (const name of source.list('students').sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
		const path = `students/${name}`;
		const username = name.replace(/\.json$/, '');
		if (roleOf.get(username) !== 'student') {
			problem(path, '', `"${username}" is not a student in demo.json (the file is named for the student's username)`);
			continue;
		}
		const story = parse(path, studentSchema, json(path));
		if (!story) {
			unreadable.add(username);
			continue;
		}
		checkStory(path, story);
		stories.push({ username, story });
	}
	const storyOf = new Map(stories.map((s) => [s.username, s.story]));

	function checkStory(path: string, s: DemoStory) {
		const unique = <T extends { key: string }>(list: T[], field: string) => {
			const byKey = new Map<string, T>();
			list.forEach((x, i) => {
				if (byKey.has(x.key)) problem(path, `${field}[${i}].key`, `"${x.key}" is used twice`);
				byKey.set(x.key, x);
			});
			return byKey;
		};
		const goals = unique(s.goals, 'goals');
		unique(
			s.goals.flatMap((g) => g.questions),
			'questions'
		);
		const choices = unique(s.choices, 'choices');
		const cycles = unique(s.cycles, 'cycles');
		unique(s.evidence, 'evidence');
		/** `field` refers to `target` (when given) and must not come before it. */
		const after = (field: string, at: When, target: When | undefined, what: string) => {
			if (target && minutesOf(at) < minutesOf(target)) problem(path, field, `${describeWhen(at)} is before ${what} (${describeWhen(target)})`);
		};
		const ref = <T>(field: string, map: Map<string, T>, k: string | undefined, what: string, where = 'in this file'): T | undefined => {
			if (k === undefined) return undefined;
			const found = map.get(k);
			if (!found) problem(path, field, `no ${what} "${k}" ${where}`);
			return found;
		};
		const board = (field: string, item: string) => ref(field, itemBoard, item, 'item', 'on the boards of demo.json');

		s.goals.forEach((g, i) => {
			knownWorkProcesses(path, `goals[${i}].workProcessIds`, g.workProcessIds);
			g.questions.forEach((q, j) => after(`goals[${i}].questions[${j}].daysAgo`, q, g, 'its goal'));
		});
		s.choices.forEach((c, i) => {
			const at = `choices[${i}]`;
			after(`${at}.daysAgo`, c, board(`${at}.item`, c.item), 'its board was made');
			after(`${at}.daysAgo`, c, ref(`${at}.goal`, goals, c.goal, 'goal'), 'its goal');
			if (c.done) after(`${at}.done.daysAgo`, c.done, c, 'it was picked');
			if (c.approved) {
				isCoach(path, `${at}.approved.by`, c.approved.by);
				after(`${at}.approved.daysAgo`, c.approved, c, 'it was picked');
			}
		});
		s.cycles.forEach((c, i) => {
			const at = `cycles[${i}]`;
			after(`${at}.daysAgo`, c, ref(`${at}.choice`, choices, c.choice, 'choice'), 'its choice');
			after(`${at}.daysAgo`, c, ref(`${at}.goal`, goals, c.goal, 'goal'), 'its goal');
			const previous = ref(`${at}.previous`, cycles, c.previous, 'cycle');
			if (previous === c) problem(path, `${at}.previous`, 'a cycle cannot follow itself');
			after(`${at}.daysAgo`, c, previous, 'the cycle it follows');
			c.performance.forEach((e, j) => after(`${at}.performance[${j}].daysAgo`, e, c, 'the cycle was started'));
			const lastLog = c.performance.reduce<When | undefined>((l, e) => (!l || minutesOf(e) > minutesOf(l) ? e : l), undefined);
			if (c.reflection) {
				after(`${at}.reflection.daysAgo`, c.reflection, c, 'the cycle was started');
				after(`${at}.reflection.daysAgo`, c.reflection, lastLog, 'its last log entry');
			}
			if (c.coachRating) {
				isCoach(path, `${at}.coachRating.by`, c.coachRating.by);
				after(`${at}.coachRating.daysAgo`, c.coachRating, c.reflection ?? lastLog ?? c, "the student's own part");
			}
		});
		s.evidence.forEach((e, i) => {
			knownWorkProcesses(path, `evidence[${i}].workProcessIds`, e.workProcessIds);
			e.goals.forEach((g, j) => after(`evidence[${i}].daysAgo`, e, ref(`evidence[${i}].goals[${j}]`, goals, g, 'goal'), `goal "${g}"`));
			e.items.forEach((k, j) => after(`evidence[${i}].daysAgo`, e, board(`evidence[${i}].items[${j}]`, k), `the board of item "${k}"`));
		});
		s.ratings.forEach((r, i) => after(`ratings[${i}].daysAgo`, r, board(`ratings[${i}].item`, r.item), 'its board was made'));
	}

	const autonomy = parse('autonomy.json', autonomySchema, json('autonomy.json', true) ?? []) ?? [];
	const seenAutonomy = new Set<string>();
	autonomy.forEach((a, i) => {
		isStudent('autonomy.json', `[${i}].student`, a.student);
		isCoach('autonomy.json', `[${i}].by`, a.by);
		if (seenAutonomy.has(a.student)) problem('autonomy.json', `[${i}].student`, `"${a.student}" has two entries; put the older one in "earlier"`);
		seenAutonomy.add(a.student);
		if (a.earlier && minutesOf(a.earlier) >= minutesOf(a)) problem('autonomy.json', `[${i}].earlier.daysAgo`, 'must come before the current setting');
	});

	const needs = parse('needs.json', needsSchema, json('needs.json', true) ?? []) ?? [];
	needs.forEach((n, i) => {
		isCoach('needs.json', `[${i}].by`, n.by);
		n.students.forEach((s, j) => isStudent('needs.json', `[${i}].students[${j}]`, s));
	});

	const checkIns = parse('check-ins.json', checkInsSchema, json('check-ins.json', true) ?? []) ?? [];
	checkIns.forEach((c, i) => {
		isCoach('check-ins.json', `[${i}].by`, c.by);
		isStudent('check-ins.json', `[${i}].student`, c.student);
	});

	const feedback = parse('feedback.json', feedbackSchema, json('feedback.json', true) ?? []) ?? [];
	feedback.forEach((f, i) => {
		const at = `[${i}]`;
		isCoach('feedback.json', `${at}.by`, f.by);
		const story = storyOf.get(f.student);
		if (unreadable.has(f.student)) return; // its own problems are listed
		if (!story) return problem('feedback.json', `${at}.student`, `no file students/${f.student}.json`);
		const targets: Record<(typeof feedbackTargets)[number], { key: string; daysAgo: number; time: string }[]> = {
			goal: story.goals,
			question: story.goals.flatMap((g) => g.questions),
			choice: story.choices,
			cycle: story.cycles,
			evidence: story.evidence
		};
		const target = targets[f.target.entity].find((x) => x.key === f.target.key);
		if (!target) problem('feedback.json', `${at}.target.key`, `no ${f.target.entity} "${f.target.key}" in students/${f.student}.json`);
		else if (minutesOf(f) < minutesOf(target)) problem('feedback.json', `${at}.daysAgo`, `${describeWhen(f)} is before what it is about (${describeWhen(target)})`);
		f.replies.forEach((r, j) => {
			if (minutesOf(r) < minutesOf(f)) problem('feedback.json', `${at}.replies[${j}].daysAgo`, `${describeWhen(r)} is before the message it answers (${describeWhen(f)})`);
		});
	});
	const keys = new Set<string>();
	for (const [path, list] of [
		['needs.json', needs],
		['check-ins.json', checkIns],
		['feedback.json', [...feedback, ...feedback.flatMap((f) => f.replies)]]
	] as const) {
		for (const { key: k } of list) {
			if (keys.has(`${path}:${k}`)) problem(path, '', `key "${k}" is used twice`);
			keys.add(`${path}:${k}`);
		}
	}

	if (problems.length || !qualification) throw new DemoError(source.name, problems);
	return {
		school: manifest.school,
		group: manifest.group,
		password: manifest.password,
		accounts,
		qualification: { data: qualification, by: manifest.qualification.by, at: { daysAgo: manifest.qualification.daysAgo, time: manifest.qualification.time } },
		boards,
		stories,
		autonomy,
		needs,
		feedback,
		checkIns
	};
}

let loaded: Demo | undefined;

/** The demo this server seeds: KOERS_DEMO_DIR's folder when set, else the one that ships. Read once. */
export function demoData(): Demo {
	const dir = process.env.KOERS_DEMO_DIR;
	return (loaded ??= readDemo(dir ? folderDemo(dir) : shippedDemo));
}
