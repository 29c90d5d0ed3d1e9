import type { EntityName } from '$lib/domain/constants';

/**
 * The plain values of the sync contract that the browser needs, without zod.
 *
 * `$lib/domain/sync` and `$lib/domain/entities` define them beside their zod schemas; importing a
 * value from there pulls all of zod (about 25 KB gzip) into the first load of every student and
 * coach page, while the browser only needs these few constants. `contract.test.ts` checks that they
 * stay equal to the domain's.
 */
export const syncLimits = {
	/** Most ops the server takes in one request; the client sends larger outboxes in parts. */
	maxOps: 200,
	/** Most bytes in one request body. */
	maxBytes: 1024 * 1024,
	/** Most changes in one answer; `more: true` tells the client to ask again right away. */
	maxChanges: 1000
} as const;

/** Array fields that devices append to (entries with an `id`); merged by union, never replaced. */
export const appendOnlyFields: Partial<Record<EntityName, readonly string[]>> = {
	cycle: ['performance']
};
