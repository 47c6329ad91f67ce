/** What started a run: the job scheduler, or someone pressing "sync now". */
export type SyncTrigger = 'schedule' | 'sync-now';

/** The payload of an Okta sync job. Kept small: BullMQ stores it as JSON. */
export interface OktaSyncJobData {
  readonly trigger: SyncTrigger;
  /** The name of the token that asked, for "sync now" runs. */
  readonly requestedBy?: string;
  /** ISO time of the request; scheduled jobs use the job's timestamp. */
  readonly requestedAt?: string;
}

/** What a finished job returns (kept by BullMQ with the job). */
export interface OktaSyncJobResult {
  readonly state: 'completed';
  readonly seen: number;
  readonly created: number;
  readonly updated: number;
  readonly deactivated: number;
}
