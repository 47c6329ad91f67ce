import { Redis } from 'ioredis';
import pino from 'pino';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';

import type { AppConfig } from '../../../src/config/app-config.js';
import { loadConfig } from '../../../src/config/load-config.js';
import {
  createOktaSyncQueue,
  type OktaSyncQueue,
} from '../../../src/jobs/create-okta-sync-queue.js';
import { queuePrefixFor } from '../../../src/jobs/queue-names.js';
import { requestSyncNow } from '../../../src/jobs/request-sync-now.js';
import { SyncRunStore } from '../../../src/jobs/sync-run-store.js';
import {
  startOktaSyncWorker,
  type OktaSyncWorkerProcess,
} from '../../../workers/okta-sync-worker.js';
import { FakeOktaOrg } from '../../support/fake-okta-org.js';
import {
  deleteKeysUnder,
  openTestRedis,
  uniqueKeyPrefix,
  type TestRedis,
} from '../../support/test-redis.js';

let testRedis: TestRedis;
let org: FakeOktaOrg;
let keyPrefix: string;
let queueConnection: Redis;
let queue: OktaSyncQueue;
let worker: OktaSyncWorkerProcess | undefined;

beforeAll(async () => {
  testRedis = await openTestRedis();
});

afterAll(async () => {
  await testRedis.close();
});

beforeEach(async () => {
  org = await FakeOktaOrg.start();
  keyPrefix = uniqueKeyPrefix();
  queueConnection = new Redis(testRedis.url, { maxRetriesPerRequest: null });
  queue = createOktaSyncQueue({
    connection: queueConnection,
    prefix: queuePrefixFor(keyPrefix),
  });
});

afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.close();
  await queueConnection.quit();
  await org.close();
  await deleteKeysUnder(testRedis.redis, keyPrefix);
  await deleteKeysUnder(testRedis.redis, queuePrefixFor(keyPrefix));
});

function config(environment: Record<string, string> = {}): AppConfig {
  return loadConfig({
    REDIS_URL: testRedis.url,
    FERRY_REDIS_PREFIX: keyPrefix,
    SYNC_SCHEDULE: '0 30 * * * *',
    ...environment,
  });
}

const silent = pino({ level: 'silent' });

describe('startOktaSyncWorker', () => {
  it('idles without Okta settings, says why, and leaves no schedule', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(line) },
    );

    worker = await startOktaSyncWorker(config(), logger);

    expect(worker.syncing).toBe(false);
    expect(await queue.getJobSchedulers()).toEqual([]);
    expect(
      lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    ).toContainEqual(
      expect.objectContaining({
        msg: 'okta sync is off',
        reason: 'OKTA_ORG_URL is not set',
      }),
    );
  });

  it('upserts the configured schedule and runs "sync now" requests', async () => {
    org.seed(3);
    worker = await startOktaSyncWorker(
      config({ OKTA_ORG_URL: `${org.url}/`, OKTA_API_TOKEN: org.apiToken }),
      silent,
    );
    const runs = new SyncRunStore({ redis: testRedis.redis, keyPrefix });

    const { id } = await requestSyncNow(
      { queue, redis: testRedis.redis, runs },
      'ops',
    );

    expect(worker.syncing).toBe(true);
    expect(await queue.getJobSchedulers()).toMatchObject([
      { pattern: '0 30 * * * *' },
    ]);
    await expect
      .poll(async () => (await runs.get(id))?.state, { timeout: 10_000 })
      .toBe('completed');
    expect((await runs.get(id))?.counts.created).toBe(3);
  });

  it('removes the schedule when SYNC_ENABLED is false', async () => {
    const okta = { OKTA_ORG_URL: org.url, OKTA_API_TOKEN: org.apiToken };
    worker = await startOktaSyncWorker(config(okta), silent);
    await worker.close();

    worker = await startOktaSyncWorker(
      config({ ...okta, SYNC_ENABLED: 'false' }),
      silent,
    );

    expect(await queue.getJobSchedulers()).toEqual([]);
  });
});
