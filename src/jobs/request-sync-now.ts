import { createHash, randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

import type { OktaSyncQueue } from './create-okta-sync-queue.js';
import type { OktaSyncJobData } from './okta-sync-job.js';
import { OKTA_SYNC_JOB, SYNC_NOW_DEDUPLICATION_ID } from './queue-names.js';
import type { SyncRunStore } from './sync-run-store.js';

export interface SyncNowDependencies {
  readonly queue: OktaSyncQueue;
  /** Any client on the queue's Redis, to read BullMQ's pending-run note. */
  readonly redis: Redis;
  readonly runs: SyncRunStore;
}

export interface SyncNowOutcome {
  /** The run that will carry out this request. */
  readonly id: string;
  /** True when the request joined a run someone else asked for. */
  readonly joined: boolean;
}

/** The queue kept changing under the request; rare, and safe to retry. */
export class SyncNowRaceError extends Error {
  override readonly name = 'SyncNowRaceError';
  readonly code = 'SYNC_NOW_RACE';

  constructor() {
    super('the sync queue changed while the request was placed; try again');
  }
}

const MAX_TRIES = 5;

/**
 * Queues a run now, de-duplicated with BullMQ's `keepLastIfActive` mode: a
 * press while a "sync now" run waits joins it; a press while one runs leaves
 * BullMQ a note to add exactly one more when it finishes. BullMQ answers
 * such a press with the running job's id, and would give the run that
 * follows a fresh id later; so that every press made during one run gets
 * the id of the run that follows it, that id is derived from the running
 * job's id and passed as `jobId`.
 */
export async function requestSyncNow(
  dependencies: SyncNowDependencies,
  requestedBy: string,
): Promise<SyncNowOutcome> {
  const data: OktaSyncJobData = {
    trigger: 'sync-now',
    requestedBy,
    requestedAt: new Date().toISOString(),
  };
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const outcome = await placeOnce(dependencies, data);
    if (outcome === undefined) continue;
    await dependencies.runs.recordRequested(outcome.id, data);
    return outcome;
  }
  throw new SyncNowRaceError();
}

async function placeOnce(
  { queue, redis }: SyncNowDependencies,
  data: OktaSyncJobData,
): Promise<SyncNowOutcome | undefined> {
  const current = await queue.getDeduplicationJobId(SYNC_NOW_DEDUPLICATION_ID);
  const jobId = current ? followerOf(current) : `sync-${randomUUID()}`;
  const job = await queue.add(OKTA_SYNC_JOB, data, {
    jobId,
    deduplication: { id: SYNC_NOW_DEDUPLICATION_ID, keepLastIfActive: true },
  });
  let outcome: SyncNowOutcome;
  if (job.id === jobId) {
    outcome = { id: jobId, joined: current !== null };
  } else if (current !== null && job.id === current) {
    const follows = await followerIsPending(queue, redis, jobId);
    outcome = { id: follows ? jobId : current, joined: true };
  } else {
    // The de-duplicated run changed between reading and adding.
    return undefined;
  }
  return (await isFinished(queue, outcome.id)) ? undefined : outcome;
}

/** The id of the run that follows `jobId`, the same for every press. */
function followerOf(jobId: string): string {
  const digest = createHash('sha256').update(jobId).digest('hex');
  return `sync-${digest.slice(0, 32)}`;
}

/**
 * Whether BullMQ holds `followerId` as the run to add after the active one
 * (its `dn:` note, stored for keepLastIfActive), or has added it already.
 */
async function followerIsPending(
  queue: OktaSyncQueue,
  redis: Redis,
  followerId: string,
): Promise<boolean> {
  const noteKey = queue.toKey(`dn:${SYNC_NOW_DEDUPLICATION_ID}`);
  if ((await redis.hget(noteKey, 'jid')) === followerId) return true;
  return (await queue.getJob(followerId)) !== undefined;
}

async function isFinished(queue: OktaSyncQueue, id: string): Promise<boolean> {
  const state = await queue.getJobState(id);
  return state === 'completed' || state === 'failed';
}
