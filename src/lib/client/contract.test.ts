import { describe, expect, it } from 'vitest';
import { appendOnlyFields as domainAppendOnly } from '$lib/domain/entities';
import { syncLimits as domainLimits } from '$lib/domain/sync';
import { entityNames } from '$lib/domain/constants';
import { appendOnlyFields, syncLimits } from './contract';

// The browser keeps its own copy of these values (so that zod stays out of its first load): a device
// that merged or split differently from the server would lose log entries or send refused requests.
describe('client copy of the sync contract', () => {
	it('has the same request limits as the server', () => {
		expect(syncLimits).toEqual(domainLimits);
	});

	it('merges the same append-only fields as the server, for every entity', () => {
		for (const entity of entityNames) expect([entity, appendOnlyFields[entity] ?? []]).toEqual([entity, domainAppendOnly[entity] ?? []]);
	});
});
