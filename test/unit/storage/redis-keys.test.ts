import { describe, expect, it } from 'vitest';

import {
  KeyPrefixWithoutHashTagError,
  userStoreKeys,
} from '../../../src/storage/redis-keys.js';

describe('userStoreKeys', () => {
  it('builds every key under the hash-tagged prefix', () => {
    const keys = userStoreKeys('{ferry}');
    expect(keys.user('u-1')).toBe('{ferry}:user:u-1');
    expect([
      keys.userNameIndex,
      keys.externalIdIndex,
      keys.emailIndex,
      keys.oktaIdIndex,
      keys.order,
      keys.sequence,
      keys.events,
    ]).toEqual([
      '{ferry}:users:by-user-name',
      '{ferry}:users:by-external-id',
      '{ferry}:users:by-email',
      '{ferry}:users:by-okta-id',
      '{ferry}:users:order',
      '{ferry}:users:sequence',
      '{ferry}:events',
    ]);
  });

  it('refuses a prefix without a hash tag, which Redis Cluster would split', () => {
    expect(() => userStoreKeys('ferry')).toThrow(KeyPrefixWithoutHashTagError);
    expect(() => userStoreKeys('{}')).toThrow(KeyPrefixWithoutHashTagError);
  });
});
