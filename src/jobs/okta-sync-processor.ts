import {
  UnrecoverableError,
  WaitingError,
  type Job,
  type Processor,
} from 'bullmq';
import type { Logger } from 'pino';

import type { OktaConfig } from '../config/app-config.js';
import { OktaDirectory } from '../okta/okta-directory.js';
import { OktaError } from '../okta/okta-errors.js';
import type { OktaPacingOptions } from '../okta/okta-request-executor.js';
import {
  reconcileOktaUsers,
  type ReconcileResult,
} from '../reconciliation/reconcile-okta-users.js';
import { emptySyncCounts } from '../reconciliation/sync-counts.js';
import type { UserRepository } from '../storage/user-repository.js';
import type { OktaSyncJobData, OktaSyncJobResult } from './okta-sync-job.js';
import { OKTA_SYNC_QUEUE } from './queue-names.js';
import type { SyncRun, SyncRunState } from './sync-run.js';
import { newRun, type SyncRunStore } from './sync-run-store.js';
import { errorSummary } from '../logging/error-summary.js';

export interface OktaSyncProcessorDependencies {
  readonly okta: OktaConfig;
  readonly repository: UserRepository;
  readonly runs: SyncRunStore;
  readonly maxDeactivationShare: number;
  readonly logger: Logger;
  /** Clock and sleep for the Okta executor (tests skip waits). */
  readonly pacing?: OktaPacingOptions;
}

/** A run stopped by shutdown; BullMQ gives it to the next free worker. */
export class SyncInterruptedError extends Error {
  override readonly name = 'SyncInterruptedError';
  readonly code = 'SYNC_INTERRUPTED';

  constructor(usersSeen: number) {
    super(`stopped at shutdown after ${usersSeen} users; to be run again`);
  }
}

type SyncJob = Job<OktaSyncJobData, OktaSyncJobResult>;

/**
 * The BullMQ processor of the Okta sync queue: one job is one run. It maps
 * how a run ended onto the job's fate: a complete listing completes the
 * job; a listing Okta broke off part-way is retried with backoff while
 * attempts remain and ends `incomplete`; refused credentials or a rejected
 * search fail at once with UnrecoverableError; a shutdown releases the job.
 */
export function createOktaSyncProcessor(
  dependencies: OktaSyncProcessorDependencies,
): Processor<OktaSyncJobData, OktaSyncJobResult> {
  return async (job, token, signal) => {
    try {
      return await runSync(dependencies, job, signal);
    } catch (error) {
      // Back to waiting at once, without spending an attempt or a backoff.
      if (error instanceof SyncInterruptedError && token !== undefined) {
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw error;
    }
  };
}

async function runSync(
  dependencies: OktaSyncProcessorDependencies,
  job: SyncJob,
  signal: AbortSignal | undefined,
): Promise<OktaSyncJobResult> {
  const logger = dependencies.logger.child({
    jobId: job.id,
    queue: OKTA_SYNC_QUEUE,
  });
  const run = await startRun(dependencies.runs, job);
  logger.info({ trigger: run.trigger, attempt: run.attempt }, 'sync started');
  let result: ReconcileResult;
  try {
    result = await reconcile(dependencies, job, run, signal);
  } catch (error) {
    const state = failureState(job, error);
    await settleRun(dependencies.runs, run, state, [describe(error)]);
    logger.error({ error: errorSummary(error), state }, 'sync failed');
    throw failureFor(error);
  }
  return settleListing(dependencies.runs, job, run, result, logger);
}

async function startRun(runs: SyncRunStore, job: SyncJob): Promise<SyncRun> {
  const known =
    (await runs.get(job.id!)) ??
    newRun(job.id!, job.data, new Date(job.timestamp).toISOString());
  const run: SyncRun = {
    id: known.id,
    trigger: known.trigger,
    ...(known.requestedBy ? { requestedBy: known.requestedBy } : {}),
    state: 'running',
    requestedAt: known.requestedAt,
    startedAt: known.startedAt ?? new Date().toISOString(),
    attempt: job.attemptsMade + 1,
    progress: { usersSeen: 0 },
    counts: emptySyncCounts(),
    messages: known.messages,
  };
  await runs.save(run);
  return run;
}

function reconcile(
  dependencies: OktaSyncProcessorDependencies,
  job: SyncJob,
  run: SyncRun,
  signal: AbortSignal | undefined,
): Promise<ReconcileResult> {
  const directory = new OktaDirectory({
    config: dependencies.okta,
    pacing: { ...dependencies.pacing, ...(signal ? { signal } : {}) },
    logger: dependencies.logger.child({ jobId: job.id }),
  });
  return reconcileOktaUsers(directory.listAllUsers(), {
    repository: dependencies.repository,
    actor: { kind: 'sync', name: job.id! },
    maxDeactivationShare: dependencies.maxDeactivationShare,
    ...(signal ? { signal } : {}),
    onProgress: (counts) =>
      dependencies.runs.save({
        ...run,
        progress: { usersSeen: counts.seen },
        counts,
      }),
  });
}

async function settleListing(
  runs: SyncRunStore,
  job: SyncJob,
  run: SyncRun,
  result: ReconcileResult,
  logger: Logger,
): Promise<OktaSyncJobResult> {
  const counts = result.counts;
  const listed = { ...run, progress: { usersSeen: counts.seen }, counts };
  const { listing } = result;
  if (listing.state === 'complete') {
    await settleRun(runs, listed, 'completed', result.messages);
    logger.info({ ...counts }, 'sync completed');
    const { seen, created, updated, deactivated } = counts;
    return { state: 'completed', seen, created, updated, deactivated };
  }
  const error =
    listing.state === 'aborted'
      ? new SyncInterruptedError(counts.seen)
      : listing.error;
  const state =
    listing.state === 'aborted' ? 'waiting' : failureState(job, error);
  const cause =
    `attempt ${run.attempt} stopped after ${counts.seen} users: ` +
    describe(error);
  await settleRun(runs, listed, state, [...result.messages, cause]);
  logger.warn({ ...counts, state, error: errorSummary(error) }, 'sync stopped');
  throw failureFor(error);
}

async function settleRun(
  runs: SyncRunStore,
  run: SyncRun,
  state: SyncRunState,
  messages: readonly string[],
): Promise<void> {
  const finished = state !== 'waiting';
  const finishedAt = new Date();
  await runs.save({
    ...run,
    state,
    messages: [...run.messages, ...messages],
    ...(finished
      ? {
          finishedAt: finishedAt.toISOString(),
          durationMs: finishedAt.getTime() - Date.parse(run.startedAt!),
        }
      : {}),
  });
}

/**
 * A listing broken off by Okta leaves the run incomplete once no retry is
 * left; errors retrying cannot fix, or other errors on the last attempt,
 * leave it failed; otherwise it waits for its retry.
 */
function failureState(job: SyncJob, error: unknown): SyncRunState {
  if (!isRetryable(error)) return 'failed';
  if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) return 'waiting';
  return error instanceof OktaError ? 'incomplete' : 'failed';
}

function failureFor(error: unknown): Error {
  if (!isRetryable(error)) return new UnrecoverableError(describe(error));
  return error instanceof Error ? error : new Error(describe(error));
}

function isRetryable(error: unknown): boolean {
  return !(error instanceof OktaError) || error.retryable;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
