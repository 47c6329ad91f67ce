import { describe, expect, it } from 'vitest';

import { openEventFollower } from '../../../src/cli/open-event-follower.js';
import { RedisUnreachableError } from '../../../src/storage/redis-unreachable-error.js';
import { freePort } from '../../support/own-redis-server.js';
import { openTestRedis } from '../../support/test-redis.js';

describe('openEventFollower', () => {
  it('fails at once, saying where, when nothing answers at REDIS_URL', async () => {
    const port = await freePort();
    const startedAt = Date.now();
    const opening = openEventFollower({
      redisUrl: `redis://user:secret@127.0.0.1:${port}`,
      redisKeyPrefix: '{ferry}',
    });
    await expect(opening).rejects.toBeInstanceOf(RedisUnreachableError);
    await expect(opening).rejects.toThrow(
      new RegExp(
        `^Ferry cannot reach Redis at redis://127\\.0\\.0\\.1:${port} `,
      ),
    );
    expect(Date.now() - startedAt).toBeLessThan(3000);
  });

  it('follows the events stream under the configured prefix', async () => {
    const testRedis = await openTestRedis();
    try {
      const follower = await openEventFollower({
        redisUrl: testRedis.url,
        redisKeyPrefix: testRedis.keyPrefix,
      });
      expect(follower.streamKey).toBe(`${testRedis.keyPrefix}:events`);
      follower.redis.disconnect();
    } finally {
      await testRedis.close();
    }
  });
});
