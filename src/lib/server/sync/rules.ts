import type { EntityName } from '$lib/domain/constants';
import { appendOnlyFields } from '$lib/domain/entities';

/**
 * Who writes what, per entity (DESIGN.md "Entities"). The sync engine reads these rules;
 * the decisions themselves are in `decide.ts`.
 *
 * - `student`: the student's own learning record (owner = the writing student). Coaches may
 *   change only `coachFields` of it (approving a pick, giving a mark).
 * - `aboutStudent`: written by a coach of that student (`studentField` names whom it is about).
 * - `feedback`: append-only threads on a student's record, by their coaches or (replies) the student.
 * - `board`, `item`, `need`: shared by the coaches of the groups they belong to.
 * - `school`: school-wide reference data (qualifications), by coaches and admins.
 */
export type RuleKind = 'student' | 'aboutStudent' | 'feedback' | 'board' | 'item' | 'need' | 'school';

export interface EntityRule {
	kind: RuleKind;
	/** Fields a coach may set on a student's record. */
	coachFields?: string[];
	/** Fields that must point at the same student's own records. */
	ownRefs?: string[];
	/** Fields that must point at an item of the school. */
	itemRefs?: string[];
	/** Array fields whose entries (with an `id`) are only ever added: concurrent appends are merged. */
	appendOnly?: readonly string[];
	studentField?: string;
}

export const rules: Record<EntityName, EntityRule> = {
	intake: { kind: 'student' },
	goal: { kind: 'student' },
	question: { kind: 'student', ownRefs: ['goalId'] },
	choice: { kind: 'student', coachFields: ['status'], itemRefs: ['itemId'], ownRefs: ['goalId'] },
	cycle: {
		kind: 'student',
		coachFields: ['coachRating'],
		ownRefs: ['choiceId', 'goalId', 'previousCycleId'],
		appendOnly: appendOnlyFields.cycle
	},
	evidence: { kind: 'student' },
	rating: { kind: 'student', itemRefs: ['itemId'] },
	feedback: { kind: 'feedback' },
	checkIn: { kind: 'aboutStudent', studentField: 'studentId' },
	autonomy: { kind: 'aboutStudent', studentField: 'studentId' },
	board: { kind: 'board' },
	item: { kind: 'item' },
	need: { kind: 'need' },
	qualification: { kind: 'school' }
};
