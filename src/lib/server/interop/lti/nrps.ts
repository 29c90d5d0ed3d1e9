import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { bundleFiles, type OneRosterFileName, type UploadedFile } from '$lib/domain/oneroster';
import type { Db } from '../../db';
import { groups, ltiContexts, ltiPlatforms } from '../../db/schema';
import { assertAdmin } from '../../admin/school.service';
import { ApiError } from '../../http/api';
import { log } from '../../log';
import type { Actor } from '../../policy';
import { signAsTool } from './keys';
import { ltiRole } from './launch';

export const nrpsScope = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
const membershipType = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
/** Pages of members read at most (a platform pages by 50–100; this covers a course of thousands). */
const maxPages = 100;

export interface NrpsMember {
	user_id: string;
	status?: string;
	name?: string;
	given_name?: string;
	family_name?: string;
	email?: string;
	lis_person_sourcedid?: string;
	roles?: string[];
}

/** The sourcedId Koers gives a course member the platform names by its own id only; a later launch finds them by it. */
export const memberSourcedId = (m: { user_id: string; lis_person_sourcedid?: string }) => m.lis_person_sourcedid?.trim() || `lti-${m.user_id}`;

/** An access token for Names and Roles, by the client-credentials grant with a JWT signed by Koers (LTI Security Framework 4.1). */
async function accessToken(db: Db, p: typeof ltiPlatforms.$inferSelect): Promise<string> {
	const assertion = await signAsTool(db, { iss: p.clientId, sub: p.clientId, aud: p.tokenEndpoint, jti: randomBytes(16).toString('base64url') });
	const res = await fetch(p.tokenEndpoint, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
			client_assertion: assertion,
			scope: nrpsScope
		}),
		signal: AbortSignal.timeout(15_000)
	});
	const body = (await res.json().catch(() => null)) as { access_token?: unknown } | null;
	if (!res.ok || typeof body?.access_token !== 'string') {
		log.warn('lti token refused', { platform: p.id, status: res.status });
		throw new ApiError(502, 'lti_roster_refused');
	}
	return body.access_token;
}

/** `Link: <…>; rel="next"` */
function nextLink(header: string | null): string | null {
	for (const part of (header ?? '').split(',')) {
		const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
		if (m) return m[1]!;
	}
	return null;
}

/** Every member of the course, read page by page from the platform's Names and Roles service. */
export async function fetchMembers(db: Db, actor: Actor, platformId: string, contextId: string): Promise<{ members: NrpsMember[]; groupName: string; groupSourcedId: string | null }> {
	assertAdmin(actor);
	const [row] = await db
		.select({ platform: ltiPlatforms, url: ltiContexts.membershipsUrl, title: ltiContexts.title, groupName: groups.name, groupSourcedId: groups.sourcedId })
		.from(ltiContexts)
		.innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiContexts.platformId))
		.leftJoin(groups, eq(groups.id, ltiContexts.groupId))
		.where(and(eq(ltiContexts.platformId, platformId), eq(ltiContexts.contextId, contextId), eq(ltiContexts.schoolId, actor.schoolId)));
	if (!row) throw new ApiError(404, 'not_found');
	if (!row.url) throw new ApiError(400, 'lti_roster_unavailable');
	let token: string;
	try {
		token = await accessToken(db, row.platform);
	} catch (e) {
		if (e instanceof ApiError) throw e;
		throw new ApiError(502, 'lti_roster_unreachable');
	}
	const members: NrpsMember[] = [];
	let url: string | null = row.url;
	for (let page = 0; url && page < maxPages; page++) {
		let res: Response;
		try {
			res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: membershipType }, signal: AbortSignal.timeout(15_000) });
		} catch {
			throw new ApiError(502, 'lti_roster_unreachable');
		}
		if (!res.ok) {
			log.warn('lti roster refused', { platform: platformId, status: res.status });
			throw new ApiError(502, 'lti_roster_refused');
		}
		const body = (await res.json().catch(() => null)) as { members?: unknown } | null;
		if (!Array.isArray(body?.members)) throw new ApiError(502, 'lti_roster_refused');
		for (const m of body.members) if (m && typeof m === 'object' && typeof (m as NrpsMember).user_id === 'string') members.push(m as NrpsMember);
		url = nextLink(res.headers.get('link'));
	}
	return { members, groupName: row.groupName ?? row.title, groupSourcedId: row.groupSourcedId };
}

const csv = (rows: Record<string, string>[], fields: string[]) => new TextEncoder().encode(Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) }) + '\r\n');

/**
 * The course roster as a OneRoster 1.2 set (one class, its people, their enrollments), so that it goes
 * through the same preview and import as a school's export: the admin sees what will change first.
 * Members who are neither learner nor teacher are left out; inactive members are left out too.
 */
export function membersAsOneRoster(members: NrpsMember[], group: { name: string; sourcedId: string | null }, contextId: string): UploadedFile[] {
	const classId = group.sourcedId ?? `lti-course-${contextId}`;
	const people = members
		.map((m) => ({ m, role: ltiRole(m.roles ?? []) }))
		.filter((x): x is { m: NrpsMember; role: 'student' | 'coach' } => x.role !== null && (x.m.status ?? 'Active') === 'Active');
	const seen = new Set<string>();
	const unique = people.filter(({ m }) => !seen.has(memberSourcedId(m)) && !!seen.add(memberSourcedId(m)));
	const nameParts = (m: NrpsMember) => {
		if (m.given_name || m.family_name) return { given: m.given_name ?? '', family: m.family_name ?? '' };
		const [given = '', ...rest] = (m.name ?? '').trim().split(/\s+/);
		return { given, family: rest.join(' ') };
	};
	const files = new Map<OneRosterFileName, Uint8Array>();
	files.set(
		'manifest.csv',
		csv(
			[
				['manifest.version', '1.0'],
				['oneroster.version', '1.2'],
				['file.orgs', 'absent'],
				['file.roles', 'absent'],
				['file.users', 'bulk'],
				['file.classes', 'bulk'],
				['file.enrollments', 'bulk']
			].map(([propertyName, value]) => ({ propertyName: propertyName!, value: value! })),
			['propertyName', 'value']
		)
	);
	files.set(
		'users.csv',
		csv(
			unique.map(({ m }) => ({ sourcedId: memberSourcedId(m), status: 'active', givenName: nameParts(m).given, familyName: nameParts(m).family, email: m.email ?? '' })),
			['sourcedId', 'status', 'dateLastModified', 'givenName', 'familyName', 'email']
		)
	);
	files.set('classes.csv', csv([{ sourcedId: classId, status: 'active', title: group.name }], ['sourcedId', 'status', 'dateLastModified', 'title']));
	files.set(
		'enrollments.csv',
		csv(
			unique.map(({ m, role }) => ({
				sourcedId: `${classId}:${memberSourcedId(m)}`,
				status: 'active',
				classSourcedId: classId,
				userSourcedId: memberSourcedId(m),
				role: role === 'student' ? 'student' : 'teacher'
			})),
			['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'userSourcedId', 'role']
		)
	);
	return [{ name: 'names-and-roles.zip', bytes: bundleFiles(files) }];
}
