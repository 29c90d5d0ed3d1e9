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

/** Everything that syncs between devices and the server (DESIGN.md, "Entities"). */
export const entityNames = [
	'intake',
	'goal',
	'question',
	'choice',
	'cycle',
	'evidence',
	'feedback',
	'checkIn',
	'board',
	'item',
	'rating',
	'autonomy',
	'need',
	'qualification'
] as const;
export type EntityName = (typeof entityNames)[number];

export const goalStatuses = ['draft', 'active', 'achieved', 'dropped'] as const;
export const choiceStatuses = ['planned', 'approved', 'inProgress', 'done', 'dropped'] as const;
export const cyclePhases = ['forethought', 'performance', 'reflection', 'done'] as const;
export const feedbackKinds = ['feedback', 'feedforward', 'approval', 'reply'] as const;
export const autonomyLevels = ['guided', 'shared', 'selfDirected'] as const;
export const needPhases = ['signal', 'analyse', 'approach', 'execute', 'evaluate'] as const;
export const needKinds = ['didactic', 'pedagogical'] as const;
export const boardModes = ['free', 'stepPlan'] as const;
export const itemTypes = ['practice', 'theory', 'project', 'realAssignment'] as const;
export const evidenceVisibilities = ['private', 'coach'] as const;
/** Default levels of a choice board, from most support to most challenge; boards may rename and add. */
export const defaultLevels = ['support', 'repeat', 'basis', 'deepening', 'enrichment'] as const;

/** The pages of each area, kept on the device at sign-in so they open offline even before a first visit. */
export const areaPages: Record<Role, readonly string[]> = {
	student: ['/student', '/student/goals', '/student/cycle', '/student/boards', '/student/boards/item', '/student/portfolio', '/student/portfolio/print', '/student/intake'],
	coach: ['/coach', '/coach/approvals', '/coach/boards', '/coach/needs', '/coach/coverage', '/coach/attention'],
	admin: []
};
