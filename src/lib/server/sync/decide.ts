import type { EntityName } from '$lib/domain/constants';
import type { Scope } from './scope';
import { rules } from './rules';

/** A stored record as the decision needs it. */
export interface Existing {
	id: string;
	schoolId: string;
	entity: string;
	ownerId: string | null;
	authorId: string;
	parentId: string | null;
	groupIds: string[];
	private: boolean;
	/** A board not published yet, or an item of one. */
	draft: boolean;
	deleted: boolean;
	rev: number;
	data: Record<string, unknown> | null;
}

/** The scoping columns of a record that may be written. */
export interface Placement {
	ownerId: string | null;
	parentId: string | null;
	groupIds: string[];
	private: boolean;
	draft: boolean;
}

export type Decision = { ok: true; placement: Placement } | { ok: false; code: string };

/** Looks up a record of the same school (or null) — already loaded or written in this batch. */
export type Lookup = (id: string) => Promise<Existing | null>;

const no = (code: string): Decision => ({ ok: false, code });

/**
 * May `scope.actor` write (`put`) this merged record, or delete the existing one? Pure apart from
 * `lookup`; the owner always comes from the session or the stored record, never from the op.
 */
export async function decide(
	scope: Scope,
	entity: EntityName,
	action: 'put' | 'delete',
	existing: Existing | null,
	patchKeys: string[],
	merged: Record<string, unknown>,
	lookup: Lookup
): Promise<Decision> {
	const { actor } = scope;
	const rule = rules[entity];
	const coaches = (studentId: unknown) =>
		actor.role === 'coach' && typeof studentId === 'string' && scope.studentIds.has(studentId);
	const boardWritable = (board: Existing) =>
		actor.role === 'coach' && (board.authorId === actor.id || board.groupIds.some((g) => scope.groupIds.includes(g)));

	switch (rule.kind) {
		case 'student': {
			if (existing) {
				if (actor.role === 'student') {
					if (existing.ownerId !== actor.id) return no('sync_forbidden');
				} else if (coaches(existing.ownerId)) {
					if (action === 'delete') return no('sync_forbidden');
					const allowed = rule.coachFields ?? [];
					if (!patchKeys.every((k) => allowed.includes(k))) return no('sync_forbidden');
					if (existing.private) return no('sync_forbidden');
				} else {
					return no('sync_forbidden');
				}
			} else if (actor.role !== 'student') {
				return no('sync_forbidden');
			}
			if (action === 'delete') break;
			const owner = existing?.ownerId ?? actor.id;
			for (const field of rule.ownRefs ?? []) {
				const ref = merged[field];
				if (ref == null) continue;
				const target = await lookup(String(ref));
				if (!target || target.deleted || target.ownerId !== owner) return no('sync_ref_missing');
			}
			for (const field of rule.itemRefs ?? []) {
				const ref = merged[field];
				if (ref == null) continue;
				const target = await lookup(String(ref));
				// An item of a board not published yet does not exist for a student.
				if (!target || target.entity !== 'item' || (actor.role === 'student' && target.draft)) return no('sync_ref_missing');
			}
			if (entity === 'choice' && actor.role === 'student') {
				const refused = choiceStatusRule(existing, merged);
				if (refused) return no(refused);
			}
			return {
				ok: true,
				placement: { ownerId: owner, parentId: null, groupIds: [], private: entity === 'evidence' && merged.visibility === 'private', draft: false }
			};
		}

		case 'aboutStudent': {
			const studentId = merged[rule.studentField!] ?? existing?.ownerId;
			if (!coaches(studentId) || (existing && existing.ownerId !== studentId)) return no('sync_forbidden');
			return { ok: true, placement: { ownerId: String(studentId), parentId: null, groupIds: [], private: false, draft: false } };
		}

		case 'feedback': {
			if (existing) return no('sync_append_only');
			if (action === 'delete') return no('sync_append_only');
			const target = await lookup(String(merged.targetId));
			if (!target || target.deleted || !target.ownerId || target.entity !== merged.targetEntity) return no('sync_ref_missing');
			if (actor.role === 'student') {
				if (target.ownerId !== actor.id || merged.kind !== 'reply') return no('sync_forbidden');
			} else if (!coaches(target.ownerId) || target.private) {
				return no('sync_forbidden');
			}
			if (merged.suggestedItemId != null) {
				if (actor.role === 'student') return no('sync_forbidden');
				const item = await lookup(String(merged.suggestedItemId));
				// The student could not open a suggestion on a board that is not published yet.
				if (!item || item.deleted || item.entity !== 'item' || item.draft) return no('sync_ref_missing');
			}
			return { ok: true, placement: { ownerId: target.ownerId, parentId: null, groupIds: [], private: false, draft: false } };
		}

		case 'board': {
			if (actor.role !== 'coach') return no('sync_forbidden');
			if (existing && !boardWritable(existing)) return no('sync_forbidden');
			const groupIds = action === 'delete' ? existing!.groupIds : ((merged.groupIds as string[]) ?? []);
			if (!groupIds.every((g) => scope.groupIds.includes(g)) && action !== 'delete') return no('sync_forbidden');
			const draft = action === 'delete' ? existing!.draft : merged.draft === true;
			// Students may have picked from a published board: it does not go back to being a draft.
			if (existing && !existing.draft && draft) return no('sync_board_published');
			return { ok: true, placement: { ownerId: null, parentId: null, groupIds, private: false, draft } };
		}

		case 'item': {
			if (actor.role !== 'coach') return no('sync_forbidden');
			const boardId = String(merged.boardId ?? existing?.parentId);
			const board = await lookup(boardId);
			if (!board || board.entity !== 'board' || board.deleted) return no('sync_ref_missing');
			if (!boardWritable(board)) return no('sync_forbidden');
			if (existing && existing.parentId !== boardId) {
				const from = await lookup(existing.parentId ?? '');
				if (!from || !boardWritable(from)) return no('sync_forbidden');
			}
			return { ok: true, placement: { ownerId: null, parentId: boardId, groupIds: board.groupIds, private: false, draft: board.draft } };
		}

		case 'need': {
			if (actor.role !== 'coach') return no('sync_forbidden');
			const groupId = String(merged.groupId ?? existing?.groupIds[0]);
			if (!scope.groupIds.includes(groupId)) return no('sync_forbidden');
			if (existing && !existing.groupIds.every((g) => scope.groupIds.includes(g))) return no('sync_forbidden');
			const students = (merged.studentIds as string[] | undefined) ?? [];
			if (!students.every((s) => scope.studentIds.has(s))) return no('sync_forbidden');
			return { ok: true, placement: { ownerId: null, parentId: null, groupIds: [groupId], private: false, draft: false } };
		}

		case 'school': {
			if (actor.role === 'student') return no('sync_forbidden');
			return { ok: true, placement: { ownerId: null, parentId: null, groupIds: [], private: false, draft: false } };
		}
	}
	// A delete of a student's own record.
	return { ok: true, placement: { ownerId: existing!.ownerId, parentId: existing!.parentId, groupIds: existing!.groupIds, private: existing!.private, draft: existing!.draft } };
}

/**
 * A student moves their own pick through planned → in progress → done, but only the coach approves:
 * a student never sets `approved`, never clears a pending approval, and does not start a pick that
 * still waits for one.
 */
function choiceStatusRule(existing: Existing | null, merged: Record<string, unknown>): string | null {
	const before = (existing?.data ?? {}) as { status?: string; needsApproval?: boolean; itemId?: string; boardId?: string };
	// What was picked (and approved) stays what was picked: a new item is a new pick.
	if (existing && (merged.itemId !== before.itemId || (before.boardId && merged.boardId !== before.boardId))) return 'sync_forbidden';
	const waiting = before.needsApproval === true && before.status === 'planned';
	if (merged.status === 'approved' && before.status !== 'approved') return 'sync_needs_approval';
	if (waiting && merged.needsApproval !== true && merged.status === 'planned') return 'sync_needs_approval';
	if (waiting && (merged.status === 'inProgress' || merged.status === 'done')) return 'sync_needs_approval';
	return null;
}
