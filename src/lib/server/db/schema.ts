import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	index,
	integer,
	jsonb,
	pgSequence,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A school is the tenant. Every other table carries school_id so a deployment can shard by school. */
export const schools = pgTable('schools', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	isDemo: boolean('is_demo').notNull().default(false),
	/** Days an archived student's data is kept before it is erased; null keeps it until an admin erases it. */
	retentionDays: integer('retention_days'),
	createdAt: createdAt()
});

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		/** Lower-cased; unique across the installation because sign-in asks only for a username. */
		username: text('username').notNull(),
		displayName: text('display_name').notNull(),
		role: text('role', { enum: ['student', 'coach', 'admin'] }).notNull(),
		passwordHash: text('password_hash').notNull(),
		active: boolean('active').notNull().default(true),
		/** Set when a student left: no groups, no sign-in, data kept until the school's retention ends. */
		archivedAt: timestamp('archived_at', { withTimezone: true }),
		/** The student information system's id (OneRoster sourcedId): a second import updates instead of duplicating. */
		sourcedId: text('sourced_id'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('users_username_key').on(t.username),
		uniqueIndex('users_school_sourced_key').on(t.schoolId, t.sourcedId).where(sql`sourced_id is not null`),
		index('users_school_role_idx').on(t.schoolId, t.role)
	]
);

export const groups = pgTable(
	'groups',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** The student information system's class id (OneRoster sourcedId). */
		sourcedId: text('sourced_id'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('groups_school_name_key').on(t.schoolId, sql`lower(${t.name})`),
		uniqueIndex('groups_school_sourced_key').on(t.schoolId, t.sourcedId).where(sql`sourced_id is not null`)
	]
);

/** Who is in which group, and as what. A coach reads a student only through a shared group. */
export const memberships = pgTable(
	'memberships',
	{
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['student', 'coach'] }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.groupId, t.userId] }),
		index('memberships_user_idx').on(t.userId),
		index('memberships_school_idx').on(t.schoolId)
	]
);

/** Sessions live in the database so that any process can serve any request. Only a hash of the token is kept. */
export const sessions = pgTable(
	'sessions',
	{
		tokenHash: text('token_hash').primaryKey(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]
);

/** Failed sign-ins, counted per key (account or address) in the database so the limit holds across processes. */
export const loginAttempts = pgTable(
	'login_attempts',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull().default(0),
		windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
		lockedUntil: timestamp('locked_until', { withTimezone: true })
	}
);

/** One server-wide sequence gives every write its `rev`, so several processes agree on the order. */
export const revSequence = pgSequence('rev_seq', { startWith: 1 });

/**
 * Every synced record (goals, cycles, boards, …) in one table: the scoping keys as columns,
 * the entity's fields as validated JSON. Deletes are tombstones (`deleted`, data kept in history).
 */
export const records = pgTable(
	'records',
	{
		id: uuid('id').primaryKey(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		entity: text('entity').notNull(),
		/** The student whose learning record this is; null for boards, items, needs, qualifications. */
		ownerId: uuid('owner_id'),
		authorId: uuid('author_id').notNull(),
		/** For items: their board. */
		parentId: uuid('parent_id'),
		/** For boards and needs: the groups that see them. */
		groupIds: uuid('group_ids').array().notNull().default(sql`'{}'::uuid[]`),
		/** Evidence a student keeps to themselves: never sent to coaches. */
		private: boolean('private').notNull().default(false),
		/** A board not published yet, and its items: never sent to students. */
		draft: boolean('draft').notNull().default(false),
		rev: bigint('rev', { mode: 'number' }).notNull(),
		deleted: boolean('deleted').notNull().default(false),
		data: jsonb('data').$type<Record<string, unknown>>(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('records_school_rev_idx').on(t.schoolId, t.rev),
		index('records_owner_rev_idx').on(t.ownerId, t.rev),
		index('records_school_entity_idx').on(t.schoolId, t.entity, t.rev),
		index('records_parent_idx').on(t.parentId),
		index('records_group_ids_idx').using('gin', t.groupIds),
		// A student's own recent work ("active in the last 14 days"): one short probe per student.
		index('records_own_work_idx').on(t.ownerId, t.updatedAt).where(sql`author_id = owner_id`),
		// Feedback on learning questions (questions waiting for an answer), without reading all feedback.
		index('records_question_feedback_idx').on(t.schoolId, t.ownerId).where(sql`entity = 'feedback' and (data->>'targetEntity') = 'question'`)
	]
);

/** Every version that a later write replaced, so nothing typed is ever lost. */
export const recordHistory = pgTable(
	'record_history',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		recordId: uuid('record_id').notNull(),
		entity: text('entity').notNull(),
		rev: bigint('rev', { mode: 'number' }).notNull(),
		deleted: boolean('deleted').notNull(),
		data: jsonb('data').$type<Record<string, unknown>>(),
		replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
		replacedBy: uuid('replaced_by').notNull(),
		replacedByOp: uuid('replaced_by_op').notNull()
	},
	(t) => [index('record_history_record_idx').on(t.recordId, t.rev)]
);

/** Every op the server applied, by its client-made id: a replay is answered `duplicate`. */
export const appliedOps = pgTable(
	'applied_ops',
	{
		opId: uuid('op_id').primaryKey(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		userId: uuid('user_id').notNull(),
		recordId: uuid('record_id').notNull(),
		rev: bigint('rev', { mode: 'number' }).notNull(),
		appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('applied_ops_school_idx').on(t.schoolId, t.appliedAt)]
);

/** Who read a student's protected data (the intake's private note), and when. The student sees this list. */
export const accessLog = pgTable(
	'access_log',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		studentId: uuid('student_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** No foreign key: the entry stays when the reader's account is erased later. */
		readerId: uuid('reader_id').notNull(),
		/** What was read, as a code, e.g. `intake.privateNote`. */
		what: text('what').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('access_log_student_idx').on(t.studentId, t.at), index('access_log_school_idx').on(t.schoolId, t.at)]
);

/** That an account was erased, by whom and how much: never the erased person's name or username. */
export const erasures = pgTable(
	'erasures',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
		/** The admin who erased; null when the school's retention period did it. */
		erasedBy: uuid('erased_by'),
		reason: text('reason', { enum: ['admin', 'retention'] }).notNull(),
		role: text('role', { enum: ['student', 'coach', 'admin'] }).notNull(),
		/** Rows removed or blanked per kind, e.g. `{ records: 12, sessions: 1 }`. */
		counts: jsonb('counts').$type<Record<string, number>>().notNull()
	},
	(t) => [index('erasures_school_idx').on(t.schoolId, t.erasedAt)]
);

/**
 * What the coach's group dashboard and the admin's school overview show of one student in one group,
 * kept beside the records instead of aggregated from them on every read (a school of 5,000
 * students). Triggers on `records` (migration 0004) bump `changes` for every student whose records,
 * or whose group's boards, a statement wrote; a row is fresh while `facts_changes = changes`.
 * Readers refresh stale rows before they read (`src/lib/server/coach/facts.service.ts`), and a
 * refresh only lands when no write came in between: nothing shown is ever older than the records.
 */
export const studentFacts = pgTable(
	'student_facts',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		/** Bumped by the triggers on every write that concerns this student in this group. */
		changes: integer('changes').notNull().default(0),
		/** The `changes` the facts below were computed at; null: never computed. */
		factsChanges: integer('facts_changes'),
		computedAt: timestamp('computed_at', { withTimezone: true }),
		/** The student's last own change to any record. */
		lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
		/** Learning questions without a (newer) answer of a coach. */
		waitingQuestions: integer('waiting_questions').notNull().default(0),
		/** Pace inputs: the group's period and the choices in its boards, folded by (week, status, done week). */
		pace: jsonb('pace').$type<Record<string, unknown>>(),
		/** The rest of the dashboard card: phases, picks awaiting approval, last log, marks, autonomy. */
		card: jsonb('card').$type<Record<string, unknown>>(),
		/** Items done (in the group's boards), and whether the student is behind in `pace_week`: the overview's counts as plain columns. */
		itemsDone: integer('items_done'),
		paceWeek: text('pace_week'),
		behind: boolean('behind')
	},
	(t) => [
		primaryKey({ columns: [t.groupId, t.userId] }),
		index('student_facts_school_idx').on(t.schoolId),
		index('student_facts_user_idx').on(t.userId),
		// What the background refresher looks for: the few rows a write made stale.
		index('student_facts_stale_idx').on(t.schoolId).where(sql`facts_changes is distinct from changes`)
	]
);

export type School = typeof schools.$inferSelect;
export type User = typeof users.$inferSelect;
export type Group = typeof groups.$inferSelect;
export type Membership = typeof memberships.$inferSelect;

// ---------------------------------------------------------------------------------------------
// School interop: sign-in with the school (OpenID Connect), LTI 1.3 launches, OneRoster imports.

/** A school's OpenID Connect identity provider (SURFconext, Entree Federatie, the school's own). */
export const identityProviders = pgTable(
	'identity_providers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		/** The URL key: /auth/oidc/<slug>/login. Unique across the installation. */
		slug: text('slug').notNull(),
		/** Shown on the sign-in button ("Inloggen met SURFconext"). */
		name: text('name').notNull(),
		issuer: text('issuer').notNull(),
		clientId: text('client_id').notNull(),
		clientSecret: text('client_secret').notNull(),
		/** The claim that names the person for good: `sub`, `eckid` or `eduPersonPrincipalName`. */
		personClaim: text('person_claim').notNull().default('sub'),
		/** The claim that gives the role (e.g. `eduPersonAffiliation`); null: the role comes from the linked account. */
		roleClaim: text('role_claim'),
		/** Claim values per Koers role, e.g. { "student": ["student"], "coach": ["employee", "faculty"] }. */
		roleValues: jsonb('role_values').$type<{ student: string[]; coach: string[] }>().notNull().default({ student: ['student'], coach: ['employee', 'faculty', 'staff'] }),
		/** A first sign-in of an unknown person may create their account (otherwise only a one-time link code links one). */
		allowCreate: boolean('allow_create').notNull().default(false),
		enabled: boolean('enabled').notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('identity_providers_slug_key').on(t.slug), index('identity_providers_school_idx').on(t.schoolId)]
);

/** Which outside identity (OIDC issuer + person claim, or LTI platform + sub) is which Koers account. */
export const externalIdentities = pgTable(
	'external_identities',
	{
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['oidc', 'lti'] }).notNull(),
		/** The identity provider's or LTI platform's id (a row of identity_providers or lti_platforms). */
		sourceId: uuid('source_id').notNull(),
		subject: text('subject').notNull(),
		createdAt: createdAt(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.sourceId, t.subject] }), index('external_identities_user_idx').on(t.userId), index('external_identities_school_idx').on(t.schoolId)]
);

/** One-time codes an admin hands a person so that their first school sign-in links to their existing account. */
export const linkCodes = pgTable(
	'link_codes',
	{
		/** sha-256 of the code; the code itself is shown once to the admin. */
		codeHash: text('code_hash').primaryKey(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [index('link_codes_user_idx').on(t.userId)]
);

/**
 * Sign-in flows in flight (OIDC authorization code + PKCE, LTI third-party login): state, nonce and
 * verifier live here, not in process memory, so any process can finish what another started. A row
 * is deleted when its flow completes, so a state or nonce is used once only.
 */
export const authFlows = pgTable(
	'auth_flows',
	{
		/** sha-256 of the `state` sent to the provider or platform. */
		stateHash: text('state_hash').primaryKey(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['oidc', 'lti'] }).notNull(),
		sourceId: uuid('source_id').notNull(),
		nonce: text('nonce').notNull(),
		codeVerifier: text('code_verifier'),
		/** Where to go afterwards (a same-site path), or the LTI target link. */
		returnTo: text('return_to'),
		/** Extra state of the flow (e.g. a link code typed before the sign-in). */
		extra: jsonb('extra').$type<Record<string, unknown>>(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('auth_flows_expires_idx').on(t.expiresAt)]
);

/** An LMS (itslearning, Canvas, Brightspace, Moodle) registered as an LTI 1.3 platform of a school. */
export const ltiPlatforms = pgTable(
	'lti_platforms',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		issuer: text('issuer').notNull(),
		clientId: text('client_id').notNull(),
		authEndpoint: text('auth_endpoint').notNull(),
		tokenEndpoint: text('token_endpoint').notNull(),
		jwksUrl: text('jwks_url').notNull(),
		deploymentIds: jsonb('deployment_ids').$type<string[]>().notNull().default([]),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('lti_platforms_issuer_client_key').on(t.issuer, t.clientId), index('lti_platforms_school_idx').on(t.schoolId)]
);

/** An LMS course (LTI context) and the Koers group it maps to. */
export const ltiContexts = pgTable(
	'lti_contexts',
	{
		schoolId: uuid('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		platformId: uuid('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		contextId: text('context_id').notNull(),
		title: text('title').notNull().default(''),
		groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
		/** The Names and Roles service URL the platform sent with its last launch. */
		membershipsUrl: text('memberships_url'),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.platformId, t.contextId] }), index('lti_contexts_school_idx').on(t.schoolId)]
);

/** Koers's own signing keys as an LTI tool (published at /lti/jwks). Installation-wide, like the rev sequence. */
export const toolKeys = pgTable('tool_keys', {
	kid: text('kid').primaryKey(),
	publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
	privateJwk: jsonb('private_jwk').$type<Record<string, unknown>>().notNull(),
	createdAt: createdAt()
});
