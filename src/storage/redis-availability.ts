import type { Redis } from 'ioredis';

import {
  asStoreError,
  StoreUnavailableError,
} from './store-unavailable-error.js';

/**
 * Runs store calls on a client that never queues commands while it is
 * disconnected (createRequestRedisClient): a call first waits, at most
 * `timeoutMs`, for the connection to be up, so a brief reconnect is ridden
 * out, and a longer outage answers StoreUnavailableError at once instead of
 * piling requests up. A command queued while offline would be sent after
 * the caller had given up: a write answered 503 and applied later.
 */
export class RedisAvailability {
  private connected: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly timeoutMs: number,
  ) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    // Checked here first: awaiting whenConnected costs a promise per call
    // even when, as nearly always, the client is ready.
    if (this.redis.status !== 'ready') await this.whenConnected();
    try {
      return await call();
    } catch (error) {
      throw asStoreError(error);
    }
  }

  /** Resolves once the client is ready; StoreUnavailableError after timeoutMs. */
  async whenConnected(): Promise<void> {
    const { redis } = this;
    if (redis.status === 'ready') return;
    if (redis.status === 'end') throw new StoreUnavailableError();
    if (redis.status === 'wait') redis.connect().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError()),
        this.timeoutMs,
      );
    });
    try {
      await Promise.race([this.readyEvent(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  // One listener for every waiting call, however many there are.
  private readyEvent(): Promise<void> {
    this.connected ??= new Promise<void>((resolve) => {
      this.redis.once('ready', () => {
        this.connected = undefined;
        resolve();
      });
    });
    return this.connected;
  }
}
