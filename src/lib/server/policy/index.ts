import type { Role } from '$lib/domain/constants';

/**
 * The one place that decides who may read or write what. Pure: callers pass the facts
 * (school, ownership, group membership) and ask; nothing else checks roles by hand.
 */
export interface Actor {
	id: string;
	schoolId: string;
	role: Role;
}

export type Area = Role | 'signedIn';

const areaPrefixes: [string, Area][] = [
	['/student', 'student'],
	['/coach', 'coach'],
	['/admin', 'admin'],
	['/api/student', 'student'],
	['/api/coach', 'coach'],
	['/api/admin', 'admin'],
	['/api/me', 'signedIn'],
	['/api/sync', 'signedIn'],
	['/api/portfolio', 'signedIn'],
	['/account', 'signedIn']
];

/** Which area a path belongs to; null for public paths (sign-in, health, language, static files). */
export function areaOf(pathname: string): Area | null {
	for (const [prefix, area] of areaPrefixes) {
		if (pathname === prefix || pathname.startsWith(prefix + '/')) return area;
	}
	return null;
}

/** Facts about how two users relate, loaded by the caller (see `relations.ts`). */
export interface Relation {
	/** The actor coaches a group in which the subject is a student. */
	coachesStudent: boolean;
}

export const policy = {
	enterArea(actor: Actor, area: Area): boolean {
		return area === 'signedIn' || actor.role === area;
	},

	/** Admin work: users, groups, memberships, rosters. Only within the admin's own school. */
	manageSchool(actor: Actor, schoolId: string): boolean {
		return actor.role === 'admin' && actor.schoolId === schoolId;
	},

	/** Reading a user's profile and learning data. */
	readUser(actor: Actor, subject: { id: string; schoolId: string; role: Role }, relation: Relation): boolean {
		if (actor.schoolId !== subject.schoolId) return false;
		if (actor.id === subject.id) return true;
		if (actor.role === 'admin') return true;
		if (actor.role === 'coach') return subject.role === 'student' && relation.coachesStudent;
		return false;
	},

	/**
	 * The intake's private note: the student themselves and the coaches of their groups, one
	 * deliberate look at a time (each look is logged). Not admins: they manage accounts, not guidance.
	 */
	readPrivateNote(actor: Actor, subject: { id: string; schoolId: string; role: Role }, relation: Relation): boolean {
		if (actor.schoolId !== subject.schoolId || subject.role !== 'student') return false;
		if (actor.id === subject.id) return true;
		return actor.role === 'coach' && relation.coachesStudent;
	},

	/** Who read a student's protected data: the student, and the admins of their school. */
	readAccessLog(actor: Actor, subject: { id: string; schoolId: string }): boolean {
		if (actor.schoolId !== subject.schoolId) return false;
		return actor.id === subject.id || actor.role === 'admin';
	},

	/**
	 * Exporting, archiving and erasing a student's account (AVG/GDPR requests, leaving school):
	 * admins of the student's own school only.
	 */
	manageStudentData(actor: Actor, subject: { schoolId: string; role: Role }): boolean {
		return actor.role === 'admin' && actor.schoolId === subject.schoolId && subject.role === 'student';
	},

	/** An archived student whose school keeps data `retentionDays` days is due for erasure at `now`. */
	retentionExpired(subject: { role: Role; archivedAt: Date | null }, retentionDays: number | null, now: Date): boolean {
		if (subject.role !== 'student' || !subject.archivedAt || retentionDays == null) return false;
		return subject.archivedAt.getTime() + retentionDays * 86_400_000 <= now.getTime();
	},

	/** Seeing a group and its member list: its coaches, the school's admins. Students see their own groups' names only. */
	readGroup(actor: Actor, group: { schoolId: string }, membership: 'coach' | 'student' | null): boolean {
		if (actor.schoolId !== group.schoolId) return false;
		if (actor.role === 'admin') return true;
		return membership === 'coach';
	}
};
