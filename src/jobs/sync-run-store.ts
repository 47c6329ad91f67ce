import type { Redis } from 'ioredis';

import { emptySyncCounts } from '../reconciliation/sync-counts.js';
import { parseStoredJson } from '../storage/stored-json.js';
import type { OktaSyncJobData } from './okta-sync-job.js';
import type { SyncRun } from './sync-run.js';

export interface SyncRunStoreOptions {
  readonly redis: Redis;
  /** The store's hash-tagged prefix, e.g. `{ferry}`. */
  readonly keyPrefix: string;
  /** How many recent runs are kept (default 200). */
  readonly retain?: number;
}

/** A run record whose JSON cannot be read; the message quotes none of it. */
export class CorruptSyncRunError extends Error {
  override readonly name = 'CorruptSyncRunError';
  readonly code = 'CORRUPT_SYNC_RUN';

  constructor(readonly runId: string) {
    super(`the stored record of sync run ${runId} is not valid JSON`);
  }
}

function decodeRun(id: string, json: string): SyncRun {
  return parseStoredJson(json, () => new CorruptSyncRunError(id)) as SyncRun;
}

/** Records outlive trimming by this long at most, as a safety net. */
const RECORD_TTL_SECONDS = 90 * 24 * 60 * 60;

/**
 * Sync runs in Redis: `<prefix>:sync-run:<id>` holds a run as JSON and the
 * sorted set `<prefix>:sync-runs` orders ids by request time; the oldest
 * beyond `retain` are dropped. One hash tag for both, so each update is one
 * MULTI that also runs on Redis Cluster. Only one sync runs at a time, so
 * the worker's updates never race each other.
 */
export class SyncRunStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #retain: number;

  constructor(options: SyncRunStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = options.keyPrefix;
    this.#retain = options.retain ?? 200;
  }

  /** A waiting run for a job just queued; kept if a worker got there first. */
  async recordRequested(id: string, data: OktaSyncJobData): Promise<void> {
    const run = newRun(id, data, new Date().toISOString());
    await this.#redis
      .multi()
      .set(
        this.#runKey(id),
        JSON.stringify(run),
        'EX',
        RECORD_TTL_SECONDS,
        'NX',
      )
      .zadd(this.#indexKey(), 'NX', Date.parse(run.requestedAt), id)
      .exec();
    await this.#trim();
  }

  async save(run: SyncRun): Promise<void> {
    const replies = await this.#redis
      .multi()
      .set(this.#runKey(run.id), JSON.stringify(run), 'EX', RECORD_TTL_SECONDS)
      .zadd(this.#indexKey(), 'NX', Date.parse(run.requestedAt), run.id)
      .exec();
    const added = replies?.[1]?.[1] === 1;
    if (added) await this.#trim();
  }

  async get(id: string): Promise<SyncRun | undefined> {
    const json = await this.#redis.get(this.#runKey(id));
    return json === null ? undefined : decodeRun(id, json);
  }

  /** Newest request first. */
  async listRecent(limit: number): Promise<SyncRun[]> {
    const ids = await this.#redis.zrevrange(this.#indexKey(), 0, limit - 1);
    if (ids.length === 0) return [];
    const records = await this.#redis.mget(ids.map((id) => this.#runKey(id)));
    return ids.flatMap((id, index) => {
      const json = records[index];
      return typeof json === 'string' ? [decodeRun(id, json)] : [];
    });
  }

  async #trim(): Promise<void> {
    const excess = (await this.#redis.zcard(this.#indexKey())) - this.#retain;
    if (excess <= 0) return;
    const oldest = await this.#redis.zrange(this.#indexKey(), 0, excess - 1);
    if (oldest.length === 0) return;
    await this.#redis
      .multi()
      .zrem(this.#indexKey(), ...oldest)
      .unlink(...oldest.map((id) => this.#runKey(id)))
      .exec();
  }

  #runKey(id: string): string {
    return `${this.#prefix}:sync-run:${id}`;
  }

  #indexKey(): string {
    return `${this.#prefix}:sync-runs`;
  }
}

/** The record of a run nobody has started yet. */
export function newRun(
  id: string,
  data: OktaSyncJobData,
  requestedAt: string,
): SyncRun {
  return {
    id,
    trigger: data.trigger,
    ...(data.requestedBy === undefined
      ? {}
      : { requestedBy: data.requestedBy }),
    state: 'waiting',
    requestedAt: data.requestedAt ?? requestedAt,
    attempt: 0,
    progress: { usersSeen: 0 },
    counts: emptySyncCounts(),
    messages: [],
  };
}
