import type { EntityData } from './entities';

/**
 * Qualification coverage: which work processes (B1-K1-W1 …) a student has touched, "behind the
 * scenes" of their free choices. A work process is *evidenced* when evidence names it (directly or
 * through an item it is linked to), *in progress* when a picked item with it is started or done,
 * *planned* when a pick or a learning goal names it, else *none*.
 */
export const coverageStates = ['none', 'planned', 'inProgress', 'evidenced'] as const;
export type CoverageState = (typeof coverageStates)[number];

export interface CoverageInput {
	items: { id: string; data: Pick<EntityData['item'], 'workProcessIds'> }[];
	choices: { data: Pick<EntityData['choice'], 'itemId' | 'status'> }[];
	goals: { data: Pick<EntityData['goal'], 'workProcessIds' | 'status'> }[];
	evidence: { data: Pick<EntityData['evidence'], 'workProcessIds' | 'itemIds'> }[];
}

const rank: Record<CoverageState, number> = { none: 0, planned: 1, inProgress: 2, evidenced: 3 };

/** The coverage state per work-process code for one student (codes never touched are absent = none). */
export function studentCoverage(input: CoverageInput): Map<string, CoverageState> {
	const out = new Map<string, CoverageState>();
	const raise = (code: string, state: CoverageState) => {
		if (rank[state] > rank[out.get(code) ?? 'none']) out.set(code, state);
	};
	const codesOf = new Map(input.items.map((i) => [i.id, i.data.workProcessIds ?? []]));
	for (const goal of input.goals) {
		if (goal.data.status === 'dropped') continue;
		for (const code of goal.data.workProcessIds ?? []) raise(code, 'planned');
	}
	for (const choice of input.choices) {
		if (choice.data.status === 'dropped') continue;
		const started = choice.data.status === 'inProgress' || choice.data.status === 'done';
		for (const code of codesOf.get(choice.data.itemId) ?? []) raise(code, started ? 'inProgress' : 'planned');
	}
	for (const ev of input.evidence) {
		for (const code of ev.data.workProcessIds ?? []) raise(code, 'evidenced');
		for (const itemId of ev.data.itemIds ?? []) for (const code of codesOf.get(itemId) ?? []) raise(code, 'evidenced');
	}
	return out;
}

/** Every work process of a qualification in order, with its core task. */
export function workProcessesOf(q: Pick<EntityData['qualification'], 'coreTasks'>) {
	return q.coreTasks.flatMap((task) => task.workProcesses.map((wp) => ({ ...wp, coreTask: task.code, coreTaskTitle: task.title })));
}

/** For a group: per work process, how many students are in each state (the heatmap's cells). */
export function groupCoverage(codes: string[], perStudent: Map<string, CoverageState>[]): Map<string, Record<CoverageState, number>> {
	const out = new Map<string, Record<CoverageState, number>>();
	for (const code of codes) {
		const counts: Record<CoverageState, number> = { none: 0, planned: 0, inProgress: 0, evidenced: 0 };
		for (const student of perStudent) counts[student.get(code) ?? 'none']++;
		out.set(code, counts);
	}
	return out;
}

/** The work processes nobody (or fewer than `min` students) has evidence for yet: the gaps to talk about. */
export function coverageGaps(counts: Map<string, Record<CoverageState, number>>, students: number, min = 1): string[] {
	if (students === 0) return [];
	return [...counts].filter(([, c]) => c.evidenced < min).map(([code]) => code);
}
