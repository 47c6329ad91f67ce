import type { DefaultJobOptions } from 'bullmq';

import type { SyncConfig } from '../config/app-config.js';
import {
  OKTA_SYNC_JOB_OPTIONS,
  type OktaSyncQueue,
} from './create-okta-sync-queue.js';
import { OKTA_SYNC_JOB, OKTA_SYNC_SCHEDULER_ID } from './queue-names.js';

export type ScheduleOutcome = 'scheduled' | 'removed';

/**
 * Makes the queue match the configuration; safe at every start. Global
 * concurrency one is what keeps two syncs from ever running at once, across
 * workers and whatever started them (deduplication cannot: scheduled jobs
 * ignore it). The hourly run is an idempotent upsert; with sync off, or
 * Okta not configured, the scheduler is removed so no jobs pile up.
 */
export async function scheduleOktaSync(
  queue: OktaSyncQueue,
  sync: Pick<SyncConfig, 'enabled' | 'schedule'>,
  jobOptions: DefaultJobOptions = OKTA_SYNC_JOB_OPTIONS,
): Promise<ScheduleOutcome> {
  await queue.setGlobalConcurrency(1);
  if (!sync.enabled) {
    await queue.removeJobScheduler(OKTA_SYNC_SCHEDULER_ID);
    return 'removed';
  }
  await queue.upsertJobScheduler(
    OKTA_SYNC_SCHEDULER_ID,
    { pattern: sync.schedule, tz: 'UTC' },
    { name: OKTA_SYNC_JOB, data: { trigger: 'schedule' }, opts: jobOptions },
  );
  return 'scheduled';
}
