import type { DefaultJobOptions } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';

import type { OktaConfig } from '../../src/config/app-config.js';
import {
  createOktaSyncQueue,
  type OktaSyncQueue,
} from '../../src/jobs/create-okta-sync-queue.js';
import {
  createOktaSyncWorker,
  type OktaSyncWorker,
} from '../../src/jobs/create-okta-sync-worker.js';
import type { OktaSyncProcessorDependencies } from '../../src/jobs/okta-sync-processor.js';
import { scheduleOktaSync } from '../../src/jobs/schedule-okta-sync.js';
import type { SyncRun, SyncRunState } from '../../src/jobs/sync-run.js';
import { SyncRunStore } from '../../src/jobs/sync-run-store.js';
import type { SyncHarness } from './okta-sync-harness.js';
import { deleteKeysUnder, type TestRedis } from './test-redis.js';

/** Fast retries, so failure paths finish within a test. */
export const TEST_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: 'fixed', delay: 20 },
  removeOnComplete: { count: 50, age: 3600 },
  removeOnFail: { count: 50, age: 3600 },
};

export interface QueueHarness {
  readonly queue: OktaSyncQueue;
  readonly runs: SyncRunStore;
  /** The store's client, as the web process would pass it. */
  readonly redis: Redis;
  readonly prefix: string;
  startWorker(
    overrides?: Partial<OktaSyncProcessorDependencies> & { okta?: OktaConfig },
  ): OktaSyncWorker;
  waitForRun(
    id: string,
    states: readonly SyncRunState[],
    timeoutMs?: number,
  ): Promise<SyncRun>;
  close(): Promise<void>;
}

let opened = 0;

/**
 * A sync queue under a hash-tagged prefix no other test shares, workers
 * wired to the sync harness's fake org and store, and cleanup of only the
 * queue's own keys.
 */
export async function openQueueHarness(
  testRedis: TestRedis,
  sync: SyncHarness,
  jobOptions: DefaultJobOptions = TEST_JOB_OPTIONS,
): Promise<QueueHarness> {
  opened += 1;
  const tag = /^\{(.+)\}$/.exec(testRedis.keyPrefix)![1]!;
  const prefix = `{${tag}-q${opened}}`;
  const connections: Redis[] = [];
  const connect = () => {
    const client = new Redis(testRedis.url, { maxRetriesPerRequest: null });
    connections.push(client);
    return client;
  };
  const queue = createOktaSyncQueue({
    connection: connect(),
    prefix,
    jobOptions,
  });
  // As the worker does at start; with sync off, no scheduler is added.
  await scheduleOktaSync(queue, { enabled: false, schedule: '0 0 * * * *' });
  const runs = new SyncRunStore({
    redis: testRedis.redis,
    keyPrefix: sync.keyPrefix,
  });
  const workers: OktaSyncWorker[] = [];

  return {
    queue,
    runs,
    redis: testRedis.redis,
    prefix,
    startWorker: (overrides = {}) => {
      const worker = createOktaSyncWorker({
        connection: connect(),
        prefix,
        logger: pino({ level: 'silent' }),
        okta: sync.okta,
        repository: sync.repository,
        runs,
        maxDeactivationShare: 1,
        pacing: {
          clock: sync.time.clock,
          sleep: sync.time.sleep,
          backoffBaseMs: 10,
          maxAttempts: 3,
        },
        ...overrides,
      });
      workers.push(worker);
      return worker;
    },
    waitForRun: (id, states, timeoutMs = 10_000) =>
      waitForRun(runs, id, states, timeoutMs),
    close: async () => {
      for (const worker of workers) await worker.close(true);
      await queue.close();
      await deleteKeysUnder(testRedis.redis, prefix);
      await Promise.all(connections.map((client) => client.quit()));
    },
  };
}

async function waitForRun(
  runs: SyncRunStore,
  id: string,
  states: readonly SyncRunState[],
  timeoutMs: number,
): Promise<SyncRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await runs.get(id);
    if (run && states.includes(run.state)) return run;
    if (Date.now() > deadline) {
      throw new Error(
        `run ${id} is ${run?.state ?? 'unknown'}, not ${states.join('/')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
