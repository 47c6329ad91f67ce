import { Redis, type RedisOptions } from 'ioredis';

export interface RedisClientOptions {
  /** `redis://` or `rediss://` URL, with credentials if the server needs them. */
  readonly url: string;
  /** Shown by CLIENT LIST, to tell Ferry's connections apart. */
  readonly connectionName?: string;
}

/**
 * Defaults for the store connection. A request fails after a few retries
 * rather than waiting for Redis indefinitely, so an outage surfaces as
 * errors at once instead of as requests piling up.
 */
export const STORE_REDIS_DEFAULTS = {
  /** Attempts per command while reconnecting, after the first. */
  maxRetriesPerRequest: 3,
  /** Upper bound of the reconnect back-off, in milliseconds. */
  maxReconnectDelayMs: 2_000,
  /** Bound of one connection attempt, in milliseconds. */
  connectTimeoutMs: 5_000,
} as const;

/**
 * The client the user store uses. Connects on first command (`lazyConnect`)
 * so building dependencies does no I/O; auto-pipelining sends the commands
 * of concurrent requests in one write, which is where most throughput
 * comes from under load.
 */
export function createStoreRedisClient(options: RedisClientOptions): Redis {
  return new Redis(options.url, {
    ...commonOptions(options),
    enableAutoPipelining: true,
    maxRetriesPerRequest: STORE_REDIS_DEFAULTS.maxRetriesPerRequest,
  });
}

/**
 * The client the web process's request path uses. It never queues a
 * command while disconnected (`enableOfflineQueue: false`) and never
 * re-sends one after a reconnect: such a command would reach Redis after
 * the request had been answered 503, so a write reported as failed could
 * still happen. Commands in flight when the connection drops fail at once
 * (`maxRetriesPerRequest: 0`) and a reply that takes longer than
 * `commandTimeoutMs` fails the command. Wrap calls in RedisAvailability,
 * which waits for a reconnect a bounded time first; connect() it before
 * the first command.
 */
export function createRequestRedisClient(
  options: RedisClientOptions & { readonly commandTimeoutMs: number },
): Redis {
  return new Redis(options.url, {
    ...commonOptions(options),
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs,
  });
}

/**
 * A client for BullMQ. Its Worker requires `maxRetriesPerRequest: null`
 * (blocking commands must wait out a reconnect) and rejects an ioredis
 * `keyPrefix`; give BullMQ its own hash-tagged `prefix` option instead.
 */
export function createQueueRedisClient(options: RedisClientOptions): Redis {
  return new Redis(options.url, {
    ...commonOptions(options),
    maxRetriesPerRequest: null,
  });
}

function commonOptions(options: RedisClientOptions): RedisOptions {
  return {
    lazyConnect: true,
    connectTimeout: STORE_REDIS_DEFAULTS.connectTimeoutMs,
    retryStrategy: reconnectDelayMs,
    ...(options.connectionName === undefined
      ? {}
      : { connectionName: options.connectionName }),
  };
}

/** Exponential back-off from 50 ms, capped; never gives up reconnecting. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(
    50 * 2 ** Math.max(attempt - 1, 0),
    STORE_REDIS_DEFAULTS.maxReconnectDelayMs,
  );
}
