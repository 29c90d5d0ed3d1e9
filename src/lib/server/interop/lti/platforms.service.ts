import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isStorableText } from '$lib/domain/text';
import type { Db } from '../../db';
import { externalIdentities, groups, ltiContexts, ltiPlatforms } from '../../db/schema';
import { assertAdmin } from '../../admin/school.service';
import { ApiError } from '../../http/api';
import type { Actor } from '../../policy';
import { issuerAllowed } from '../oidc/providers.service';

const endpoint = (message: string) => z.string().trim().refine(issuerAllowed, { message });

export const platformInputSchema = z.object({
	name: z.string().trim().min(2, { message: 'lti_name_required' }).max(80, { message: 'name_too_long' }).refine(isStorableText, { message: 'invalid_input' }),
	issuer: endpoint('lti_issuer_invalid'),
	clientId: z.string().trim().min(1, { message: 'lti_client_id_required' }).max(200).refine(isStorableText, { message: 'invalid_input' }),
	authEndpoint: endpoint('lti_url_invalid'),
	tokenEndpoint: endpoint('lti_url_invalid'),
	jwksUrl: endpoint('lti_url_invalid'),
	deploymentIds: z
		.string()
		.max(2000)
		.transform((s) => [...new Set(s.split(/[,\n]/).map((v) => v.trim()).filter(Boolean))])
		.refine((ids) => ids.length > 0, { message: 'lti_deployment_required' })
		.refine((ids) => ids.every((id) => id.length <= 200 && isStorableText(id)), { message: 'invalid_input' })
});
export type PlatformInput = z.infer<typeof platformInputSchema>;

export const platformFields = ['name', 'issuer', 'clientId', 'authEndpoint', 'tokenEndpoint', 'jwksUrl', 'deploymentIds'] as const;

export function platformInputFromForm(form: FormData) {
	return platformInputSchema.safeParse(Object.fromEntries(platformFields.map((k) => [k, String(form.get(k) ?? '')])));
}

export interface PlatformRow {
	id: string;
	name: string;
	issuer: string;
	clientId: string;
	authEndpoint: string;
	tokenEndpoint: string;
	jwksUrl: string;
	deploymentIds: string[];
	linked: number;
	courses: { contextId: string; title: string; groupId: string | null; groupName: string | null; roster: boolean }[];
}

export async function listPlatforms(db: Db, actor: Actor): Promise<PlatformRow[]> {
	assertAdmin(actor);
	const rows = await db.select().from(ltiPlatforms).where(eq(ltiPlatforms.schoolId, actor.schoolId)).orderBy(asc(ltiPlatforms.name));
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const links = await db
		.select({ sourceId: externalIdentities.sourceId })
		.from(externalIdentities)
		.where(and(eq(externalIdentities.schoolId, actor.schoolId), eq(externalIdentities.kind, 'lti'), inArray(externalIdentities.sourceId, ids)));
	const contexts = await db
		.select({ platformId: ltiContexts.platformId, contextId: ltiContexts.contextId, title: ltiContexts.title, groupId: ltiContexts.groupId, groupName: groups.name, url: ltiContexts.membershipsUrl })
		.from(ltiContexts)
		.leftJoin(groups, eq(groups.id, ltiContexts.groupId))
		.where(eq(ltiContexts.schoolId, actor.schoolId))
		.orderBy(asc(ltiContexts.title));
	return rows.map((p) => ({
		id: p.id,
		name: p.name,
		issuer: p.issuer,
		clientId: p.clientId,
		authEndpoint: p.authEndpoint,
		tokenEndpoint: p.tokenEndpoint,
		jwksUrl: p.jwksUrl,
		deploymentIds: p.deploymentIds,
		linked: links.filter((l) => l.sourceId === p.id).length,
		courses: contexts
			.filter((c) => c.platformId === p.id)
			.map((c) => ({ contextId: c.contextId, title: c.title, groupId: c.groupId, groupName: c.groupName, roster: !!c.url }))
	}));
}

const values = (input: PlatformInput) => ({
	name: input.name,
	issuer: input.issuer,
	clientId: input.clientId,
	authEndpoint: input.authEndpoint,
	tokenEndpoint: input.tokenEndpoint,
	jwksUrl: input.jwksUrl,
	deploymentIds: input.deploymentIds
});

async function assertFree(db: Db, input: PlatformInput, except: string | null) {
	const [taken] = await db
		.select({ id: ltiPlatforms.id })
		.from(ltiPlatforms)
		.where(and(eq(ltiPlatforms.issuer, input.issuer), eq(ltiPlatforms.clientId, input.clientId)));
	if (taken && taken.id !== except) throw new ApiError(409, 'lti_platform_exists');
}

export async function createPlatform(db: Db, actor: Actor, input: PlatformInput): Promise<{ id: string }> {
	assertAdmin(actor);
	await assertFree(db, input, null);
	const [row] = await db
		.insert(ltiPlatforms)
		.values({ schoolId: actor.schoolId, ...values(input) })
		.returning({ id: ltiPlatforms.id });
	return row!;
}

export async function updatePlatform(db: Db, actor: Actor, id: string, input: PlatformInput): Promise<void> {
	assertAdmin(actor);
	await assertFree(db, input, id);
	const rows = await db
		.update(ltiPlatforms)
		.set(values(input))
		.where(and(eq(ltiPlatforms.id, id), eq(ltiPlatforms.schoolId, actor.schoolId)))
		.returning({ id: ltiPlatforms.id });
	if (!rows.length) throw new ApiError(404, 'not_found');
}

/** Removes a platform, its courses and its links; accounts and groups stay. */
export async function deletePlatform(db: Db, actor: Actor, id: string): Promise<void> {
	assertAdmin(actor);
	await db.transaction(async (tx) => {
		const rows = await tx
			.delete(ltiPlatforms)
			.where(and(eq(ltiPlatforms.id, id), eq(ltiPlatforms.schoolId, actor.schoolId)))
			.returning({ id: ltiPlatforms.id });
		if (!rows.length) throw new ApiError(404, 'not_found');
		await tx.delete(externalIdentities).where(and(eq(externalIdentities.sourceId, id), eq(externalIdentities.schoolId, actor.schoolId)));
	});
}
