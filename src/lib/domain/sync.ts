import { z } from 'zod';
import { entityNames } from './constants';
import { syncLimits } from './limits';

/** The sync contract between client and server (DESIGN.md, "Sync protocol"). */
export { syncLimits } from './limits';

export const entityNameSchema = z.enum(entityNames);

export const opSchema = z.strictObject({
	opId: z.uuid(),
	entity: entityNameSchema,
	id: z.uuid(),
	action: z.enum(['put', 'delete']),
	/** For put: the fields to set (a patch). The server merges it field by field into what it has. */
	data: z.record(z.string(), z.unknown()).optional(),
	/** The rev the device last saw of this record, for history; never a reason to refuse. */
	baseRev: z.number().int().min(0).optional(),
	at: z.iso.datetime({ offset: true })
});
export type Op = z.infer<typeof opSchema>;

export const syncRequestSchema = z.strictObject({
	cursor: z.string().max(200).nullable(),
	/** Counted by the endpoint (413 beyond `maxOps`) rather than here, so the answer says what to do. */
	ops: z.array(opSchema)
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

export const resultSchema = z.object({
	opId: z.uuid(),
	status: z.enum(['applied', 'duplicate', 'rejected']),
	error: z.string().optional(),
	code: z.string().optional(),
	rev: z.number().int().optional()
});
export type OpResult = z.infer<typeof resultSchema>;

export const changeSchema = z.object({
	entity: entityNameSchema,
	id: z.uuid(),
	rev: z.number().int(),
	deleted: z.boolean(),
	data: z.record(z.string(), z.unknown()).nullable(),
	/** When the server stored this version (ISO), shown to students as a receipt. */
	updatedAt: z.string(),
	createdAt: z.string().optional(),
	/** Whose learning record this is (a student), when it belongs to one. */
	ownerId: z.uuid().nullable().optional(),
	authorId: z.uuid().nullable().optional()
});
export type Change = z.infer<typeof changeSchema>;

export const syncResponseSchema = z.object({
	cursor: z.string(),
	results: z.array(resultSchema),
	changes: z.array(changeSchema),
	more: z.boolean().optional(),
	/** The answer starts from zero (first sync, or the user's groups changed): replace what you have. */
	reset: z.boolean().optional()
});
export type SyncResponse = z.infer<typeof syncResponseSchema>;
