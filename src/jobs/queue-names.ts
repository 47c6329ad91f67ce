/** The one queue every Okta sync runs on (DESIGN.md "Scheduling"). */
export const OKTA_SYNC_QUEUE = 'okta-sync';

/** The name of every job on it, scheduled or asked for. */
export const OKTA_SYNC_JOB = 'okta-sync';

/** The job scheduler behind the hourly run. */
export const OKTA_SYNC_SCHEDULER_ID = 'okta-sync-schedule';

/**
 * "Sync now" jobs share this deduplication id, so that presses while one
 * waits join it and presses while one runs queue exactly one more.
 */
export const SYNC_NOW_DEDUPLICATION_ID = 'okta-sync-now';

/**
 * BullMQ's key prefix, derived from the store's: `{ferry}` gives
 * `{ferry-jobs}`. Its own hash tag lets Redis Cluster place the queue's keys
 * (which BullMQ's scripts touch together) apart from the user store's.
 */
export function queuePrefixFor(redisKeyPrefix: string): string {
  const tag = /^\{(.+)\}$/.exec(redisKeyPrefix)?.[1] ?? redisKeyPrefix;
  return `{${tag}-jobs}`;
}
