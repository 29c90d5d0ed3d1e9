/**
 * People's names as the interface uses them. Kept apart from `user.ts` (its zod schemas): the student's
 * home and the coach's dashboard import this on their first load, and zod is a fifth of that load.
 */

/** The name a person is called by: the first word of the display name. */
export function firstName(name: string): string {
	return name.trim().split(/\s+/)[0] || name;
}
