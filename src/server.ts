import { realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

import type { Redis } from 'ioredis';
import type Koa from 'koa';

import { RedisTokenStore } from './auth/redis-token-store.js';
import { CachingTokenAuthenticator } from './auth/token-authenticator.js';
import { DEFAULT_REDIS_URL, type AppConfig } from './config/app-config.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createApp } from './http/create-app.js';
import type { FerryState } from './http/ferry-state.js';
import { createLogger, type Logger } from './logging/create-logger.js';
import { createStoreRedisClient } from './storage/create-redis-client.js';
import { RedisUnreachableError } from './storage/redis-unreachable-error.js';
import { RedisUserRepository } from './storage/redis-user-repository.js';
import {
  checkRedisSettings,
  UnsafeRedisSettingsError,
} from './storage/redis-settings-check.js';

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
  const redisUrl = config.redisUrl ?? DEFAULT_REDIS_URL;
  const redis = createStoreRedisClient({
    url: redisUrl,
    connectionName: 'ferry-web',
  });
  // ioredis reconnects by itself; each failed attempt is worth a line, and
  // the last one says why (ECONNREFUSED, NOAUTH) better than a command does.
  let connectionError: unknown;
  redis.on('error', (error: unknown) => {
    connectionError = error;
    logger.error({ err: error }, 'redis connection failed');
  });
  try {
    await requireSafeRedis(redis, config, logger).catch((error: unknown) => {
      if (error instanceof UnsafeRedisSettingsError) throw error;
      throw new RedisUnreachableError(redisUrl, connectionError ?? error);
    });
    const app = createApp({
      config,
      logger,
      users: new RedisUserRepository({
        redis,
        keyPrefix: config.redisKeyPrefix,
      }),
      tokens: new CachingTokenAuthenticator({
        store: new RedisTokenStore(redis, config.redisKeyPrefix),
        logger,
      }),
    });
    const server = await listen(app, config);
    const url = serverUrl(server);
    logger.info({ url }, 'web server listening');
    return { url, close: () => drainThenQuit(server, redis, logger) };
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}

async function requireSafeRedis(
  redis: Redis,
  config: AppConfig,
  logger: Logger,
): Promise<void> {
  const report = await checkRedisSettings(redis, {
    allowEviction: config.allowEviction,
  });
  for (const warning of report.warnings) {
    logger.warn({ warning }, 'redis setting found risky');
  }
  if (report.problems.length > 0) {
    throw new UnsafeRedisSettingsError(report.problems);
  }
}

function listen(app: Koa<FerryState>, config: AppConfig): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host);
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
  await redis.quit();
}

/**
 * The web process: configuration, logger, server, and a drain on SIGTERM
 * (what a platform sends before replacing a process) or SIGINT (Ctrl-C).
 */
async function runWebProcess(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, name: 'ferry-web' });
  let web: WebServer;
  try {
    web = await startWebServer(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'web server not started');
    process.stderr.write(`Ferry cannot start: ${describe(error)}\n`);
    process.exit(1);
  }
  stopOnSignal(web, logger);
}

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Ferry cannot start: ${error.message}\n`);
    process.exit(1);
  }
}

function stopOnSignal(web: WebServer, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal received; exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutdown started');
    web.close().then(
      () => {
        logger.info('web server stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === moduleUrl;
  } catch {
    return false;
  }
}

if (isEntryPoint(import.meta.url)) await runWebProcess();
