import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';

import { OKTA_SYNC_JOB_OPTIONS } from '../../../src/jobs/create-okta-sync-queue.js';
import { OKTA_SYNC_SCHEDULER_ID } from '../../../src/jobs/queue-names.js';
import { scheduleOktaSync } from '../../../src/jobs/schedule-okta-sync.js';
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
});

afterAll(async () => {
  await testRedis.close();
});

beforeEach(async () => {
  h = await openSyncHarness(testRedis);
  q = await openQueueHarness(testRedis, h);
});

afterEach(async () => {
  await q.close();
  await h.close();
});

describe('scheduleOktaSync', () => {
  const hourly = { enabled: true, schedule: '0 0 * * * *' };

  it('keeps one hourly scheduler however often the worker starts', async () => {
    expect(await scheduleOktaSync(q.queue, hourly)).toBe('scheduled');
    await scheduleOktaSync(q.queue, hourly);

    const schedulers = await q.queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: OKTA_SYNC_SCHEDULER_ID,
      name: 'okta-sync',
      pattern: '0 0 * * * *',
      tz: 'UTC',
      template: { data: { trigger: 'schedule' } },
    });
    expect(schedulers[0]?.template?.opts).toMatchObject({
      attempts: OKTA_SYNC_JOB_OPTIONS.attempts,
      removeOnComplete: OKTA_SYNC_JOB_OPTIONS.removeOnComplete,
      removeOnFail: OKTA_SYNC_JOB_OPTIONS.removeOnFail,
    });
  });

  it('removes the scheduler when sync is turned off', async () => {
    await scheduleOktaSync(q.queue, hourly);

    expect(await scheduleOktaSync(q.queue, { ...hourly, enabled: false })).toBe(
      'removed',
    );

    expect(await q.queue.getJobSchedulers()).toEqual([]);
  });

  it('limits the queue to one job at a time', async () => {
    expect(await q.queue.getGlobalConcurrency()).toBe(1);
  });
});
