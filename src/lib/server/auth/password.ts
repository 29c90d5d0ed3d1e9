import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt with OWASP's "N=2^15, r=8, p=3" profile: 32 MiB per hash, no native dependency.
const N = 2 ** 15;
const r = 8;
const p = 3;
const keyLength = 32;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, keyLength, { ...opts, maxmem: 128 * N * r * 2 }, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

/** Returns a self-describing hash: `scrypt$N$r$p$salt$key` (base64url). */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, { N, r, p });
	return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [algo, n, rr, pp, salt, key] = stored.split('$');
	if (algo !== 'scrypt' || !n || !rr || !pp || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64url');
	const actual = await derive(password, Buffer.from(salt, 'base64url'), {
		N: Number(n),
		r: Number(rr),
		p: Number(pp)
	});
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to compare against when the username does not exist, so timing does not reveal it. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(randomBytes(12).toString('hex'));
	return dummy;
}

/** A readable first password for accounts an admin creates or resets: 4 groups of 4, no look-alikes. */
export function generatePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const bytes = randomBytes(16);
	let out = '';
	for (let i = 0; i < 16; i++) {
		if (i > 0 && i % 4 === 0) out += '-';
		out += alphabet[bytes[i]! % alphabet.length];
	}
	return out;
}
