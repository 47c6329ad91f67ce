import type { Redis } from 'ioredis';

import { DEFAULT_REDIS_URL, type AppConfig } from '../src/config/app-config.js';
import {
  createOktaSyncQueue,
  type OktaSyncQueue,
} from '../src/jobs/create-okta-sync-queue.js';
import {
  createOktaSyncWorker,
  type OktaSyncWorker,
} from '../src/jobs/create-okta-sync-worker.js';
import { queuePrefixFor } from '../src/jobs/queue-names.js';
import { scheduleOktaSync } from '../src/jobs/schedule-okta-sync.js';
import { SyncRunStore } from '../src/jobs/sync-run-store.js';
import type { Logger } from '../src/logging/create-logger.js';
import { isEntryPoint, runProcess } from '../src/process/run-process.js';
import {
  createQueueRedisClient,
  createStoreRedisClient,
} from '../src/storage/create-redis-client.js';
import { RedisUserRepository } from '../src/storage/redis-user-repository.js';
import { requireSafeRedisSettings } from '../src/storage/redis-settings-check.js';
import { errorSummary } from '../src/logging/error-summary.js';

export interface OktaSyncWorkerProcess {
  /** False when Okta is not configured: the process idles. */
  readonly syncing: boolean;
  /**
   * Stops taking jobs; the running sync finishes its page and is released
   * for another worker; then the connections close.
   */
  close(): Promise<void>;
}

/**
 * Starts the worker's work inside the current process: the schedule, and
 * a Worker running Okta syncs. The combined local launcher calls this beside
 * the web server. Without Okta settings it logs why and does nothing else
 * (removing a schedule left from an earlier configuration).
 */
export async function startOktaSyncWorker(
  config: AppConfig,
  logger: Logger,
): Promise<OktaSyncWorkerProcess> {
  const url = config.redisUrl ?? DEFAULT_REDIS_URL;
  const store = createStoreRedisClient({
    url,
    connectionName: 'ferry-sync-store',
  });
  const connection = createQueueRedisClient({
    url,
    connectionName: 'ferry-sync-queue',
  });
  try {
    await requireSafeRedisSettings(
      store,
      { allowEviction: config.allowEviction },
      logger,
    );
  } catch (error) {
    store.disconnect();
    connection.disconnect();
    throw error;
  }
  const prefix = queuePrefixFor(config.redisKeyPrefix);
  const queue = createOktaSyncQueue({ connection, prefix });
  queue.on('error', (error) =>
    logger.error({ error: errorSummary(error) }, 'sync queue error'),
  );
  const okta = config.okta;
  const schedule = okta ? config.sync : { ...config.sync, enabled: false };
  const outcome = await scheduleOktaSync(queue, schedule);
  if (!okta) {
    logger.warn({ reason: config.oktaDisabledReason }, 'okta sync is off');
    return {
      syncing: false,
      close: () => closeAll(undefined, queue, [store, connection]),
    };
  }
  logger.info(
    { schedule: outcome === 'scheduled' ? config.sync.schedule : 'none' },
    'okta sync worker started',
  );
  const worker = createOktaSyncWorker({
    connection,
    prefix,
    logger,
    okta,
    repository: new RedisUserRepository({
      redis: store,
      keyPrefix: config.redisKeyPrefix,
      eventRetention: { maxEvents: config.auditRetention.maxEvents },
    }),
    runs: new SyncRunStore({ redis: store, keyPrefix: config.redisKeyPrefix }),
    maxDeactivationShare: config.sync.maxDeactivationShare,
  });
  return {
    syncing: true,
    close: () => closeAll(worker, queue, [store, connection]),
  };
}

/** BullMQ's order on shutdown: cancel, close the worker, then the rest. */
async function closeAll(
  worker: OktaSyncWorker | undefined,
  queue: OktaSyncQueue,
  clients: readonly Redis[],
): Promise<void> {
  worker?.cancelAllJobs('SIGTERM');
  await worker?.close();
  await queue.close();
  await Promise.all(clients.map((client) => client.quit()));
}

if (isEntryPoint(import.meta.url)) {
  await runProcess('ferry-worker', startOktaSyncWorker);
}
