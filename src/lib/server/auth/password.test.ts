import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password';

describe('passwords', () => {
	it('verifies the right password and refuses a wrong one', async () => {
		const hash = await hashPassword('koers-demo');
		expect(hash).toMatch(/^scrypt\$32768\$8\$3\$/);
		expect(await verifyPassword('koers-demo', hash)).toBe(true);
		expect(await verifyPassword('koers-dem0', hash)).toBe(false);
		expect(await verifyPassword('', hash)).toBe(false);
	});

	it('salts every hash, so equal passwords do not give equal hashes', async () => {
		const [a, b] = await Promise.all([hashPassword('same-password'), hashPassword('same-password')]);
		expect(a).not.toEqual(b);
	});

	it('refuses malformed stored hashes instead of throwing', async () => {
		expect(await verifyPassword('x', 'plain-text')).toBe(false);
		expect(await verifyPassword('x', 'md5$abc')).toBe(false);
	});

	it('generates readable first passwords without look-alike characters', () => {
		const pw = generatePassword();
		expect(pw).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
		expect(new Set(Array.from({ length: 20 }, generatePassword)).size).toBe(20);
	});
});
