import { randomBytes } from 'node:crypto';
import { and, arrayContains, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { authFlows, groups, ltiPlatforms, memberships, records } from '../../db/schema';
import { hashToken } from '../../auth/session';
import { ApiError } from '../../http/api';
import type { Actor } from '../../policy';
import { signAsTool } from './keys';
import { claim, launchPath, type DeepLinkRequest } from './launch';

export interface DeepLinkChoice {
	courseTitle: string;
	groupId: string | null;
	groupName: string | null;
	boards: { id: string; title: string }[];
}

async function flowOf(db: Db, token: string, actor: Actor): Promise<DeepLinkRequest> {
	const [flow] = await db
		.select()
		.from(authFlows)
		.where(and(eq(authFlows.stateHash, hashToken(token)), eq(authFlows.kind, 'lti'), sql`${authFlows.expiresAt} > now()`));
	const extra = flow?.extra as { deepLink?: DeepLinkRequest; userId?: string } | null | undefined;
	// Only the coach whose launch it was may answer it.
	if (!flow || !extra?.deepLink || extra.userId !== actor.id || flow.schoolId !== actor.schoolId) throw new ApiError(404, 'lti_deep_link_gone');
	return extra.deepLink;
}

/** The boards a coach can place in the course: the published ones shared with the course's group, which the coach is in. */
export async function deepLinkChoice(db: Db, actor: Actor, token: string): Promise<DeepLinkChoice> {
	const request = await flowOf(db, token, actor);
	if (!request.groupId) return { courseTitle: request.courseTitle, groupId: null, groupName: null, boards: [] };
	const [group] = await db
		.select({ name: groups.name })
		.from(groups)
		.innerJoin(memberships, and(eq(memberships.groupId, groups.id), eq(memberships.userId, actor.id)))
		.where(and(eq(groups.id, request.groupId), eq(groups.schoolId, actor.schoolId)));
	if (!group) return { courseTitle: request.courseTitle, groupId: null, groupName: null, boards: [] };
	const rows = await db
		.select({ id: records.id, data: records.data })
		.from(records)
		.where(
			and(
				eq(records.schoolId, actor.schoolId),
				eq(records.entity, 'board'),
				eq(records.deleted, false),
				// A draft is not the students' yet: placed in the course, it would open on nothing.
				eq(records.draft, false),
				arrayContains(records.groupIds, [request.groupId])
			)
		)
		.orderBy(asc(records.createdAt));
	const boards = rows.map((r) => ({ id: r.id, title: String((r.data as { title?: unknown } | null)?.title ?? '') })).sort((a, b) => a.title.localeCompare(b.title, 'nl'));
	return { courseTitle: request.courseTitle, groupId: request.groupId, groupName: group.name, boards };
}

/**
 * The Deep Linking response: a JWT signed with Koers's key naming one resource link (the board),
 * which the browser posts back to the platform. The request is used once.
 */
export async function answerDeepLink(db: Db, actor: Actor, token: string, boardId: string | null, origin: string): Promise<{ returnUrl: string; jwt: string }> {
	const request = await flowOf(db, token, actor);
	const choice = await deepLinkChoice(db, actor, token);
	const board = boardId ? choice.boards.find((b) => b.id === boardId) : null;
	if (boardId && !board) throw new ApiError(400, 'lti_board_unknown');
	const [p] = await db.select().from(ltiPlatforms).where(and(eq(ltiPlatforms.id, request.platformId), eq(ltiPlatforms.schoolId, actor.schoolId)));
	if (!p) throw new ApiError(404, 'lti_deep_link_gone');
	await db.delete(authFlows).where(eq(authFlows.stateHash, hashToken(token)));
	const items = board ? [{ type: 'ltiResourceLink', title: board.title, url: origin + launchPath, custom: { board: board.id } }] : [];
	const jwt = await signAsTool(db, {
		iss: p.clientId,
		aud: p.issuer,
		nonce: randomBytes(16).toString('base64url'),
		[claim.deploymentId]: request.deploymentId,
		[claim.messageType]: 'LtiDeepLinkingResponse',
		[claim.version]: '1.3.0',
		[claim.contentItems]: items,
		...(request.data ? { [claim.deepLinkingData]: request.data } : {})
	});
	return { returnUrl: request.returnUrl, jwt };
}
