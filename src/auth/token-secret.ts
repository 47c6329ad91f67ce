import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Lets a leaked secret be recognised as Ferry's by secret scanners. */
export const TOKEN_SECRET_PREFIX = 'ferry_';

const SECRET_BYTES = 32;

/** 256 random bits, base64url, behind the recognisable prefix. */
export function generateTokenSecret(): string {
  return TOKEN_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * SHA-256 of the secret, hex. A slow password hash buys nothing here: with
 * 256 random bits there is no dictionary to try, and every request pays
 * the hashing cost.
 */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two hashes without leaking, through timing, where they differ. */
export function tokenHashesEqual(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
