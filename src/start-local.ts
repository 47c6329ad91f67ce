import { fileURLToPath } from 'node:url';

import type { AppConfig } from './config/app-config.js';
import type { Logger } from './logging/create-logger.js';
import {
  isEntryPoint,
  runProcess,
  type RunningService,
} from './process/run-process.js';
import { startWebServer } from './server.js';
import { provideRedis } from './storage/provide-redis.js';
import { startOktaSyncWorker } from '../workers/okta-sync-worker.js';

/** `.data/redis` at the top of the project, wherever it is started from. */
const LOCAL_REDIS_DIRECTORY = fileURLToPath(
  new URL('../../.data/redis', import.meta.url),
);

/**
 * Ferry on one machine (`npm start`): the web server and the sync worker in
 * one process, with a local Redis when none is configured. Production runs
 * them as separate processes instead (see the Procfile).
 */
export async function startLocalFerry(
  config: AppConfig,
  logger: Logger,
): Promise<RunningService> {
  const redis = await provideRedis({
    configuredUrl: config.redisUrl,
    dataDirectory: LOCAL_REDIS_DIRECTORY,
    logger,
  });
  const localConfig = { ...config, redisUrl: redis.url };
  const started: RunningService[] = [];
  try {
    started.push(await startWebServer(localConfig, logger));
    started.push(await startOktaSyncWorker(localConfig, logger));
  } catch (error) {
    await closeInReverse(started);
    await redis.stop();
    throw error;
  }
  return {
    close: async () => {
      await closeInReverse(started);
      await redis.stop();
    },
  };
}

async function closeInReverse(services: RunningService[]): Promise<void> {
  for (const service of [...services].reverse()) await service.close();
}

if (isEntryPoint(import.meta.url)) await runProcess('ferry', startLocalFerry);
