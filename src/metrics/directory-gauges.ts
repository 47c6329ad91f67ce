import { Gauge, type Registry } from 'prom-client';

import type { ActiveUsersCount } from './active-users-census.js';

/** What a sync run record says that metrics need (src/jobs/sync-run.ts). */
export interface SyncRunSummary {
  readonly state: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
}

/** Where the gauges read from at each scrape; optional parts are omitted. */
export interface DirectorySources {
  readonly countUsers: () => Promise<number>;
  readonly activeUsers: () => ActiveUsersCount | undefined;
  /** BullMQ Queue#getJobCounts of the sync queue. */
  readonly syncJobCounts?: () => Promise<Readonly<Record<string, number>>>;
  /** Recent runs, newest first (SyncRunStore#listRecent). */
  readonly recentSyncRuns?: () => Promise<readonly SyncRunSummary[]>;
}

const FINISHED_STATES = ['completed', 'incomplete', 'failed'] as const;

/**
 * Gauges read from Redis when scraped, each read bounded by `timeoutMs`.
 * A read that fails leaves its gauge at its last value and sets
 * ferry_redis_up to 0, so a Redis outage shows as such rather than as an
 * empty directory.
 */
export function registerDirectoryGauges(
  registry: Registry,
  sources: DirectorySources,
  timeoutMs: number,
): void {
  const reads = new ScrapeReads(timeoutMs);
  registerUserGauges(registry, sources, reads);
  if (sources.syncJobCounts) {
    registerQueueGauge(registry, sources.syncJobCounts, reads);
  }
  if (sources.recentSyncRuns) {
    registerSyncRunGauges(registry, sources.recentSyncRuns, reads);
  }
  // Registered last: prom-client starts every metric's collect in
  // registration order before awaiting any, so by the time this one runs
  // the reads of this scrape have all begun.
  new Gauge({
    name: 'ferry_redis_up',
    help: '1 when this scrape read every store gauge from Redis, else 0.',
    registers: [registry],
    async collect() {
      this.set((await reads.allSucceeded()) ? 1 : 0);
    },
  });
}

/** The reads of one scrape: bounded in time, shared, and their outcome. */
class ScrapeReads {
  private readonly started: Promise<boolean>[] = [];
  private readonly shared = new Map<string, Promise<unknown>>();

  constructor(private readonly timeoutMs: number) {}

  /** Runs `load` once per scrape however many gauges ask; undefined on failure. */
  async read<T>(name: string, load: () => Promise<T>): Promise<T | undefined> {
    let pending = this.shared.get(name) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = withinTime(load(), this.timeoutMs);
      this.shared.set(name, pending);
      this.started.push(
        pending.then(
          () => true,
          () => false,
        ),
      );
      const forget = () => this.shared.delete(name);
      pending.then(forget, forget);
    }
    return pending.catch(() => undefined);
  }

  async allSucceeded(): Promise<boolean> {
    const outcomes = await Promise.all(this.started.splice(0));
    return outcomes.every(Boolean);
  }
}

function registerUserGauges(
  registry: Registry,
  sources: DirectorySources,
  reads: ScrapeReads,
): void {
  new Gauge({
    name: 'ferry_users',
    help: 'Users in the directory, active or not.',
    registers: [registry],
    async collect() {
      const count = await reads.read('users', () => sources.countUsers());
      if (count !== undefined) this.set(count);
    },
  });
  // NaN until the first count has finished: 0 would read as "nobody".
  new Gauge({
    name: 'ferry_users_active',
    help:
      'Users whose active is not false, as of the last full count ' +
      '(ferry_users_active_counted_timestamp_seconds); NaN before it.',
    registers: [registry],
    collect() {
      this.set(sources.activeUsers()?.active ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'ferry_users_active_counted_timestamp_seconds',
    help: 'When the count in ferry_users_active was finished (Unix time).',
    registers: [registry],
    collect() {
      const count = sources.activeUsers();
      this.set(count ? count.countedAt.getTime() / 1000 : Number.NaN);
    },
  });
}

function registerQueueGauge(
  registry: Registry,
  jobCounts: () => Promise<Readonly<Record<string, number>>>,
  reads: ScrapeReads,
): void {
  new Gauge({
    name: 'ferry_sync_queue_jobs',
    help: 'Jobs in the Okta sync queue, by state (waiting, active, ...).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await reads.read('queue', jobCounts);
      for (const [state, count] of Object.entries(counts ?? {})) {
        this.set({ state }, count);
      }
    },
  });
}

function registerSyncRunGauges(
  registry: Registry,
  recentRuns: () => Promise<readonly SyncRunSummary[]>,
  reads: ScrapeReads,
): void {
  const latestFinished = async () => {
    const runs = await reads.read('syncRuns', recentRuns);
    return FINISHED_STATES.flatMap((outcome) => {
      const run = runs?.find((candidate) => candidate.state === outcome);
      return run?.finishedAt === undefined ? [] : [{ outcome, run }];
    });
  };
  new Gauge({
    name: 'ferry_sync_last_finished_timestamp_seconds',
    help: 'When the latest sync run with each outcome finished (Unix time).',
    labelNames: ['outcome'],
    registers: [registry],
    async collect() {
      for (const { outcome, run } of await latestFinished()) {
        this.set({ outcome }, Date.parse(run.finishedAt ?? '') / 1000);
      }
    },
  });
  new Gauge({
    name: 'ferry_sync_last_duration_seconds',
    help: 'How long the latest sync run with each outcome took.',
    labelNames: ['outcome'],
    registers: [registry],
    async collect() {
      for (const { outcome, run } of await latestFinished()) {
        if (run.durationMs !== undefined) {
          this.set({ outcome }, run.durationMs / 1000);
        }
      }
    },
  });
  new Gauge({
    name: 'ferry_sync_recent_runs',
    help: 'Sync runs among the most recent ones kept, by state.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const runs = await reads.read('syncRuns', recentRuns);
      if (runs === undefined) return;
      this.reset();
      for (const run of runs) this.inc({ state: run.state });
    },
  });
}

async function withinTime<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RangeError(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
