import { setTimeout as sleep } from 'node:timers/promises';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { USER_STORE_SCRIPTS } from '../../../src/storage/user-store-scripts.js';
import { timedRequest } from '../../support/http-request.js';
import {
  startOwnRedisServer,
  type OwnRedisServer,
} from '../../support/own-redis-server.js';
import {
  startRealWebServer,
  type RunningWebServer,
} from '../../support/start-web-server.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** The value of one sample line, e.g. `ferry_users 3`. */
function sample(text: string, series: string): number | undefined {
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health, readiness and metrics with Redis up', () => {
  let testRedis: TestRedis;
  let ferry: RunningWebServer;

  beforeAll(async () => {
    testRedis = await openTestRedis();
    ferry = await startRealWebServer({ redisUrl: testRedis.url });
    const token = ferry.secrets['full-access'];
    for (const [userName, active] of [
      ['one@example.com', true],
      ['two@example.com', true],
      ['gone@example.com', false],
    ] as const) {
      await timedRequest(`${ferry.url}/scim/v2/Users`, {
        method: 'POST',
        token,
        body: { schemas: [USER], userName, active },
      });
    }
    await timedRequest(`${ferry.url}/scim/v2/Users/nobody`, { token });
  });
  afterAll(async () => {
    await ferry.close();
    await testRedis.close();
  });

  it('answers /healthz and /readyz without a token', async () => {
    const health = await timedRequest(`${ferry.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'ok' });
    const ready = await timedRequest(`${ferry.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({
      status: 'ok',
      checks: { redis: 'ok', scripts: 'ok' },
    });
  });

  it('finds the probes in any case, with or without a trailing slash', async () => {
    for (const path of ['/HEALTHZ', '/healthz/', '/ReadyZ/']) {
      const response = await timedRequest(`${ferry.url}${path}`);
      expect(response.status).toBe(200);
    }
    const near = await timedRequest(`${ferry.url}/healthzz`);
    expect(near.status).toBe(404);
  });

  it('counts requests by route pattern and SCIM operations by outcome', async () => {
    const metrics = await timedRequest(`${ferry.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('Content-Type')).toBe(
      'text/plain; version=0.0.4; charset=utf-8',
    );
    const text = metrics.text;
    expect(
      sample(
        text,
        'ferry_http_requests_total{method="POST",route="/scim/v2/Users",status="201"}',
      ),
    ).toBe(3);
    expect(
      sample(
        text,
        'ferry_http_requests_total{method="GET",route="/scim/v2/Users/:id",status="404"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'ferry_scim_operations_total{operation="create",outcome="success"}',
      ),
    ).toBe(3);
    expect(
      sample(
        text,
        'ferry_scim_operations_total{operation="get",outcome="client_error"}',
      ),
    ).toBe(1);
    expect(text).toContain(
      'ferry_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/scim/v2/Users",status="201"}',
    );
    expect(text).not.toMatch(/route="\/scim\/v2\/Users\/nobody"/);
  });

  it('reports users, the sync queue and Redis as up', async () => {
    const text = (await timedRequest(`${ferry.url}/metrics`)).text;
    expect(sample(text, 'ferry_users')).toBe(3);
    expect(sample(text, 'ferry_redis_up')).toBe(1);
    expect(sample(text, 'ferry_sync_queue_jobs{state="waiting"}')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts active users within a few seconds of their change', async () => {
    let active: number | undefined;
    for (let attempt = 0; attempt < 40 && active !== 2; attempt += 1) {
      await sleep(100);
      const text = (await timedRequest(`${ferry.url}/metrics`)).text;
      active = sample(text, 'ferry_users_active');
    }
    expect(active).toBe(2);
  });
});

describe('/metrics with FERRY_METRICS_TOKEN_REQUIRED=true', () => {
  let testRedis: TestRedis;
  let ferry: RunningWebServer;

  beforeAll(async () => {
    testRedis = await openTestRedis();
    ferry = await startRealWebServer({
      redisUrl: testRedis.url,
      environment: { FERRY_METRICS_TOKEN_REQUIRED: 'true' },
    });
  });
  afterAll(async () => {
    await ferry.close();
    await testRedis.close();
  });

  it('asks for a full-access or read-only token; probes still take none', async () => {
    const url = `${ferry.url}/metrics`;
    expect((await timedRequest(url)).status).toBe(401);
    expect(
      (await timedRequest(url, { token: ferry.secrets.scim })).status,
    ).toBe(403);
    for (const role of ['read-only', 'full-access'] as const) {
      const response = await timedRequest(url, { token: ferry.secrets[role] });
      expect(response.status).toBe(200);
    }
    expect((await timedRequest(`${ferry.url}/readyz`)).status).toBe(200);
  });
});

describe('health, readiness and metrics while Redis is away', () => {
  let redisServer: OwnRedisServer;
  let ferry: RunningWebServer;

  beforeAll(async () => {
    redisServer = await startOwnRedisServer();
    ferry = await startRealWebServer({
      redisUrl: redisServer.url,
      environment: { FERRY_REDIS_TIMEOUT_MS: '500' },
    });
  });
  afterAll(async () => {
    await ferry.web.close();
    await redisServer.destroy();
  });

  it('stays alive, answers /readyz 503 naming the check, and reports Redis down', async () => {
    await redisServer.stop();
    const health = await timedRequest(`${ferry.url}/healthz`);
    expect(health.status).toBe(200);

    const ready = await timedRequest(`${ferry.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.json).toMatchObject({
      status: 'unavailable',
      checks: {
        redis: expect.stringMatching(/^no answer to PING: /) as unknown,
        scripts: 'not checked',
      },
    });
    expect(ready.elapsedMs).toBeLessThan(1500);

    const metrics = await timedRequest(`${ferry.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.elapsedMs).toBeLessThan(1500);
    expect(sample(metrics.text, 'ferry_redis_up')).toBe(0);
    // Each failed reconnect attempt is one error event.
    await sleep(300);
    const later = (await timedRequest(`${ferry.url}/metrics`)).text;
    expect(
      sample(later, 'ferry_redis_errors_total{connection="web"}'),
    ).toBeGreaterThan(0);
  });

  it('answers the admin API 503 with Retry-After, like the SCIM API', async () => {
    const token = ferry.secrets['full-access'];
    for (const path of ['/api/v1/events', '/api/v1/syncs', '/scim/v2/Users']) {
      const response = await timedRequest(`${ferry.url}${path}`, { token });
      expect(response.status).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('5');
      expect(response.json).toMatchObject({ status: '503' });
      expect(response.elapsedMs).toBeLessThan(1500);
    }
  });

  it('is ready again once Redis is back, reloading the scripts a restart lost', async () => {
    await redisServer.start();
    const redis = new Redis(redisServer.url);
    try {
      await redis.script('FLUSH');
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
        await sleep(100);
        status = (await timedRequest(`${ferry.url}/readyz`)).status;
      }
      expect(status).toBe(200);
      const held = (await redis.script(
        'EXISTS',
        ...USER_STORE_SCRIPTS.map((script) => script.sha1),
      )) as number[];
      expect(held).toEqual(USER_STORE_SCRIPTS.map(() => 1));
    } finally {
      await redis.quit();
    }
  });
});
