import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseAuditEvent } from '../../../src/audit/audit-event.js';
import {
  createOktaSyncQueue,
  type OktaSyncQueue,
} from '../../../src/jobs/create-okta-sync-queue.js';
import { queuePrefixFor } from '../../../src/jobs/queue-names.js';
import { requestSyncNow } from '../../../src/jobs/request-sync-now.js';
import { SyncRunStore } from '../../../src/jobs/sync-run-store.js';
import { userStoreKeys } from '../../../src/storage/redis-keys.js';
import { RedisUserRepository } from '../../../src/storage/redis-user-repository.js';
import {
  compiledFerry,
  removeCompiledFerry,
} from '../../support/compiled-ferry.js';
import { FakeOktaOrg } from '../../support/fake-okta-org.js';
import {
  startFerryChild,
  type FerryChild,
} from '../../support/ferry-child-process.js';
import {
  deleteKeysUnder,
  openTestRedis,
  uniqueKeyPrefix,
  type TestRedis,
} from '../../support/test-redis.js';

const OKTA_USERS = 1000;

describe('a worker killed in the middle of a sync', () => {
  let testRedis: TestRedis;
  let org: FakeOktaOrg;
  let queueConnection: Redis;
  let queue: OktaSyncQueue;
  const keyPrefix = uniqueKeyPrefix();
  const children: FerryChild[] = [];

  beforeAll(async () => {
    await compiledFerry();
    testRedis = await openTestRedis();
    org = await FakeOktaOrg.start();
    org.seed(OKTA_USERS);
    queueConnection = new Redis(testRedis.url, { maxRetriesPerRequest: null });
    queue = createOktaSyncQueue({
      connection: queueConnection,
      prefix: queuePrefixFor(keyPrefix),
    });
  }, 120_000);

  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await Promise.all(children.map((child) => child.exited));
    await queue.close();
    await queueConnection.quit();
    await org.close();
    await deleteKeysUnder(testRedis.redis, keyPrefix);
    await deleteKeysUnder(testRedis.redis, queuePrefixFor(keyPrefix));
    await testRedis.close();
    await removeCompiledFerry();
  });

  async function startWorker(): Promise<FerryChild> {
    const child = await startFerryChild('workers/okta-sync-worker.js', [], {
      REDIS_URL: testRedis.url,
      FERRY_REDIS_PREFIX: keyPrefix,
      FERRY_ALLOW_EVICTION: 'true',
      OKTA_ORG_URL: org.url,
      OKTA_API_TOKEN: org.apiToken,
      // Far from any test run: only "sync now" starts a run here.
      SYNC_SCHEDULE: '0 0 0 1 1 *',
    });
    children.push(child);
    await child.waitForLine((line) =>
      line.includes('okta sync worker started'),
    );
    return child;
  }

  it('leaves written users whole, and the next run converges without rewriting them', async () => {
    const users = new RedisUserRepository({
      redis: testRedis.redis,
      keyPrefix,
    });
    const runs = new SyncRunStore({ redis: testRedis.redis, keyPrefix });
    const first = await startWorker();

    // Killed when it asks for the third page: two pages are written.
    let usersAtKill: (count: number) => void = () => undefined;
    const killedWith = new Promise<number>((resolve) => {
      usersAtKill = resolve;
    });
    org.onListRequest = async () => {
      if (org.listRequests().length !== 3) return;
      first.process.kill('SIGKILL');
      await first.exited;
      usersAtKill(await users.count());
    };
    const { id } = await requestSyncNow(
      { queue, redis: testRedis.redis, runs },
      'ops',
    );
    expect(await first.exited).toBeNull();
    expect(await killedWith).toBe(400);

    // BullMQ hands a job whose worker vanished to another once its lock
    // expires (30 s) and the stalled-job check runs.
    await startWorker();
    await expect
      .poll(async () => (await runs.get(id))?.state, {
        timeout: 100_000,
        interval: 500,
      })
      .toBe('completed');

    const run = await runs.get(id);
    expect(run?.counts).toMatchObject({
      seen: OKTA_USERS,
      created: OKTA_USERS - 400,
      unchanged: 400,
      updated: 0,
      conflicts: 0,
      errors: 0,
    });
    expect(await users.count()).toBe(OKTA_USERS);
    for (const oktaUser of org.users) {
      const stored = await users.getByOktaId(oktaUser.id);
      expect(stored?.resource.userName).toBe(oktaUser.profile.login);
      expect(stored?.version).toBe(1);
    }
    const entries = await testRedis.redis.xrange(
      userStoreKeys(keyPrefix).events,
      '-',
      '+',
    );
    const actions = entries.map(
      ([entryId, fields]) => parseAuditEvent(entryId, fields)?.action,
    );
    expect(actions).toEqual(Array(OKTA_USERS).fill('created'));
  }, 150_000);
});
