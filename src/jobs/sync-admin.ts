import type { Redis } from 'ioredis';

import { DEFAULT_REDIS_URL, type AppConfig } from '../config/app-config.js';
import { createStoreRedisClient } from '../storage/create-redis-client.js';
import {
  createOktaSyncQueue,
  type OktaSyncQueue,
} from './create-okta-sync-queue.js';
import { queuePrefixFor } from './queue-names.js';
import { SyncRunStore } from './sync-run-store.js';

/** What the web process needs to start syncs and report on them. */
export interface SyncAdmin {
  readonly queue: OktaSyncQueue;
  readonly redis: Redis;
  readonly runs: SyncRunStore;
  /** Set when Okta is not configured: "sync now" is refused with it. */
  readonly disabledReason: string | undefined;
  close(): Promise<void>;
}

/**
 * The web side of the sync queue: a producer only (the worker processes).
 * Its connection keeps ioredis's finite retries, so a request fails fast
 * while Redis is away instead of hanging.
 */
export function openSyncAdmin(config: AppConfig, runsRedis: Redis): SyncAdmin {
  const connection = createStoreRedisClient({
    url: config.redisUrl ?? DEFAULT_REDIS_URL,
    connectionName: 'ferry-web-sync-queue',
  });
  const queue = createOktaSyncQueue({
    connection,
    prefix: queuePrefixFor(config.redisKeyPrefix),
  });
  return {
    queue,
    redis: connection,
    runs: new SyncRunStore({
      redis: runsRedis,
      keyPrefix: config.redisKeyPrefix,
    }),
    disabledReason: config.okta ? undefined : config.oktaDisabledReason,
    close: async () => {
      await queue.close();
      await connection.quit();
    },
  };
}
