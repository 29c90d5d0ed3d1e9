import { z } from 'zod';
import { membershipRoles, passwordMinLength, roles, usernamePattern } from './constants';
import { isStorableText } from './text';

export const roleSchema = z.enum(roles);
export const membershipRoleSchema = z.enum(membershipRoles);

/** Usernames are case-insensitive; we store them lower-cased. */
export const usernameSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(usernamePattern, { message: 'username_invalid' });

export const displayNameSchema = z
	.string()
	.trim()
	.min(1, { message: 'name_required' })
	.max(120, { message: 'name_too_long' })
	.refine(isStorableText, { message: 'invalid_input' });

export const passwordSchema = z
	.string()
	.min(passwordMinLength, { message: 'password_too_short' })
	.max(200, { message: 'password_too_long' });

export const loginSchema = z.object({
	username: z.string().trim().toLowerCase().min(1, { message: 'username_required' }).max(64).refine(isStorableText, { message: 'login_invalid' }),
	password: z.string().min(1, { message: 'password_required' }).max(200)
});
export type LoginInput = z.infer<typeof loginSchema>;

/** The signed-in user as every page and endpoint sees it. Never carries secrets. */
export const meSchema = z.object({
	id: z.uuid(),
	schoolId: z.uuid(),
	schoolName: z.string(),
	username: z.string(),
	displayName: z.string(),
	role: roleSchema
});
export type Me = z.infer<typeof meSchema>;

export const newUserSchema = z.object({
	username: usernameSchema,
	displayName: displayNameSchema,
	role: roleSchema,
	password: passwordSchema
});
export type NewUser = z.infer<typeof newUserSchema>;

export const groupNameSchema = z
	.string()
	.trim()
	.min(1, { message: 'group_name_required' })
	.max(80, { message: 'group_name_too_long' })
	.refine(isStorableText, { message: 'invalid_input' });

export const apiErrorSchema = z.object({
	error: z.object({ code: z.string(), message: z.string() })
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const healthSchema = z.object({
	status: z.literal('ok'),
	database: z.enum(['pglite', 'postgres']),
	migrations: z.object({ applied: z.number().int(), expected: z.number().int(), upToDate: z.boolean() }),
	demo: z.boolean()
});
export type Health = z.infer<typeof healthSchema>;
