import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import { inject } from 'vitest';

import { queuePrefixFor } from '../../src/jobs/queue-names.js';

export interface TestRedis {
  readonly redis: Redis;
  readonly url: string;
  /** A hash-tagged prefix no other suite or run shares. */
  readonly keyPrefix: string;
  /** Deletes only the keys under this suite's prefix, then disconnects. */
  close(): Promise<void>;
}

export function uniqueKeyPrefix(): string {
  return `{ferry-test-${randomBytes(6).toString('hex')}}`;
}

export async function openTestRedis(): Promise<TestRedis> {
  const url = inject('redisUrl');
  const keyPrefix = uniqueKeyPrefix();
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();

  return {
    redis,
    url,
    keyPrefix,
    close: async () => {
      await deleteKeysUnder(redis, keyPrefix);
      // The sync queue keeps its keys under a tag derived from the prefix.
      await deleteKeysUnder(redis, queuePrefixFor(keyPrefix));
      await redis.quit();
    },
  };
}

export async function deleteKeysUnder(
  redis: Redis,
  keyPrefix: string,
): Promise<void> {
  // The prefix is random and hash-tagged, so every match is ours.
  const pattern = `${keyPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(
      cursor,
      'MATCH',
      pattern,
      'COUNT',
      1000,
    );
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
