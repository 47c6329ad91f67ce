import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

import {
  startAuditRetention,
  type AuditRetention,
} from './audit/audit-retention.js';
import { RedisAuditTrail } from './audit/redis-audit-trail.js';
import type { AppConfig } from './config/app-config.js';
import type { AppOperations } from './http/app-operations.js';
import { AuthFailureGuard } from './limits/auth-failure-guard.js';
import { createRedisRateLimit } from './limits/redis-rate-limit.js';
import { ActiveUsersCensus } from './metrics/active-users-census.js';
import {
  registerDirectoryGauges,
  type SyncRunSummary,
} from './metrics/directory-gauges.js';
import { createFerryMetrics } from './metrics/ferry-metrics.js';
import type { RedisAvailability } from './storage/redis-availability.js';
import { checkStoreReadiness } from './storage/store-readiness.js';
import type { UserRepository } from './storage/user-repository.js';
import { errorSummary } from './logging/error-summary.js';

/** The sync side the web process holds (src/jobs/sync-admin.ts). */
export interface SyncQueueView {
  readonly redis: Redis;
  readonly queue: {
    getJobCounts(...states: string[]): Promise<Record<string, number>>;
    on(event: 'error', listener: (error: Error) => void): unknown;
  };
  readonly runs: {
    listRecent(limit: number): Promise<readonly SyncRunSummary[]>;
  };
}

export interface WebOperationsOptions {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** The request path's client (createRequestRedisClient). */
  readonly redis: Redis;
  readonly availability: RedisAvailability;
  /** Availability-checked (availability-checked-user-repository.ts). */
  readonly users: UserRepository;
  readonly syncs?: SyncQueueView;
}

export interface WebOperations {
  readonly app: AppOperations;
  /** Starts the background work: audit trimming by age, active user count. */
  start(): void;
  stop(): void;
}

const SYNC_QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'];
const RECENT_SYNC_RUNS = 50;

/**
 * Everything the web process adds to serve in production: metrics and
 * their background count of active users, readiness, the audit trail API
 * and its retention by age, and the request limits kept in Redis.
 */
export function createWebOperations(
  options: WebOperationsOptions,
): WebOperations {
  const { config, logger, redis, availability, users, syncs } = options;
  const metrics = createFerryMetrics();
  // Series that exist from the start, so that rate() sees the first error.
  metrics.redisErrors.inc({ connection: 'web' }, 0);
  redis.on('error', () => metrics.redisErrors.inc({ connection: 'web' }));
  syncs?.redis.on('error', () =>
    metrics.redisErrors.inc({ connection: 'web-sync-queue' }),
  );
  // The queue repeats its connection's errors; without a listener BullMQ
  // prints them. The web client's own listener has logged the cause.
  syncs?.queue.on('error', (error) =>
    logger.debug({ error: errorSummary(error) }, 'sync queue error'),
  );
  const census = new ActiveUsersCensus({ users, logger });
  registerDirectoryGauges(
    metrics.registry,
    {
      countUsers: () => users.count(),
      activeUsers: () => census.count,
      ...(syncs
        ? {
            syncJobCounts: () => syncs.queue.getJobCounts(...SYNC_QUEUE_STATES),
            recentSyncRuns: () => syncs.runs.listRecent(RECENT_SYNC_RUNS),
          }
        : {}),
    },
    config.redisTimeoutMs,
  );
  const trail = new RedisAuditTrail(redis, config.redisKeyPrefix);
  let retention: AuditRetention | undefined;

  return {
    app: {
      metrics,
      readiness: () => checkStoreReadiness(redis, config.redisTimeoutMs),
      auditEvents: {
        page: (query) => availability.run(() => trail.page(query)),
      },
      ...requestLimits(config, redis),
    },
    start: () => {
      census.start();
      retention = startAuditRetention({
        trail,
        maxAgeDays: config.auditRetention.maxAgeDays,
        logger,
      });
    },
    stop: () => {
      census.stop();
      retention?.stop();
    },
  };
}

function requestLimits(
  config: AppConfig,
  redis: Redis,
): Pick<AppOperations, 'tokenRateLimit' | 'authFailures'> {
  const { limits, redisKeyPrefix: keyPrefix } = config;
  const perToken = limits.requestsPerToken > 0 && {
    limit: createRedisRateLimit({
      redis,
      keyPrefix,
      name: 'token',
      points: limits.requestsPerToken,
      windowSeconds: limits.requestWindowSeconds,
    }),
    requests: limits.requestsPerToken,
    windowSeconds: limits.requestWindowSeconds,
  };
  const failures =
    limits.authFailuresPerAddress > 0 &&
    new AuthFailureGuard(
      createRedisRateLimit({
        redis,
        keyPrefix,
        name: 'auth-failure',
        points: limits.authFailuresPerAddress,
        windowSeconds: limits.authFailureWindowSeconds,
        blockSeconds: limits.authFailureWindowSeconds,
      }),
    );
  return {
    ...(perToken ? { tokenRateLimit: perToken } : {}),
    ...(failures ? { authFailures: failures } : {}),
  };
}
