import type { EntityName } from './constants';

/**
 * The plain values of the sync contract (DESIGN.md, "Sync protocol"), without zod: the browser's
 * first load needs these few constants, not the schemas (importing a value from `sync.ts` or
 * `entities.ts` pulls all of zod, ~25 KB gzip, into every page).
 */
export const syncLimits = {
	/** Most ops the server takes in one request; the client sends larger outboxes in parts. */
	maxOps: 200,
	/** Most bytes in one request body. */
	maxBytes: 1024 * 1024,
	/** Most changes in one answer; `more: true` tells the client to ask again right away. */
	maxChanges: 1000
};

/** Array fields whose entries are only ever added; concurrent appends are united by entry id. */
export const appendOnlyFields: Partial<Record<EntityName, readonly string[]>> = {
	cycle: ['performance']
};
