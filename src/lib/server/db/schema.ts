import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
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
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('users_username_key').on(t.username),
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
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('groups_school_name_key').on(t.schoolId, sql`lower(${t.name})`)]
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

export type School = typeof schools.$inferSelect;
export type User = typeof users.$inferSelect;
export type Group = typeof groups.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
