import { liveRecords } from '$lib/client/store';

/**
 * The device's records the boards screens read, as live Svelte stores (`undefined` until loaded).
 * The server only sends a student the boards and items of their own groups, their own choices,
 * ratings and goals, and their own autonomy record; the filters below keep it that way on a shared device too.
 */
export function boardStores(userId: string) {
	return {
		boards: liveRecords('board'),
		items: liveRecords('item'),
		choices: liveRecords('choice', (r) => r.ownerId === userId),
		ratings: liveRecords('rating', (r) => r.ownerId === userId),
		autonomy: liveRecords('autonomy', (r) => r.data.studentId === userId),
		goals: liveRecords('goal', (r) => r.ownerId === userId),
		/** Learning cycles for an assignment (newest first): a choice's card leads to its cycle. */
		choiceCycles: liveRecords('cycle', (r) => r.ownerId === userId && !!r.data.choiceId),
		qualifications: liveRecords('qualification'),
		/** The coaches' feedforward on picks (a suggestion of another item comes that way). */
		pickNotes: liveRecords('feedback', (r) => r.data.targetEntity === 'choice' && r.data.kind === 'feedforward')
	};
}
