import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseAuditEvent } from '../../../src/audit/audit-event.js';
import { userStoreKeys } from '../../../src/storage/redis-keys.js';
import { decodeUserRecord } from '../../../src/storage/user-record.js';
import {
  timedRequest,
  type TimedResponse,
} from '../../support/http-request.js';
import {
  startOwnRedisServer,
  type OwnRedisServer,
} from '../../support/own-redis-server.js';
import {
  startRealWebServer,
  type RunningWebServer,
} from '../../support/start-web-server.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const REDIS_TIMEOUT_MS = 1000;
const WRITERS = 4;

interface Outcome {
  readonly kind: 'create' | 'patch';
  readonly userName: string;
  readonly title: string | undefined;
  readonly response: TimedResponse;
}

describe('the web process while Redis stops and starts again', () => {
  let redisServer: OwnRedisServer;
  let ferry: RunningWebServer;
  let token: string;
  const outcomes: Outcome[] = [];
  const measured = { stopToFirst503Ms: 0, restartToFirstSuccessMs: 0 };

  beforeAll(async () => {
    redisServer = await startOwnRedisServer();
    ferry = await startRealWebServer({
      redisUrl: redisServer.url,
      environment: { FERRY_REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS) },
    });
    token = ferry.secrets['full-access'];

    let running = true;
    const writers = Array.from({ length: WRITERS }, (_, writer) =>
      writeUntilStopped(writer, () => running),
    );
    await sleep(700);
    await redisServer.stop();
    measured.stopToFirst503Ms = await timeUntil(
      (response) => response.status === 503,
    );
    await sleep(1500);
    await redisServer.start();
    measured.restartToFirstSuccessMs = await timeUntil(
      (response) => response.status === 200,
    );
    await sleep(700);
    running = false;
    await Promise.all(writers);
  }, 60_000);

  afterAll(async () => {
    await ferry.web.close();
    await redisServer.destroy();
  });

  async function writeUntilStopped(writer: number, running: () => boolean) {
    for (let round = 0; running(); round += 1) {
      const userName = `writer${writer}.round${round}@example.com`;
      const created = await send('create', userName, undefined, () =>
        timedRequest(`${ferry.url}/scim/v2/Users`, {
          method: 'POST',
          token,
          body: { schemas: [USER_SCHEMA], userName },
        }),
      );
      if (created.status !== 201) continue;
      const id = (created.json as { id: string }).id;
      for (let change = 1; change <= 3 && running(); change += 1) {
        const title = `title ${change}`;
        await send('patch', userName, title, () =>
          timedRequest(`${ferry.url}/scim/v2/Users/${id}`, {
            method: 'PATCH',
            token,
            body: {
              schemas: [PATCH_SCHEMA],
              Operations: [{ op: 'replace', path: 'title', value: title }],
            },
          }),
        );
      }
    }
  }

  async function send(
    kind: Outcome['kind'],
    userName: string,
    title: string | undefined,
    request: () => Promise<TimedResponse>,
  ): Promise<TimedResponse> {
    const response = await request();
    outcomes.push({ kind, userName, title, response });
    return response;
  }

  async function timeUntil(
    wanted: (response: TimedResponse) => boolean,
  ): Promise<number> {
    const startedAt = performance.now();
    for (;;) {
      const response = await timedRequest(
        `${ferry.url}/scim/v2/Users?count=1`,
        { token },
      );
      if (wanted(response)) return performance.now() - startedAt;
      await sleep(20);
    }
  }

  it('answers every request 2xx or 503 with Retry-After and a SCIM error, never hanging', () => {
    const statuses = new Set(outcomes.map(({ response }) => response.status));
    expect([...statuses].sort()).toEqual([200, 201, 503]);
    for (const { response } of outcomes) {
      expect(response.elapsedMs).toBeLessThan(REDIS_TIMEOUT_MS + 1500);
      if (response.status !== 503) continue;
      expect(response.headers.get('Retry-After')).toBe('5');
      expect(response.json).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '503',
      });
    }
    console.log(
      `outage: ${outcomes.length} writes, ` +
        `${outcomes.filter((o) => o.response.status === 503).length} answered 503; ` +
        `first 503 ${Math.round(measured.stopToFirst503Ms)} ms after Redis stopped; ` +
        `first success ${Math.round(measured.restartToFirstSuccessMs)} ms after it restarted`,
    );
  });

  it('logs each 503 as "store unavailable" with its reason, never a token or a body', () => {
    const text = JSON.stringify(ferry.logLines);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/writer\d\.round/);
    for (const { response } of outcomes) {
      if (response.status !== 503) continue;
      const requestId = response.headers.get('X-Request-Id');
      expect(ferry.logLines).toContainEqual(
        expect.objectContaining({
          requestId,
          level: 50,
          msg: 'store unavailable',
          reason: expect.any(String) as unknown,
        }),
      );
    }
  });

  it('keeps every acknowledged write, and every write it lost was answered 5xx', async () => {
    const redis = new Redis(redisServer.url);
    try {
      const stored = await storedUsers(redis, ferry.keyPrefix);
      for (const outcome of outcomes) {
        const user = stored.get(outcome.userName);
        const acknowledged = outcome.response.status < 300;
        if (outcome.kind === 'create') {
          if (acknowledged) expect(user?.id).toBe(idOf(outcome.response));
          if (user === undefined) expect(outcome.response.status).toBe(503);
        } else if (acknowledged) {
          const version = versionOf(outcome.response);
          expect(user?.version).toBeGreaterThanOrEqual(version);
        }
      }
    } finally {
      await redis.quit();
    }
  });

  it('never writes a record without its audit event or the reverse', async () => {
    const redis = new Redis(redisServer.url);
    try {
      const stored = await storedUsers(redis, ferry.keyPrefix);
      const events = await eventsByUser(redis, ferry.keyPrefix);
      expect(stored.size).toBeGreaterThan(0);
      for (const user of stored.values()) {
        // One event per version: the creation, then one per change.
        expect(events.get(user.id)).toBe(user.version);
      }
      expect([...events.keys()].sort()).toEqual(
        [...stored.values()].map((user) => user.id).sort(),
      );
    } finally {
      await redis.quit();
    }
  });

  it('serves again once Redis is back, without a restart', async () => {
    const ready = await timedRequest(`${ferry.url}/readyz`);
    expect(ready.status).toBe(200);
    const userName = 'after.the.outage@example.com';
    const created = await timedRequest(`${ferry.url}/scim/v2/Users`, {
      method: 'POST',
      token,
      body: { schemas: [USER_SCHEMA], userName },
    });
    expect(created.status).toBe(201);
    expect(measured.restartToFirstSuccessMs).toBeLessThan(5000);
  });
});

function idOf(response: TimedResponse): string {
  return (response.json as { id: string }).id;
}

function versionOf(response: TimedResponse): number {
  return Number(/^W\/"(\d+)"$/.exec(response.headers.get('ETag') ?? '')?.[1]);
}

async function storedUsers(
  redis: Redis,
  keyPrefix: string,
): Promise<Map<string, { id: string; version: number }>> {
  const keys = userStoreKeys(keyPrefix);
  const ids = await redis.zrange(keys.order, 0, -1);
  const users = new Map<string, { id: string; version: number }>();
  for (const id of ids) {
    const user = decodeUserRecord(id, (await redis.get(keys.user(id))) ?? '');
    const userName = user.resource.userName;
    if (typeof userName !== 'string') throw new TypeError(`no userName: ${id}`);
    users.set(userName, { id, version: user.version });
  }
  return users;
}

async function eventsByUser(
  redis: Redis,
  keyPrefix: string,
): Promise<Map<string, number>> {
  const entries = await redis.xrange(userStoreKeys(keyPrefix).events, '-', '+');
  const counts = new Map<string, number>();
  for (const [id, fields] of entries) {
    const event = parseAuditEvent(id, fields);
    if (event) counts.set(event.userId, (counts.get(event.userId) ?? 0) + 1);
  }
  return counts;
}
