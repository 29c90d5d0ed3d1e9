import type { Role } from '$lib/domain/constants';
import { homeOf } from '$lib/domain/constants';
import { areaOf, policy } from '../policy';

/** Where to go after signing in: the asked-for page if it is ours and the role may enter it, else home. */
export function nextPath(next: string | null, user: { id: string; schoolId: string; role: Role }): string {
	if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
		const area = areaOf(new URL(next, 'http://x').pathname);
		if (area && policy.enterArea(user, area)) return next;
	}
	return homeOf[user.role];
}
