import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Redis } from 'ioredis';
import type Koa from 'koa';

import { buildWebApp } from './build-web-app.js';
import { DEFAULT_REDIS_URL, type AppConfig } from './config/app-config.js';
import { answerClientErrorsAsScim } from './http/client-error-responder.js';
import type { FerryState } from './http/ferry-state.js';
import { openSyncAdmin, type SyncAdmin } from './jobs/sync-admin.js';
import type { Logger } from './logging/create-logger.js';
import { isEntryPoint, runProcess } from './process/run-process.js';
import { createRequestRedisClient } from './storage/create-redis-client.js';
import { RedisUnreachableError } from './storage/redis-unreachable-error.js';
import {
  requireSafeRedisSettings,
  UnsafeRedisSettingsError,
} from './storage/redis-settings-check.js';
import { errorSummary } from './logging/error-summary.js';

/** How long in-flight requests get to finish after SIGTERM or SIGINT. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface WebServer {
  /** e.g. http://127.0.0.1:8080 */
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish, then quits Redis. */
  close(): Promise<void>;
}

/**
 * Starts the web process's work inside the current process: connects to
 * Redis, checks its settings, and listens on config.host:config.port. The
 * combined local launcher calls this beside the worker.
 */
export async function startWebServer(
  config: AppConfig,
  logger: Logger,
): Promise<WebServer> {
  const redis = await connectRequestClient(config, logger);
  let syncs: SyncAdmin | undefined;
  try {
    syncs = openSyncAdmin(config, redis);
    const { app, operations } = buildWebApp(config, logger, redis, syncs);
    const server = await listen(app, config);
    operations.start();
    const url = serverUrl(server);
    logger.info({ url }, 'web server listening');
    const admin = syncs;
    return {
      url,
      close: async () => {
        operations.stop();
        await drainThenQuit(server, redis, logger);
        await admin.close();
      },
    };
  } catch (error) {
    await syncs?.close();
    redis.disconnect();
    throw error;
  }
}

/**
 * The request path's Redis client, connected and checked. It queues
 * nothing while disconnected, so it must be connected before first use.
 */
async function connectRequestClient(
  config: AppConfig,
  logger: Logger,
): Promise<Redis> {
  const redisUrl = config.redisUrl ?? DEFAULT_REDIS_URL;
  const redis = createRequestRedisClient({
    url: redisUrl,
    connectionName: 'ferry-web',
    commandTimeoutMs: config.redisTimeoutMs,
  });
  // ioredis reconnects by itself; each failed attempt is worth a line, and
  // the last one says why (ECONNREFUSED, NOAUTH) better than a command does.
  let connectionError: unknown;
  redis.on('error', (error: unknown) => {
    connectionError = error;
    logger.error({ error: errorSummary(error) }, 'redis connection failed');
  });
  try {
    await redis.connect();
    await requireSafeRedisSettings(
      redis,
      { allowEviction: config.allowEviction },
      logger,
    );
    return redis;
  } catch (error) {
    redis.disconnect();
    if (error instanceof UnsafeRedisSettingsError) throw error;
    throw new RedisUnreachableError(redisUrl, connectionError ?? error);
  }
}

function listen(app: Koa<FerryState>, config: AppConfig): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host);
    answerClientErrorsAsScim(server);
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function serverUrl(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}`;
}

async function drainThenQuit(
  server: Server,
  redis: Redis,
  logger: Logger,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection would hold close() open until it timed out;
  // close each one as soon as it has no request in flight.
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const deadline = setTimeout(() => {
    logger.warn(
      { timeoutMs: DRAIN_TIMEOUT_MS },
      'requests cut off at shutdown',
    );
    server.closeAllConnections();
  }, DRAIN_TIMEOUT_MS);
  await closed;
  clearInterval(sweeper);
  clearTimeout(deadline);
  // QUIT needs a live connection; one that is down has nothing to flush.
  await redis.quit().catch(() => redis.disconnect());
}

if (isEntryPoint(import.meta.url)) {
  await runProcess('ferry-web', startWebServer);
}
