import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  generateTokenSecret,
  hashTokenSecret,
  tokenHashesEqual,
} from '../../../src/auth/token-secret.js';

describe('generateTokenSecret', () => {
  it('is ferry_ followed by 32 random bytes in base64url', () => {
    const secret = generateTokenSecret();
    expect(secret).toMatch(/^ferry_[A-Za-z0-9_-]{43}$/);
    const bytes = Buffer.from(secret.slice('ferry_'.length), 'base64url');
    expect(bytes).toHaveLength(32);
  });

  it('never repeats', () => {
    const secrets = new Set(Array.from({ length: 100 }, generateTokenSecret));
    expect(secrets.size).toBe(100);
  });
});

describe('hashTokenSecret', () => {
  it('is the hex SHA-256 of the secret', () => {
    expect(hashTokenSecret('ferry_abc')).toBe(
      createHash('sha256').update('ferry_abc').digest('hex'),
    );
    expect(hashTokenSecret('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('tokenHashesEqual', () => {
  it('is true only for identical hashes, whatever their lengths', () => {
    const hash = hashTokenSecret('ferry_x');
    expect(tokenHashesEqual(hash, hashTokenSecret('ferry_x'))).toBe(true);
    expect(tokenHashesEqual(hash, hashTokenSecret('ferry_y'))).toBe(false);
    expect(tokenHashesEqual(hash, hash.slice(1))).toBe(false);
  });
});
