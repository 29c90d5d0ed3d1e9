import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { users } from '../db/schema';
import { policy, type Actor } from '../policy';
import { relationTo } from '../policy/relations';
import { ApiError } from '../http/api';

/** A student as their coach may see them; anyone else gets "not found" (no hint that they exist). */
export async function coachedStudent(db: Db, actor: Actor, studentId: string) {
	const [student] = await db
		.select({ id: users.id, schoolId: users.schoolId, role: users.role, displayName: users.displayName, username: users.username })
		.from(users)
		.where(and(eq(users.id, studentId), eq(users.schoolId, actor.schoolId)));
	if (!student || student.role !== 'student' || actor.role !== 'coach') throw new ApiError(404, 'not_found');
	if (!policy.readUser(actor, student, await relationTo(db, actor, studentId))) throw new ApiError(404, 'not_found');
	return { id: student.id, displayName: student.displayName, username: student.username };
}
