import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { memberships } from '../db/schema';
import type { Actor } from '../policy';

/** What a user may see, loaded once per sync request. */
export interface Scope {
	actor: Actor;
	/** Groups the user is in (as student) or coaches (as coach). */
	groupIds: string[];
	/** For coaches: the students of the groups they coach. For students: themselves. */
	studentIds: Set<string>;
	/** Changes when memberships change; a cursor from another scope starts over. */
	key: string;
}

export async function loadScope(db: Db, actor: Actor): Promise<Scope> {
	const mine = await db
		.select({ groupId: memberships.groupId, role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.userId, actor.id), eq(memberships.schoolId, actor.schoolId)));
	const groupIds = mine.filter((m) => m.role === actor.role).map((m) => m.groupId);
	let studentIds: string[] = [];
	if (actor.role === 'coach' && groupIds.length) {
		const rows = await db
			.select({ userId: memberships.userId, groupId: memberships.groupId })
			.from(memberships)
			.where(and(inArray(memberships.groupId, groupIds), eq(memberships.role, 'student'), eq(memberships.schoolId, actor.schoolId)));
		studentIds = rows.map((r) => r.userId);
	}
	return makeScope(actor, groupIds, studentIds);
}

/**
 * The scope from the user's groups and (for coaches) the students of those groups, however they were read.
 * Students always have themselves as their only student.
 */
export function makeScope(actor: Actor, groups: string[], students: string[]): Scope {
	const groupIds = [...groups].sort();
	let studentIds = new Set<string>();
	if (actor.role === 'student') studentIds = new Set([actor.id]);
	if (actor.role === 'coach' && groupIds.length) studentIds = new Set(students);
	const key = createHash('sha256')
		// 'note-redacted': coaches' devices synced before the intake's private note was withheld from them
		// start over once, so a note they stored then is dropped.
		.update([actor.role === 'coach' ? 'note-redacted' : '', actor.schoolId, actor.id, actor.role, ...groupIds, ...[...studentIds].sort()].join('|'))
		.digest('base64url')
		.slice(0, 16);
	return { actor, groupIds, studentIds, key };
}

/** A cursor is `v1.<rev>.<scope key>`; anything else, or another scope, means "start from zero". */
export function encodeCursor(rev: number, scope: Scope): string {
	return `v1.${rev}.${scope.key}`;
}

/** The rev and scope key a cursor holds, or null when it is not a cursor of this version. */
export function parseCursor(cursor: string | null): { rev: number; key: string | undefined } | null {
	if (!cursor) return null;
	const [v, rev, key] = cursor.split('.');
	const n = Number(rev);
	if (v !== 'v1' || !Number.isSafeInteger(n) || n < 0) return null;
	return { rev: n, key };
}

export function decodeCursor(cursor: string | null, scope: Scope): { rev: number; reset: boolean } {
	const parsed = parseCursor(cursor);
	if (!parsed || parsed.key !== scope.key) return { rev: 0, reset: true };
	return { rev: parsed.rev, reset: false };
}
