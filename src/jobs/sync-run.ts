import type { SyncCounts } from '../reconciliation/sync-counts.js';
import type { SyncTrigger } from './okta-sync-job.js';

/**
 * - waiting: queued, or released to be retried (see `messages`)
 * - running: a worker is listing and reconciling
 * - completed: the listing finished and every change was applied
 * - incomplete: the listing stopped part-way; changes for the users it did
 *   list were applied, nobody was deactivated
 * - failed: stopped by an error retrying cannot fix (credentials, a bad
 *   search expression) or by one that outlasted the retries
 */
export type SyncRunState =
  'waiting' | 'running' | 'completed' | 'incomplete' | 'failed';

/** One sync run as operators see it (GET /api/v1/syncs/{id}). */
export interface SyncRun {
  /** The BullMQ job id. */
  readonly id: string;
  readonly trigger: SyncTrigger;
  /** The token that asked, for "sync now" runs. */
  readonly requestedBy?: string;
  readonly state: SyncRunState;
  readonly requestedAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  /** 1 for the first try; grows when a transient failure is retried. */
  readonly attempt: number;
  readonly progress: { readonly usersSeen: number };
  readonly counts: SyncCounts;
  readonly messages: readonly string[];
}
