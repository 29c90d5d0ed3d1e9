import type { LocalRecord } from '$lib/client/db';
import type { EntityName } from '$lib/domain/constants';
import type { EntityData } from '$lib/domain/entities';

/** Test records as the device holds them (used by the tests of this folder only). */
export function rec<E extends EntityName>(id: string, data: Partial<EntityData[E]>, ownerId: string | null = null, createdAt = '2026-11-20T10:00:00.000Z'): LocalRecord<E> {
	return { id, data: data as EntityData[E], server: null, rev: 1, ownerId, authorId: ownerId, createdAt, syncedAt: createdAt, pending: 0 };
}

export const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const me = u(99);

const fiveLevels = [
	{ key: 'support', label: 'support' },
	{ key: 'basis', label: 'Basis' },
	{ key: 'repeat', label: 'Herhaling' },
	{ key: 'enrichment', label: 'Verrijking' },
	{ key: 'deepening', label: 'Verdieping' }
];

export const boards = [
	rec<'board'>(u(2), { title: 'Rekenen in de zorg', levels: [{ key: 'basis', label: 'Basis' }], mode: 'stepPlan', groupIds: [] }),
	rec<'board'>(u(1), {
		title: 'Periode 2 — Persoonlijke verzorging',
		levels: fiveLevels,
		mode: 'free',
		groupIds: [],
		periodStart: '2026-11-02',
		periodEnd: '2027-01-31',
		description: 'Kies **drie** opdrachten.'
	})
];

export const items = [
	rec<'item'>(u(11), { boardId: u(1), title: 'Wondzorg', level: 'deepening', type: 'realAssignment', required: false, estimatedMinutes: 150, nextLevelPrep: true }),
	rec<'item'>(u(10), {
		boardId: u(1),
		title: 'Bed opmaken',
		level: 'basis',
		type: 'practice',
		required: true,
		estimatedMinutes: 45,
		workProcessIds: ['B1-K1-W2'],
		instructions: '# Doel\n- een\n- twee\n\n<b>geen html</b> zie https://example.org.',
		resources: [{ label: 'Filmpje', url: 'https://example.org/v' }]
	}),
	rec<'item'>(u(13), { boardId: u(1), title: 'Aankleden', level: 'basis', type: 'theory', required: false }),
	rec<'item'>(u(12), { boardId: u(1), title: 'Raar niveau', level: 'x', type: 'theory', required: false }),
	rec<'item'>(u(21), { boardId: u(2), title: 'Stap twee', level: 'basis', type: 'practice', required: false, order: 2 }),
	rec<'item'>(u(20), { boardId: u(2), title: 'Stap een', level: 'basis', type: 'practice', required: false, order: 1 }),
	rec<'item'>(u(22), { boardId: u(2), title: 'Stap drie', level: 'basis', type: 'practice', required: false, order: 3 })
];

export const choices = [
	rec<'choice'>(u(30), { itemId: u(10), boardId: u(1), plannedWeek: '2026-W47', status: 'done', doneAt: '2026-11-18T10:00:00.000Z', needsApproval: false }, me),
	rec<'choice'>(u(31), { itemId: u(11), boardId: u(1), plannedWeek: '2026-W49', status: 'planned', needsApproval: true }, me),
	rec<'choice'>(u(32), { itemId: u(20), boardId: u(2), plannedWeek: '2026-W45', status: 'dropped' }, me),
	rec<'choice'>(u(33), { itemId: u(98), plannedWeek: null, status: 'inProgress' }, me)
];

export const ratings = [rec<'rating'>(u(40), { itemId: u(10), stars: 4, comment: 'Leuk' }, me)];

export function autonomyOf(level: EntityData['autonomy']['level'] | null, workLevel: string | null = 'basis') {
	return level ? [rec<'autonomy'>(u(50), { studentId: me, level, workLevel }, me)] : [];
}
