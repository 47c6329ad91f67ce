import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RedisTokenStore } from '../../../src/auth/redis-token-store.js';
import {
  InvalidTokenNameError,
  TokenNameTakenError,
  TokenNotFoundError,
} from '../../../src/auth/token-errors.js';
import { hashTokenSecret } from '../../../src/auth/token-secret.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

const CREATED_AT = new Date('2026-02-03T04:05:06.000Z');

describe('RedisTokenStore', () => {
  let testRedis: TestRedis;
  let store: RedisTokenStore;

  beforeAll(async () => {
    testRedis = await openTestRedis();
    store = new RedisTokenStore(testRedis.redis, testRedis.keyPrefix);
  });
  afterAll(() => testRedis.close());

  it('finds a token by the hash of its secret', async () => {
    const secretHash = hashTokenSecret('ferry_find');
    await store.create({
      name: 'find',
      role: 'scim',
      secretHash,
      createdAt: CREATED_AT,
    });
    await expect(store.findByHash(secretHash)).resolves.toEqual({
      name: 'find',
      role: 'scim',
      createdAt: '2026-02-03T04:05:06.000Z',
      lastUsedAt: undefined,
      secretHash,
    });
    await expect(
      store.findByHash(hashTokenSecret('ferry_other')),
    ).resolves.toBe(undefined);
  });

  it('keeps every key under <prefix>:token:', async () => {
    await store.create({
      name: 'keys',
      role: 'read-only',
      secretHash: hashTokenSecret('ferry_keys'),
      createdAt: CREATED_AT,
    });
    const keys = await testRedis.redis.keys(`${testRedis.keyPrefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.startsWith(`${testRedis.keyPrefix}:token:`)).toBe(true);
    }
  });

  it('refuses a second token with the same name', async () => {
    const token = {
      name: 'unique',
      role: 'scim' as const,
      secretHash: hashTokenSecret('ferry_unique_1'),
      createdAt: CREATED_AT,
    };
    await store.create(token);
    await expect(
      store.create({ ...token, secretHash: hashTokenSecret('ferry_unique_2') }),
    ).rejects.toEqual(new TokenNameTakenError('unique'));
    await expect(
      store.findByHash(hashTokenSecret('ferry_unique_2')),
    ).resolves.toBe(undefined);
  });

  it('lets only one of two simultaneous creates of a name succeed', async () => {
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((suffix) =>
        store.create({
          name: 'race',
          role: 'scim',
          secretHash: hashTokenSecret(`ferry_race_${suffix}`),
          createdAt: CREATED_AT,
        }),
      ),
    );
    expect(
      results.filter((result) => result.status === 'fulfilled'),
    ).toHaveLength(1);
  });

  it('refuses names that would be awkward in logs', async () => {
    for (const name of ['', 'has space', '-leading', 'x'.repeat(65), 'a:b']) {
      await expect(
        store.create({
          name,
          role: 'scim',
          secretHash: hashTokenSecret(`ferry_${name}`),
          createdAt: CREATED_AT,
        }),
      ).rejects.toBeInstanceOf(InvalidTokenNameError);
    }
  });

  it('revokes by name, deleting both records', async () => {
    const secretHash = hashTokenSecret('ferry_revoke');
    await store.create({
      name: 'revoke',
      role: 'scim',
      secretHash,
      createdAt: CREATED_AT,
    });
    await store.revoke('revoke');
    await expect(store.findByHash(secretHash)).resolves.toBe(undefined);
    expect((await store.list()).map((token) => token.name)).not.toContain(
      'revoke',
    );
    await expect(store.revoke('revoke')).rejects.toEqual(
      new TokenNotFoundError('revoke'),
    );
  });

  it('records the last use without recreating a revoked token', async () => {
    const secretHash = hashTokenSecret('ferry_touch');
    await store.create({
      name: 'touch',
      role: 'scim',
      secretHash,
      createdAt: CREATED_AT,
    });
    await store.touch(secretHash, new Date('2026-02-04T00:00:00.000Z'));
    expect((await store.findByHash(secretHash))?.lastUsedAt).toBe(
      '2026-02-04T00:00:00.000Z',
    );
    await store.revoke('touch');
    await store.touch(secretHash, new Date('2026-02-05T00:00:00.000Z'));
    await expect(store.findByHash(secretHash)).resolves.toBe(undefined);
  });

  it('lists tokens by name without their hashes', async () => {
    const tokens = await store.list();
    const names = tokens.map((token) => token.name);
    expect(names).toEqual([...names].sort());
    expect(tokens.find((token) => token.name === 'find')).toEqual({
      name: 'find',
      role: 'scim',
      createdAt: '2026-02-03T04:05:06.000Z',
      lastUsedAt: undefined,
    });
  });
});
