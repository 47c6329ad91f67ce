import type { Logger } from '../logging/create-logger.js';
import {
  isRedisAnswering,
  startLocalRedisServer,
} from './local-redis-server.js';

const LOCAL_HOST = '127.0.0.1';
const LOCAL_PORT = 6379;

export interface ProvidedRedis {
  readonly url: string;
  /** Stops the server when it is ours; leaves anyone else's alone. */
  stop(): Promise<void>;
}

/**
 * The Redis a single-machine Ferry uses: REDIS_URL when it is set, else the
 * one answering on 127.0.0.1:6379, else a redis-server of its own on that
 * port, persisting to an append-only file in `dataDirectory`. Throws
 * RedisServerMissingError when it would start one and none is installed.
 */
export async function provideRedis(options: {
  configuredUrl: string | undefined;
  dataDirectory: string;
  logger: Logger;
}): Promise<ProvidedRedis> {
  const { configuredUrl, dataDirectory, logger } = options;
  if (configuredUrl) return { url: configuredUrl, stop: async () => {} };

  if (await isRedisAnswering(LOCAL_HOST, LOCAL_PORT)) {
    logger.info({ port: LOCAL_PORT }, 'using the redis found on loopback');
    return { url: `redis://${LOCAL_HOST}:${LOCAL_PORT}`, stop: async () => {} };
  }

  logger.info({ dataDirectory }, 'starting a local redis-server');
  return startLocalRedisServer({
    port: LOCAL_PORT,
    dataDirectory,
    persistent: true,
  });
}
