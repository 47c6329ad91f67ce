import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SyncRun } from '../../../src/jobs/sync-run.js';
import {
  CorruptSyncRunError,
  newRun,
  SyncRunStore,
} from '../../../src/jobs/sync-run-store.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

let testRedis: TestRedis;
let stores = 0;

beforeAll(async () => {
  testRedis = await openTestRedis();
});

afterAll(async () => {
  await testRedis.close();
});

function openStore(retain?: number): SyncRunStore {
  stores += 1;
  return new SyncRunStore({
    redis: testRedis.redis,
    keyPrefix: `${testRedis.keyPrefix}:runs-${stores}`,
    ...(retain === undefined ? {} : { retain }),
  });
}

function scheduledRun(id: string, requestedAt: string): SyncRun {
  return newRun(id, { trigger: 'schedule' }, requestedAt);
}

describe('SyncRunStore', () => {
  it('keeps only the most recent runs', async () => {
    const store = openStore(2);

    await store.save(scheduledRun('a', '2026-01-01T01:00:00.000Z'));
    await store.save(scheduledRun('b', '2026-01-01T02:00:00.000Z'));
    await store.save(scheduledRun('c', '2026-01-01T03:00:00.000Z'));

    expect((await store.listRecent(10)).map((run) => run.id)).toEqual([
      'c',
      'b',
    ]);
    expect(await store.get('a')).toBeUndefined();
  });

  it('does not turn a run a worker already started back into a waiting one', async () => {
    const store = openStore();
    const running: SyncRun = {
      ...newRun(
        'r1',
        { trigger: 'sync-now', requestedBy: 'alice' },
        '2026-01-01T00:00:00.000Z',
      ),
      state: 'running',
    };
    await store.save(running);

    await store.recordRequested('r1', {
      trigger: 'sync-now',
      requestedBy: 'bob',
    });

    expect(await store.get('r1')).toEqual(running);
  });

  it('records a request as a waiting run with who asked', async () => {
    const store = openStore();

    await store.recordRequested('r2', {
      trigger: 'sync-now',
      requestedBy: 'alice',
      requestedAt: '2026-01-01T00:00:00.000Z',
    });

    expect(await store.get('r2')).toEqual({
      id: 'r2',
      trigger: 'sync-now',
      requestedBy: 'alice',
      state: 'waiting',
      requestedAt: '2026-01-01T00:00:00.000Z',
      attempt: 0,
      progress: { usersSeen: 0 },
      counts: {
        seen: 0,
        created: 0,
        updated: 0,
        deactivated: 0,
        unchanged: 0,
        skippedPushNewer: 0,
        conflicts: 0,
        errors: 0,
      },
      messages: [],
    });
  });

  it('refuses a damaged run record without quoting any of it', async () => {
    const store = openStore();
    await store.save(scheduledRun('ok', '2026-01-01T01:00:00.000Z'));
    await testRedis.redis.set(
      `${testRedis.keyPrefix}:runs-${stores}:sync-run:ok`,
      '{"id":"ok","messages":["login ann.lee@example.com taken"',
    );
    const error = await store.get('ok').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorruptSyncRunError);
    expect((error as Error).message).toBe(
      'the stored record of sync run ok is not valid JSON',
    );
    await expect(store.listRecent(5)).rejects.toThrow(CorruptSyncRunError);
  });
});
