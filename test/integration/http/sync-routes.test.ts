import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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

import type { AuthenticatedToken } from '../../../src/auth/token-authenticator.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createApp } from '../../../src/http/create-app.js';
import { createSyncRoutes } from '../../../src/http/sync-routes.js';
import { newRun } from '../../../src/jobs/sync-run-store.js';
import {
  openSyncHarness,
  type SyncHarness,
} from '../../support/okta-sync-harness.js';
import {
  openQueueHarness,
  type QueueHarness,
} from '../../support/sync-queue-harness.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

const PUBLIC_URL = 'https://ferry.example.com';
const TOKENS: Record<string, AuthenticatedToken> = {
  'full-secret': { name: 'ops-console', role: 'full-access' },
  'reader-secret': { name: 'dashboards', role: 'read-only' },
};

let testRedis: TestRedis;
let h: SyncHarness;
let q: QueueHarness;
let server: Server;
let baseUrl: string;

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
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await q.close();
  await h.close();
});

async function startApp(disabledReason?: string): Promise<void> {
  const config = loadConfig({
    FERRY_PUBLIC_URL: PUBLIC_URL,
    FERRY_REDIS_PREFIX: testRedis.keyPrefix,
  });
  const app = createApp({
    config,
    logger: pino({ level: 'silent' }),
    users: h.repository,
    tokens: { authenticate: (secret) => Promise.resolve(TOKENS[secret]) },
    adminRoutes: createSyncRoutes({
      ...q,
      disabledReason,
      publicUrl: PUBLIC_URL,
    }),
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function call(method: string, path: string, secret = 'full-secret') {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${secret}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('the sync routes of the admin API', () => {
  it('starts a run with 202, its id, state and where to follow it', async () => {
    await startApp();

    const response = await call('POST', '/api/v1/syncs');

    const id = response.body.id as string;
    const self = `${PUBLIC_URL}/api/v1/syncs/${id}`;
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ id, state: 'waiting', links: { self } });
    expect(response.headers.get('location')).toBe(self);
  });

  it('refuses a body that is not JSON with 415', async () => {
    await startApp();

    const response = await fetch(`${baseUrl}/api/v1/syncs`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer full-secret',
        'Content-Type': 'text/plain',
      },
      body: 'now please',
    });

    expect(response.status).toBe(415);
    expect(await q.queue.getJobCounts()).toMatchObject({ waiting: 0 });
  });

  it('answers a second press while the run waits with the same run', async () => {
    await startApp();

    const first = await call('POST', '/api/v1/syncs');
    const second = await call('POST', '/api/v1/syncs');

    expect(second.body.id).toBe(first.body.id);
  });

  it('reports a run with its trigger, who asked, progress and counts', async () => {
    await startApp();
    h.org.seed(2);
    const { body } = await call('POST', '/api/v1/syncs');
    q.startWorker();
    await q.waitForRun(body.id as string, ['completed']);

    const response = await call(
      'GET',
      `/api/v1/syncs/${body.id as string}`,
      'reader-secret',
    );

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: body.id,
      trigger: 'sync-now',
      requestedBy: 'ops-console',
      state: 'completed',
      progress: { usersSeen: 2 },
      counts: { seen: 2, created: 2 },
      links: { self: `${PUBLIC_URL}/api/v1/syncs/${body.id as string}` },
    });
    expect(response.body).toHaveProperty('durationMs');
  });

  it('lists recent runs newest first, scheduled ones included', async () => {
    await startApp();
    const scheduledId = 'repeat:okta-sync-schedule:1767225600000';
    await q.runs.save(
      newRun(scheduledId, { trigger: 'schedule' }, '2026-01-01T00:00:00.000Z'),
    );
    const { body } = await call('POST', '/api/v1/syncs');

    const response = await call('GET', '/api/v1/syncs', 'reader-secret');

    const runs = response.body.runs as Record<string, unknown>[];
    expect(runs.map((run) => [run.id, run.trigger, run.requestedBy])).toEqual([
      [body.id, 'sync-now', 'ops-console'],
      [scheduledId, 'schedule', undefined],
    ]);
    const scheduled = await call(
      'GET',
      `/api/v1/syncs/${encodeURIComponent(scheduledId)}`,
    );
    expect(scheduled.body.id).toBe(scheduledId);
  });

  it('answers 404 for a run it does not know', async () => {
    await startApp();

    const response = await call('GET', '/api/v1/syncs/sync-nope');

    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
      detail:
        'No sync run has id "sync-nope". Only recent runs are kept; GET /api/v1/syncs lists them.',
    });
  });

  it('refuses "sync now" with 409 and the reason when Okta is not configured', async () => {
    await startApp('OKTA_ORG_URL is not set');

    const response = await call('POST', '/api/v1/syncs');

    expect(response.status).toBe(409);
    expect(response.body.detail).toBe(
      'Okta sync is off: OKTA_ORG_URL is not set. Set OKTA_ORG_URL and OKTA_API_TOKEN ' +
        '(or OKTA_CLIENT_ID and OKTA_PRIVATE_KEY) for the web and worker processes, then restart them.',
    );
    expect(await q.queue.count()).toBe(0);
  });

  it('lets a read-only token read runs but not start one', async () => {
    await startApp();

    expect((await call('POST', '/api/v1/syncs', 'reader-secret')).status).toBe(
      403,
    );
    expect((await call('GET', '/api/v1/syncs', 'reader-secret')).status).toBe(
      200,
    );
  });
});
