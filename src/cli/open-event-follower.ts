import { Redis } from 'ioredis';

import { RedisAuditTrail } from '../audit/redis-audit-trail.js';
import { DEFAULT_REDIS_URL, type AppConfig } from '../config/app-config.js';
import { RedisUnreachableError } from '../storage/redis-unreachable-error.js';

export interface EventFollower {
  readonly redis: Redis;
  readonly streamKey: string;
}

/**
 * A connection for `ferry events tail`. The first connection fails within
 * seconds with a message when Redis does not answer; after that a dropped
 * connection is re-established and the blocked read waits it out, since a
 * tail is meant to run for hours.
 */
export async function openEventFollower(
  config: Pick<AppConfig, 'redisUrl' | 'redisKeyPrefix'>,
): Promise<EventFollower> {
  const url = config.redisUrl ?? DEFAULT_REDIS_URL;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: null,
    connectionName: 'ferry-events-tail',
  });
  let cause: unknown;
  const remember = (error: unknown) => {
    cause = error;
  };
  redis.on('error', remember);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new RedisUnreachableError(url, cause ?? error);
  }
  return {
    redis,
    streamKey: new RedisAuditTrail(redis, config.redisKeyPrefix).streamKey,
  };
}
