import type { Redis } from 'ioredis';
import type Koa from 'koa';

import { availabilityCheckedTokenLookup } from './auth/availability-checked-token-lookup.js';
import { RedisTokenStore } from './auth/redis-token-store.js';
import { CachingTokenAuthenticator } from './auth/token-authenticator.js';
import type { AppConfig } from './config/app-config.js';
import { createApp } from './http/create-app.js';
import type { FerryState } from './http/ferry-state.js';
import { storeGuardedRoutes } from './http/store-guarded-routes.js';
import { createSyncRoutes } from './http/sync-routes.js';
import type { SyncAdmin } from './jobs/sync-admin.js';
import type { Logger } from './logging/create-logger.js';
import { AvailabilityCheckedUserRepository } from './storage/availability-checked-user-repository.js';
import { RedisAvailability } from './storage/redis-availability.js';
import { RedisUserRepository } from './storage/redis-user-repository.js';
import { createWebOperations, type WebOperations } from './web-operations.js';

export interface WebApp {
  readonly app: Koa<FerryState>;
  /** Background work to start once listening and stop before draining. */
  readonly operations: WebOperations;
}

/**
 * Wires the web process: every Redis call on the request path goes
 * through one RedisAvailability, so that an outage is answered 503 within
 * FERRY_REDIS_TIMEOUT_MS wherever it is met (users, tokens, syncs, events).
 * `redis` is the connected request client (createRequestRedisClient).
 */
export function buildWebApp(
  config: AppConfig,
  logger: Logger,
  redis: Redis,
  syncs: SyncAdmin,
): WebApp {
  const availability = new RedisAvailability(redis, config.redisTimeoutMs);
  const users = new AvailabilityCheckedUserRepository(
    new RedisUserRepository({
      redis,
      keyPrefix: config.redisKeyPrefix,
      eventRetention: { maxEvents: config.auditRetention.maxEvents },
    }),
    availability,
  );
  const operations = createWebOperations({
    config,
    logger,
    redis,
    availability,
    users,
    syncs,
  });
  const app = createApp({
    config,
    logger,
    adminRoutes: storeGuardedRoutes(
      createSyncRoutes({ ...syncs, publicUrl: config.publicUrl }),
      availability,
    ),
    users,
    tokens: new CachingTokenAuthenticator({
      store: availabilityCheckedTokenLookup(
        new RedisTokenStore(redis, config.redisKeyPrefix),
        availability,
      ),
      logger,
    }),
    operations: operations.app,
  });
  return { app, operations };
}
