import { passwordMinLength } from '$lib/domain/constants';
import list from './common-passwords.txt?raw';

/** The bundled list of passwords people pick most (international and Dutch), lower-cased. */
const common = new Set(
	list
		.split('\n')
		.map((line) => line.trim().toLowerCase())
		.filter(Boolean)
);

export const passwordMaxLength = 200;

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_common';

/**
 * Why a password someone chooses is refused, or null when it is fine: at least
 * `passwordMinLength` characters, and not on the list of common passwords (compared without case,
 * so `Wachtwoord1` is as weak as `wachtwoord1`).
 */
export function passwordProblem(password: string): PasswordProblem | null {
	if (password.length < passwordMinLength) return 'password_too_short';
	if (password.length > passwordMaxLength) return 'password_too_long';
	if (isCommonPassword(password)) return 'password_common';
	return null;
}

export function isCommonPassword(password: string): boolean {
	return common.has(password.trim().toLowerCase());
}

/** How many passwords the list holds (for tests and the admin's peace of mind). */
export const commonPasswordCount = common.size;
