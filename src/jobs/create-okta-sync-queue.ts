import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';

import type { OktaSyncJobData } from './okta-sync-job.js';
import { OKTA_SYNC_QUEUE } from './queue-names.js';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Options of every sync job, scheduled or asked for. Transient failures
 * (Okta unavailable, Redis hiccups) are retried 4 times with exponential
 * backoff from 30 s (30 s, 1 min, 2 min, 4 min). Finished jobs are trimmed:
 * BullMQ otherwise keeps every one forever; the run records in
 * sync-run-store.ts keep the history operators read.
 */
export const OKTA_SYNC_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { count: 100, age: 7 * DAY_SECONDS },
  removeOnFail: { count: 200, age: 30 * DAY_SECONDS },
} as const satisfies DefaultJobOptions;

export interface OktaSyncQueueOptions {
  /** For the worker: a client with `maxRetriesPerRequest: null`. */
  readonly connection: Redis;
  /** queuePrefixFor(config.redisKeyPrefix). */
  readonly prefix: string;
  /** Replaces OKTA_SYNC_JOB_OPTIONS (tests shorten the backoff). */
  readonly jobOptions?: DefaultJobOptions;
}

export type OktaSyncQueue = Queue<OktaSyncJobData>;

export function createOktaSyncQueue(
  options: OktaSyncQueueOptions,
): OktaSyncQueue {
  return new Queue<OktaSyncJobData>(OKTA_SYNC_QUEUE, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: options.jobOptions ?? OKTA_SYNC_JOB_OPTIONS,
  });
}
