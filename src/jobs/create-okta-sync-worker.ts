import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

import type { OktaSyncJobData, OktaSyncJobResult } from './okta-sync-job.js';
import {
  createOktaSyncProcessor,
  type OktaSyncProcessorDependencies,
} from './okta-sync-processor.js';
import { OKTA_SYNC_QUEUE } from './queue-names.js';
import { errorSummary } from '../logging/error-summary.js';

export interface OktaSyncWorkerOptions extends OktaSyncProcessorDependencies {
  /** A client with `maxRetriesPerRequest: null`, as BullMQ's Worker needs. */
  readonly connection: Redis;
  /** queuePrefixFor(config.redisKeyPrefix). */
  readonly prefix: string;
  readonly logger: Logger;
}

export type OktaSyncWorker = Worker<OktaSyncJobData, OktaSyncJobResult>;

/**
 * The BullMQ Worker of the sync queue, one job at a time (the queue's
 * global concurrency of one holds it across workers). Failures are logged
 * here once; the processor has already recorded them on the run.
 */
export function createOktaSyncWorker(
  options: OktaSyncWorkerOptions,
): OktaSyncWorker {
  const worker = new Worker<OktaSyncJobData, OktaSyncJobResult>(
    OKTA_SYNC_QUEUE,
    createOktaSyncProcessor(options),
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('error', (error) => {
    options.logger.error({ error: errorSummary(error) }, 'sync worker error');
  });
  worker.on('failed', (job, error) => {
    options.logger.warn(
      {
        jobId: job?.id,
        attemptsMade: job?.attemptsMade,
        error: errorSummary(error),
      },
      'sync job attempt failed',
    );
  });
  return worker;
}
