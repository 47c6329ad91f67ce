import { request } from 'node:http';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { queuePrefixFor } from '../../../src/jobs/queue-names.js';
import { RedisUserRepository } from '../../../src/storage/redis-user-repository.js';
import {
  compiledFerry,
  removeCompiledFerry,
} from '../../support/compiled-ferry.js';
import { startFerryChild } from '../../support/ferry-child-process.js';
import {
  freePort,
  startOwnRedisServer,
  type OwnRedisServer,
} from '../../support/own-redis-server.js';
import {
  deleteKeysUnder,
  openTestRedis,
  uniqueKeyPrefix,
  type TestRedis,
} from '../../support/test-redis.js';

const EVICTION_PROBLEM =
  'Ferry cannot start: Redis maxmemory-policy is allkeys-lru; eviction ' +
  'silently deletes users. Set it to noeviction (CONFIG SET ' +
  'maxmemory-policy noeviction, and in redis.conf), or set ' +
  'FERRY_ALLOW_EVICTION=true to start anyway.';

function logLine(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return {};
  }
}

beforeAll(() => compiledFerry(), 120_000);
afterAll(() => removeCompiledFerry());

describe('starting against a Redis that may lose data', () => {
  let redisServer: OwnRedisServer;

  beforeAll(async () => {
    redisServer = await startOwnRedisServer();
    const redis = new Redis(redisServer.url);
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    await redis.config('SET', 'appendonly', 'no');
    await redis.quit();
  });
  afterAll(() => redisServer.destroy());

  const environment = async () => ({
    REDIS_URL: redisServer.url,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
  });

  it.each([['src/server.js'], ['workers/okta-sync-worker.js']])(
    '%s refuses to start, printing each problem, and exits 1',
    async (entryPoint) => {
      const child = await startFerryChild(entryPoint, [], await environment());
      expect(await child.exited).toBe(1);
      expect(child.stderr.filter((line) => line !== '')).toEqual([
        EVICTION_PROBLEM,
      ]);
    },
  );

  it('starts with FERRY_ALLOW_EVICTION=true, logging each risk at warn', async () => {
    const child = await startFerryChild('src/server.js', [], {
      ...(await environment()),
      FERRY_ALLOW_EVICTION: 'true',
    });
    await child.waitForLine(
      (line) => logLine(line).msg === 'web server listening',
    );
    const warnings = child.stdout
      .map(logLine)
      .filter((line) => line.level === 40)
      .map((line) => line.warning);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Redis maxmemory-policy is allkeys-lru; .* Starting anyway: FERRY_ALLOW_EVICTION=true\.$/,
      ) as unknown,
      expect.stringMatching(/^Redis persistence is off/) as unknown,
    ]);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });
});

describe('the web process on SIGTERM', () => {
  let testRedis: TestRedis;
  const keyPrefix = uniqueKeyPrefix();

  beforeAll(async () => {
    testRedis = await openTestRedis();
  });
  afterAll(async () => {
    await deleteKeysUnder(testRedis.redis, keyPrefix);
    await deleteKeysUnder(testRedis.redis, queuePrefixFor(keyPrefix));
    await testRedis.close();
  });

  it('finishes the request in flight, stops accepting, and exits 0', async () => {
    const child = await startFerryChild('src/server.js', [], {
      REDIS_URL: testRedis.url,
      FERRY_REDIS_PREFIX: keyPrefix,
      FERRY_ALLOW_EVICTION: 'true',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
    });
    const listening = logLine(
      await child.waitForLine(
        (line) => logLine(line).msg === 'web server listening',
      ),
    );
    const url = String(listening.url);

    // A request whose body is half sent when the signal arrives.
    const answered = new Promise<number>((resolve, reject) => {
      const inFlight = request(`${url}/healthz`, { method: 'GET' });
      inFlight.setHeader('Content-Length', '4');
      inFlight.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      inFlight.on('error', reject);
      inFlight.write('ab');
      setTimeout(() => {
        child.process.kill('SIGTERM');
        setTimeout(() => inFlight.end('cd'), 200);
      }, 200);
    });

    expect(await answered).toBe(200);
    expect(await child.exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(child.stdout.map(logLine).map((line) => line.msg)).toContain(
      'shutdown finished',
    );
  });
});

describe('ferry events tail', () => {
  let testRedis: TestRedis;
  const keyPrefix = uniqueKeyPrefix();

  beforeAll(async () => {
    testRedis = await openTestRedis();
  });
  afterAll(async () => {
    await deleteKeysUnder(testRedis.redis, keyPrefix);
    await testRedis.close();
  });

  it.each([
    [
      [] as string[],
      /^\S+Z {2}created {6}tail\d@example\.com {2}by token:ops {2}changed active, userName {2}\(user [0-9a-f-]{36}, event \d+-\d+\)$/,
    ],
    [
      ['--json'],
      /^\{"id":"\d+-\d+","time":"[^"]+","actor":"token:ops","action":"created","userId":"[0-9a-f-]{36}","userName":"tail\d@example\.com","changed":\["active","userName"\]\}$/,
    ],
  ])(
    'with %j prints each new event on a line and exits 0 on Ctrl-C',
    async (options, pattern) => {
      const users = new RedisUserRepository({
        redis: testRedis.redis,
        keyPrefix,
      });
      await users.create(
        {
          resource: { userName: `before${options.length}@example.com` },
          provenance: {},
        },
        { kind: 'token', name: 'ops' },
      );
      const child = await startFerryChild(
        'src/cli/ferry.js',
        ['events', 'tail', ...options],
        {
          REDIS_URL: testRedis.url,
          FERRY_REDIS_PREFIX: keyPrefix,
        },
      );
      await expect
        .poll(() => child.stderr.join('\n'))
        .toContain('Ctrl-C to stop');
      const userName = `tail${options.length}@example.com`;
      await users.create(
        { resource: { userName, active: true }, provenance: {} },
        { kind: 'token', name: 'ops' },
      );
      const line = await child.waitForLine((text) => text.includes(userName));
      expect(line).toMatch(pattern);
      expect(child.stdout.join('\n')).not.toContain('before');

      child.process.kill('SIGINT');
      expect(await child.exited).toBe(0);
    },
  );
});
