import { describe, expect, it } from 'vitest';

import {
  createQueueRedisClient,
  createStoreRedisClient,
  reconnectDelayMs,
} from '../../../src/storage/create-redis-client.js';

describe('createStoreRedisClient', () => {
  it('connects lazily, pipelines automatically and bounds retries', () => {
    const redis = createStoreRedisClient({ url: 'redis://127.0.0.1:1' });
    expect(redis.status).toBe('wait');
    expect(redis.options).toMatchObject({
      lazyConnect: true,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 3,
    });
    redis.disconnect();
  });
});

describe('createQueueRedisClient', () => {
  it('lets commands wait out a reconnect, as BullMQ workers require', () => {
    const redis = createQueueRedisClient({
      url: 'redis://127.0.0.1:1',
      connectionName: 'ferry-worker',
    });
    expect(redis.options).toMatchObject({
      lazyConnect: true,
      maxRetriesPerRequest: null,
      connectionName: 'ferry-worker',
    });
    redis.disconnect();
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from 50 ms up to a 2 s ceiling', () => {
    expect([1, 2, 3, 6, 7, 50].map(reconnectDelayMs)).toEqual([
      50, 100, 200, 1_600, 2_000, 2_000,
    ]);
  });
});
