import { z } from 'zod';
import {
	autonomyLevels,
	boardModes,
	choiceStatuses,
	cyclePhases,
	defaultLevels,
	entityNames,
	evidenceVisibilities,
	feedbackKinds,
	goalStatuses,
	itemTypes,
	needKinds,
	needPhases,
	type EntityName
} from './constants';

/**
 * The data of every synced record, one zod schema per entity. The server validates the merged
 * record (what it had plus the op's fields) against these; the client uses the same types.
 * Objects are strict: an unknown field is an error, not silently stored.
 */
const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1, { message: 'field_required' }).max(max);
const uuid = z.uuid();
const isoDate = z.iso.date();
const mark = z.number().int().min(1).max(10);
const code = z.string().trim().min(1).max(40);
const url = z.url({ protocol: /^https?$/ }).max(2000);

export const intakeData = z.strictObject({
	priorEducation: text(4000).optional(),
	workExperience: text(4000).optional(),
	placementExperience: text(4000).optional(),
	interests: text(4000).optional(),
	ambitionKind: z.enum(['diploma', 'nextLevel', 'job', 'unsure']).optional(),
	ambitions: text(4000).optional(),
	helpsMeLearn: text(4000).optional(),
	needsDidactic: text(4000).optional(),
	needsPedagogical: text(4000).optional(),
	confidence: mark.nullable().optional(),
	supportDutch: z.boolean().optional(),
	supportMaths: z.boolean().optional(),
	privateNote: text(4000).optional(),
	completedAt: z.iso.datetime().nullable().optional()
});

export const goalData = z.strictObject({
	title: required(200),
	why: text(4000).optional(),
	successCriteria: text(4000).optional(),
	targetDate: isoDate.nullable().optional(),
	status: z.enum(goalStatuses).default('draft'),
	workProcessIds: z.array(code).max(50).optional()
});

export const questionData = z.strictObject({
	goalId: uuid,
	text: required(2000)
});

export const choiceData = z.strictObject({
	itemId: uuid,
	boardId: uuid.optional(),
	plannedWeek: z.string().regex(/^\d{4}-W\d{2}$/).nullable().optional(),
	status: z.enum(choiceStatuses).default('planned'),
	/** Set when the student's autonomy level requires the coach's approval before starting. */
	needsApproval: z.boolean().optional(),
	goalId: uuid.nullable().optional(),
	doneAt: z.iso.datetime().nullable().optional()
});

export const performanceEntry = z.strictObject({
	id: uuid,
	at: z.iso.datetime(),
	minutes: z.number().int().min(0).max(24 * 60).optional(),
	note: text(4000).optional(),
	helpAsked: z.boolean().optional(),
	evidenceId: uuid.optional()
});

export const cycleData = z
	.strictObject({
		choiceId: uuid.nullable().optional(),
		goalId: uuid.nullable().optional(),
		phase: z.enum(cyclePhases).default('forethought'),
		forethought: z
			.strictObject({
				aim: text(4000).optional(),
				ratingNow: mark.nullable().optional(),
				ratingTarget: mark.nullable().optional(),
				strategy: text(4000).optional(),
				timeEstimate: z.number().int().min(0).max(100_000).nullable().optional(),
				needFromCoach: text(4000).optional()
			})
			.optional(),
		performance: z.array(performanceEntry).max(1000).optional(),
		reflection: z
			.strictObject({
				howItWent: text(4000).optional(),
				ratingAfter: mark.nullable().optional(),
				whatWorked: text(4000).optional(),
				doDifferently: text(4000).optional(),
				nextStep: text(4000).optional()
			})
			.optional(),
		coachRating: mark.nullable().optional(),
		previousCycleId: uuid.nullable().optional()
	})
	.refine((c) => !!(c.choiceId || c.goalId), { message: 'cycle_needs_target' });

export const evidenceData = z.strictObject({
	title: required(200),
	body: text(20_000).optional(),
	links: z.array(url).max(20).optional(),
	attachments: z
		.array(
			z.strictObject({
				id: uuid,
				name: text(200),
				type: text(100),
				size: z.number().int().min(0),
				/** The file itself (downscaled photo or small PDF), so it works offline and syncs with the record. */
				dataUrl: z
					.string()
					.max(700_000)
					.regex(/^data:(image\/jpeg|image\/png|image\/webp|application\/pdf);base64,[A-Za-z0-9+/]*={0,2}$/)
					.optional()
			})
		)
		.max(20)
		.optional(),
	goalIds: z.array(uuid).max(50).optional(),
	itemIds: z.array(uuid).max(50).optional(),
	workProcessIds: z.array(code).max(50).optional(),
	visibility: z.enum(evidenceVisibilities).default('coach')
});

export const feedbackData = z.strictObject({
	targetEntity: z.enum(entityNames),
	targetId: uuid,
	kind: z.enum(feedbackKinds),
	body: required(8000),
	focus: z.enum(['task', 'process', 'selfRegulation']).optional(),
	parentId: uuid.nullable().optional(),
	/** A coach's "take this one instead" on a pick: the item the student is offered in one tap. */
	suggestedItemId: uuid.optional()
});

export const checkInData = z.strictObject({
	studentId: uuid,
	date: isoDate,
	notes: text(8000).optional(),
	agreedActions: z.array(required(500)).max(30).optional(),
	/** Picked up for this week's check-in, not held yet (the team's "who takes whom"); a planned one is no attention yet. */
	planned: z.boolean().optional()
});

export const levelDef = z.strictObject({ key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/), label: required(60) });

export const boardData = z.strictObject({
	title: required(200),
	description: text(8000).optional(),
	periodStart: isoDate.nullable().optional(),
	periodEnd: isoDate.nullable().optional(),
	levels: z
		.array(levelDef)
		.min(1)
		.max(12)
		.default(defaultLevels.map((key) => ({ key, label: key }))),
	mode: z.enum(boardModes).default('free'),
	groupIds: z.array(uuid).max(50).default([]),
	/** A board not published yet (an import, until the coach publishes it): coaches only, never a student. */
	draft: z.boolean().optional()
});

export const itemData = z.strictObject({
	boardId: uuid,
	title: required(200),
	instructions: text(20_000).optional(),
	level: z.string().max(31),
	type: z.enum(itemTypes).default('practice'),
	estimatedMinutes: z.number().int().min(0).max(100_000).nullable().optional(),
	workProcessIds: z.array(code).max(50).optional(),
	required: z.boolean().default(false),
	resources: z.array(z.strictObject({ label: required(200), url })).max(20).optional(),
	order: z.number().int().min(0).max(10_000).optional(),
	nextLevelPrep: z.boolean().optional()
});

export const ratingData = z.strictObject({
	itemId: uuid,
	stars: z.number().int().min(1).max(5),
	comment: text(2000).optional()
});

export const autonomyData = z.strictObject({
	studentId: uuid,
	level: z.enum(autonomyLevels),
	/** The board level key the student works at (e.g. `basis`); "shared" students pick within ±1 of it. */
	workLevel: z.string().max(31).nullable().optional(),
	reason: text(2000).optional()
});

export const needData = z.strictObject({
	groupId: uuid,
	kind: z.enum(needKinds),
	category: required(120),
	studentIds: z.array(uuid).max(200).default([]),
	reasons: text(4000).optional(),
	approach: text(8000).optional(),
	evaluateOn: isoDate.nullable().optional(),
	phase: z.enum(needPhases).default('signal')
});

export const qualificationData = z.strictObject({
	title: required(200),
	code: text(40).optional(),
	coreTasks: z
		.array(
			z.strictObject({
				code,
				title: required(200),
				workProcesses: z.array(z.strictObject({ code, title: required(200) })).max(50)
			})
		)
		.max(30)
});

export const entitySchemas = {
	intake: intakeData,
	goal: goalData,
	question: questionData,
	choice: choiceData,
	cycle: cycleData,
	evidence: evidenceData,
	feedback: feedbackData,
	checkIn: checkInData,
	board: boardData,
	item: itemData,
	rating: ratingData,
	autonomy: autonomyData,
	need: needData,
	qualification: qualificationData
} satisfies Record<EntityName, z.ZodType>;

export type EntityData = { [K in EntityName]: z.infer<(typeof entitySchemas)[K]> };

/** Fields every synced record carries next to its data. */
export interface RecordMeta {
	id: string;
	createdAt: string;
	updatedAt: string;
}

export { appendOnlyFields } from './limits';
