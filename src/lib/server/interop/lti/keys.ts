import { asc, eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Db } from '../../db';
import { toolKeys } from '../../db/schema';

/**
 * Koers's signing key as an LTI tool (Deep Linking responses, the client assertion for Names and
 * Roles). Made on first need and kept in the database, so every process signs with the same key and
 * publishes the same set at /lti/jwks.
 */
type SigningKey = { kid: string; key: CryptoKey };
let kept: SigningKey | null = null;

export async function signingKey(db: Db): Promise<SigningKey> {
	// Signing is rare (a Deep Linking answer, a roster fetch): one look that the kept key is still the published one.
	if (kept) {
		const [still] = await db.select({ kid: toolKeys.kid }).from(toolKeys).where(eq(toolKeys.kid, kept.kid));
		if (still) return kept;
	}
	let [row] = await db.select().from(toolKeys).orderBy(asc(toolKeys.createdAt), asc(toolKeys.kid)).limit(1);
	if (!row) {
		const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
		const kid = crypto.randomUUID();
		const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
		const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
		await db.insert(toolKeys).values({ kid, publicJwk, privateJwk }).onConflictDoNothing();
		// Two processes starting at once each insert a key; both are published, the oldest signs.
		[row] = await db.select().from(toolKeys).orderBy(asc(toolKeys.createdAt), asc(toolKeys.kid)).limit(1);
	}
	const key = { kid: row!.kid, key: (await importJWK(row!.privateJwk as JWK, 'RS256')) as CryptoKey };
	kept = key;
	return key;
}

/** The public half of every key, as the JWKS a platform reads. */
export async function publicKeySet(db: Db): Promise<{ keys: JWK[] }> {
	await signingKey(db);
	const rows = await db.select({ jwk: toolKeys.publicJwk }).from(toolKeys).orderBy(asc(toolKeys.createdAt));
	return { keys: rows.map((r) => r.jwk as JWK) };
}

/** A JWT signed with Koers's key; `ttl` in seconds. */
export async function signAsTool(db: Db, payload: JWTPayload, ttl = 300): Promise<string> {
	const { kid, key } = await signingKey(db);
	return new SignJWT(payload)
		.setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
		.setIssuedAt()
		.setExpirationTime(`${ttl}s`)
		.sign(key);
}
