import { randomUUID } from 'node:crypto';
import type { EntityName } from '$lib/domain/constants';
import type { Op } from '$lib/domain/sync';

/** A sync op that sets `data` on a record (a new record unless `id` is given), for server tests. */
export const put = (entity: EntityName, data: Record<string, unknown>, id: string = randomUUID()): Op => ({
	opId: randomUUID(),
	entity,
	id,
	action: 'put',
	data,
	at: new Date().toISOString()
});

/** A sync op that deletes a record, for server tests. */
export const del = (entity: EntityName, id: string): Op => ({ opId: randomUUID(), entity, id, action: 'delete', at: new Date().toISOString() });
