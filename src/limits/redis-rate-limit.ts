import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

import type { RateLimit } from './rate-limit.js';

export interface RedisRateLimitOptions {
  readonly redis: Redis;
  /** The store's hash-tagged prefix; counters live under it. */
  readonly keyPrefix: string;
  /** Names the counters, e.g. `token` → `<prefix>:rate-limit:token:<key>`. */
  readonly name: string;
  readonly points: number;
  readonly windowSeconds: number;
  /** Once over, refuse for this long rather than until the window ends. */
  readonly blockSeconds?: number;
}

/**
 * A RateLimit kept in Redis, so that every web process counts against the
 * same budget. While Redis is away each process falls back to counting
 * alone in memory: limits stay in force, looser by the number of
 * processes, and requests are never refused for want of Redis.
 */
export function createRedisRateLimit(
  options: RedisRateLimitOptions,
): RateLimit {
  const shape = {
    points: options.points,
    duration: options.windowSeconds,
    blockDuration: options.blockSeconds ?? 0,
  };
  const limiter = new RateLimiterRedis({
    ...shape,
    storeClient: options.redis,
    keyPrefix: `${options.keyPrefix}:rate-limit:${options.name}`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(shape),
  });
  return {
    take: async (key) => {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterMs: refusal.msBeforeNext };
      }
    },
  };
}
