import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requestSyncNow } from '../../../src/jobs/request-sync-now.js';
import {
  openSyncHarness,
  type SyncHarness,
} from '../../support/okta-sync-harness.js';
import {
  openQueueHarness,
  type QueueHarness,
} from '../../support/sync-queue-harness.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

let testRedis: TestRedis;
let h: SyncHarness;
let q: QueueHarness;

beforeAll(async () => {
  testRedis = await openTestRedis();
  h = await openSyncHarness(testRedis);
  q = await openQueueHarness(testRedis, h);
});

afterAll(async () => {
  await q.close();
  await h.close();
  await testRedis.close();
});

describe('an Okta sync of 10,000 users', () => {
  it('creates them all, then writes nothing on a run with nothing changed', async () => {
    const users = h.org.seed(10_000);
    for (const user of users.slice(0, 100)) {
      h.org.updateUser(
        user.id,
        { status: 'DEPROVISIONED' },
        new Date(Date.parse(user.lastUpdated)),
      );
    }
    q.startWorker();

    const first = await requestSyncNow(q, 'ops');
    const created = await q.waitForRun(first.id, ['completed'], 20_000);
    const events = await h.eventCount();
    const second = await requestSyncNow(q, 'ops');
    const unchanged = await q.waitForRun(second.id, ['completed'], 20_000);

    expect(created.counts).toMatchObject({
      seen: 10_000,
      created: 10_000,
      conflicts: 0,
      errors: 0,
    });
    expect(await h.repository.count()).toBe(10_000);
    expect((await h.user('user1@example.com')).resource.active).toBe(false);
    expect(unchanged.counts).toMatchObject({
      seen: 10_000,
      unchanged: 10_000,
      created: 0,
      updated: 0,
      deactivated: 0,
    });
    expect(await h.eventCount()).toBe(events);
  }, 40_000);
});
