/** Every fixed set of values in Koers lives here, once. */

export const roles = ['student', 'coach', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The role someone has inside one group. Admins are school-wide and are never group members. */
export const membershipRoles = ['student', 'coach'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Where each role lands after signing in. */
export const homeOf: Record<Role, string> = {
	student: '/student',
	coach: '/coach',
	admin: '/admin'
};

export const passwordMinLength = 10;
export const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,62}$/;
