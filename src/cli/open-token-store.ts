import { Redis } from 'ioredis';

import { RedisTokenStore } from '../auth/redis-token-store.js';
import { DEFAULT_REDIS_URL, type AppConfig } from '../config/app-config.js';
import { RedisUnreachableError } from '../storage/redis-unreachable-error.js';

export interface OpenTokenStore {
  readonly store: RedisTokenStore;
  close(): Promise<void>;
}

/**
 * Connects to the Redis named by REDIS_URL (default redis://127.0.0.1:6379)
 * and fails within seconds when it does not answer: a command-line tool
 * should say what is wrong rather than retry forever as a server does.
 */
export async function openTokenStore(
  config: Pick<AppConfig, 'redisUrl' | 'redisKeyPrefix'>,
): Promise<OpenTokenStore> {
  const url = config.redisUrl ?? DEFAULT_REDIS_URL;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The error event says why (ECONNREFUSED, NOAUTH); connect() only
  // rejects with "Connection is closed".
  let cause: unknown;
  redis.on('error', (error: unknown) => {
    cause = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new RedisUnreachableError(url, cause ?? error);
  }
  return {
    store: new RedisTokenStore(redis, config.redisKeyPrefix),
    close: async () => {
      await redis.quit();
    },
  };
}
