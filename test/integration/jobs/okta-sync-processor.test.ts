import { generateKeyPairSync } from 'node:crypto';

import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';

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

/** Holds every list request until released, to keep a run running. */
function holdListing(): { release: () => void; reached: Promise<void> } {
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
  h.org.onListRequest = async () => {
    reached();
    await gate;
  };
  return { release, reached: reachedPromise };
}

describe('the Okta sync processor', () => {
  it('records a "sync now" run from request to completion', async () => {
    h.org.seed(5);
    q.startWorker();

    const { id } = await requestSyncNow(q, 'ops-console');
    const run = await q.waitForRun(id, ['completed']);

    expect(run).toMatchObject({
      id,
      trigger: 'sync-now',
      requestedBy: 'ops-console',
      attempt: 1,
      progress: { usersSeen: 5 },
      counts: {
        seen: 5,
        created: 5,
        updated: 0,
        deactivated: 0,
        unchanged: 0,
        skippedPushNewer: 0,
        conflicts: 0,
        errors: 0,
      },
      messages: [],
    });
    expect(Date.parse(run.finishedAt!) - Date.parse(run.startedAt!)).toBe(
      run.durationMs,
    );
    expect(await q.runs.listRecent(10)).toEqual([run]);
  });

  it('gives presses made while a run waits that same run', async () => {
    const first = await requestSyncNow(q, 'alice');
    const second = await requestSyncNow(q, 'bob');

    expect(second).toEqual({ id: first.id, joined: true });
    expect(await q.queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect((await q.runs.get(first.id))?.requestedBy).toBe('alice');
  });

  it('queues exactly one more run for presses made while one runs', async () => {
    h.org.seed(3);
    const hold = holdListing();
    q.startWorker();
    const running = await requestSyncNow(q, 'alice');
    await hold.reached;

    const presses = [
      await requestSyncNow(q, 'bob'),
      await requestSyncNow(q, 'carol'),
      await requestSyncNow(q, 'dave'),
    ];
    hold.release();
    h.org.onListRequest = undefined;

    const next = presses[0]!.id;
    expect(next).not.toBe(running.id);
    expect(presses.map((p) => p.id)).toEqual([next, next, next]);
    await q.waitForRun(running.id, ['completed']);
    const followed = await q.waitForRun(next, ['completed']);
    expect(followed.counts.unchanged).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await q.runs.listRecent(10)).map((run) => run.id)).toEqual([
      next,
      running.id,
    ]);
  });

  it('never runs two syncs at once, across workers', async () => {
    h.org.seed(3);
    let active = 0;
    let maxActive = 0;
    h.org.onListRequest = async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 20));
      active -= 1;
    };
    q.startWorker();
    q.startWorker();

    const jobs = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) =>
        q.queue.add(
          'okta-sync',
          { trigger: 'schedule' },
          { jobId: `overlap-${name}` },
        ),
      ),
    );
    for (const job of jobs) await q.waitForRun(job.id!, ['completed']);

    expect(maxActive).toBe(1);
  });

  it('marks a run incomplete when Okta breaks the listing off on its last attempt', async () => {
    const users = h.org.seed(450);
    await h.sync();
    h.org.deleteUser(users[0]!.id);
    h.org.scriptListFaults({ afterRequests: 1, status: 503, times: 100 });
    q.startWorker();

    const job = await q.queue.add(
      'okta-sync',
      { trigger: 'schedule' },
      { attempts: 1 },
    );
    const run = await q.waitForRun(job.id!, ['incomplete']);

    expect(run.counts).toMatchObject({ seen: 200, deactivated: 0 });
    expect(run.messages).toEqual([
      'listing did not finish; no users deactivated',
      'attempt 1 stopped after 200 users: Okta did not answer /api/v1/users after 3 attempts (last: 503 Service Unavailable); the sync will be retried later',
    ]);
    expect((await h.user('user1@example.com')).resource.active).toBe(true);
  });

  it('retries a run Okta broke off and completes it on the next attempt', async () => {
    h.org.seed(450);
    h.org.scriptListFaults({ afterRequests: 1, status: 503, times: 3 });
    q.startWorker();

    const job = await q.queue.add('okta-sync', { trigger: 'schedule' });
    const run = await q.waitForRun(job.id!, ['completed']);

    expect(run.attempt).toBe(2);
    expect(run.counts.created).toBe(250);
    expect(await h.repository.count()).toBe(450);
  });

  it('fails at once, naming the cause, when the token endpoint refuses the service app', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    h.org.refuseTokens = true;
    q.startWorker({
      okta: {
        ...h.okta,
        credentials: {
          kind: 'privateKey',
          clientId: '0oafake',
          privateKey: privateKey
            .export({ type: 'pkcs8', format: 'pem' })
            .toString(),
          keyId: 'k1',
        },
      },
    });

    const job = await q.queue.add('okta-sync', { trigger: 'schedule' });
    const run = await q.waitForRun(job.id!, ['failed']);

    expect(run.attempt).toBe(1);
    expect(run.messages.at(-1)).toMatch(
      /^attempt 1 stopped after 0 users: Okta's token endpoint refused the service app \(401 invalid_client/,
    );
    // The run record says failed before BullMQ moves the job; wait for it.
    await vi.waitFor(
      async () => expect(await q.queue.getJobState(job.id!)).toBe('failed'),
      { timeout: 5000, interval: 20 },
    );
    expect((await q.queue.getJob(job.id!))?.attemptsMade).toBe(1);
    expect(h.org.listRequests()).toHaveLength(0);
  });

  it('releases a run stopped by shutdown to another worker, which finishes it', async () => {
    h.org.seed(450);
    const hold = holdListing();
    const first = q.startWorker();
    const job = await q.queue.add('okta-sync', { trigger: 'schedule' });
    await hold.reached;

    first.cancelAllJobs('SIGTERM');
    hold.release();
    await first.close();
    h.org.onListRequest = undefined;

    const released = await q.waitForRun(job.id!, ['waiting']);
    expect(released.messages).toEqual([
      'listing did not finish; no users deactivated',
      'attempt 1 stopped after 200 users: stopped at shutdown after 200 users; to be run again',
    ]);
    expect(await q.queue.getJobState(job.id!)).toBe('waiting');
    q.startWorker();
    const finished = await q.waitForRun(job.id!, ['completed']);
    expect(finished.attempt).toBe(1);
    expect(await h.repository.count()).toBe(450);
  });
});
