import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isStorableText } from '$lib/domain/text';
import type { Db } from '../../db';
import { externalIdentities, identityProviders, schools } from '../../db/schema';
import { assertAdmin } from '../../admin/school.service';
import { ApiError } from '../../http/api';
import type { Actor } from '../../policy';

/** The claims Dutch federations name a person by for good; another claim name may be typed. */
export const personClaims = ['sub', 'eckid', 'eduPersonPrincipalName'] as const;

const claimName = z
	.string()
	.trim()
	.regex(/^[A-Za-z][A-Za-z0-9_:.-]{0,79}$/, { message: 'sso_claim_invalid' });

const valueList = z
	.string()
	.max(500)
	.transform((s) => [...new Set(s.split(/[,\n]/).map((v) => v.trim().toLowerCase()).filter(Boolean))]);

/** Plain http only for a provider on this machine (development, tests); a school's provider speaks https. */
export function issuerAllowed(value: string): boolean {
	try {
		const url = new URL(value);
		if (url.protocol === 'https:') return true;
		return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
	} catch {
		return false;
	}
}

export const providerInputSchema = z.object({
	name: z.string().trim().min(2, { message: 'sso_name_required' }).max(80, { message: 'name_too_long' }).refine(isStorableText, { message: 'invalid_input' }),
	issuer: z.string().trim().refine(issuerAllowed, { message: 'sso_issuer_invalid' }),
	clientId: z.string().trim().min(1, { message: 'sso_client_id_required' }).max(200).refine(isStorableText, { message: 'invalid_input' }),
	clientSecret: z.string().trim().max(500).refine(isStorableText, { message: 'invalid_input' }),
	personClaim: claimName,
	roleClaim: z.union([z.literal(''), claimName]),
	studentValues: valueList,
	coachValues: valueList,
	allowCreate: z.boolean()
});
export type ProviderInput = z.infer<typeof providerInputSchema>;

/** Reads the admin's form; `allowCreate` is a checkbox. */
export function providerInputFromForm(form: FormData) {
	const text = (k: string) => String(form.get(k) ?? '');
	return providerInputSchema.safeParse({
		name: text('name'),
		issuer: text('issuer'),
		clientId: text('clientId'),
		clientSecret: text('clientSecret'),
		personClaim: text('personClaim') === 'other' ? text('personClaimOther') : text('personClaim'),
		roleClaim: text('roleClaim'),
		studentValues: text('studentValues'),
		coachValues: text('coachValues'),
		allowCreate: form.get('allowCreate') === 'on'
	});
}

/** A URL key from the name, e.g. "Bonhoeffer College (SURFconext)" → "bonhoeffer-college-surfconext". */
export function slugOf(name: string): string {
	const base = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40);
	return base || 'school';
}

export interface ProviderRow {
	id: string;
	slug: string;
	name: string;
	issuer: string;
	clientId: string;
	personClaim: string;
	roleClaim: string | null;
	roleValues: { student: string[]; coach: string[] };
	allowCreate: boolean;
	enabled: boolean;
	linked: number;
}

export async function listProviders(db: Db, actor: Actor): Promise<ProviderRow[]> {
	assertAdmin(actor);
	const rows = await db.select().from(identityProviders).where(eq(identityProviders.schoolId, actor.schoolId)).orderBy(asc(identityProviders.name));
	const links = await db
		.select({ sourceId: externalIdentities.sourceId })
		.from(externalIdentities)
		.where(and(eq(externalIdentities.schoolId, actor.schoolId), eq(externalIdentities.kind, 'oidc')));
	const count = new Map<string, number>();
	for (const l of links) count.set(l.sourceId, (count.get(l.sourceId) ?? 0) + 1);
	// The secret never leaves the server once saved.
	return rows.map(({ clientSecret: _secret, schoolId: _school, createdAt: _created, ...p }) => ({ ...p, linked: count.get(p.id) ?? 0 }));
}

export async function createProvider(db: Db, actor: Actor, input: ProviderInput): Promise<{ id: string; slug: string }> {
	assertAdmin(actor);
	if (!input.clientSecret) throw new ApiError(400, 'sso_client_secret_required');
	const taken = new Set((await db.select({ slug: identityProviders.slug }).from(identityProviders)).map((r) => r.slug));
	const base = slugOf(input.name);
	let slug = base;
	for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
	const [row] = await db
		.insert(identityProviders)
		.values({
			schoolId: actor.schoolId,
			slug,
			name: input.name,
			issuer: input.issuer,
			clientId: input.clientId,
			clientSecret: input.clientSecret,
			personClaim: input.personClaim,
			roleClaim: input.roleClaim || null,
			roleValues: { student: input.studentValues, coach: input.coachValues },
			allowCreate: input.allowCreate
		})
		.returning({ id: identityProviders.id, slug: identityProviders.slug });
	return row!;
}

/** Changes a provider of the admin's own school; an empty secret keeps the saved one. */
export async function updateProvider(db: Db, actor: Actor, id: string, input: ProviderInput): Promise<void> {
	assertAdmin(actor);
	const rows = await db
		.update(identityProviders)
		.set({
			name: input.name,
			issuer: input.issuer,
			clientId: input.clientId,
			...(input.clientSecret ? { clientSecret: input.clientSecret } : {}),
			personClaim: input.personClaim,
			roleClaim: input.roleClaim || null,
			roleValues: { student: input.studentValues, coach: input.coachValues },
			allowCreate: input.allowCreate
		})
		.where(and(eq(identityProviders.id, id), eq(identityProviders.schoolId, actor.schoolId)))
		.returning({ id: identityProviders.id });
	if (!rows.length) throw new ApiError(404, 'not_found');
}

export async function setProviderEnabled(db: Db, actor: Actor, id: string, enabled: boolean): Promise<void> {
	assertAdmin(actor);
	const rows = await db
		.update(identityProviders)
		.set({ enabled })
		.where(and(eq(identityProviders.id, id), eq(identityProviders.schoolId, actor.schoolId)))
		.returning({ id: identityProviders.id });
	if (!rows.length) throw new ApiError(404, 'not_found');
}

/** Removes a provider and every link to it; the accounts stay (they sign in with a password or a new link). */
export async function deleteProvider(db: Db, actor: Actor, id: string): Promise<void> {
	assertAdmin(actor);
	await db.transaction(async (tx) => {
		const rows = await tx
			.delete(identityProviders)
			.where(and(eq(identityProviders.id, id), eq(identityProviders.schoolId, actor.schoolId)))
			.returning({ id: identityProviders.id });
		if (!rows.length) throw new ApiError(404, 'not_found');
		await tx.delete(externalIdentities).where(and(eq(externalIdentities.sourceId, id), eq(externalIdentities.schoolId, actor.schoolId)));
	});
}

/** The buttons of the sign-in page: every enabled provider, with its school's name. Public by design. */
export async function signInButtons(db: Db): Promise<{ slug: string; name: string; school: string }[]> {
	return db
		.select({ slug: identityProviders.slug, name: identityProviders.name, school: schools.name })
		.from(identityProviders)
		.innerJoin(schools, eq(schools.id, identityProviders.schoolId))
		.where(eq(identityProviders.enabled, true))
		.orderBy(asc(schools.name), asc(identityProviders.name));
}
