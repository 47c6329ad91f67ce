import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startLocalRedisServer,
  type LocalRedisServer,
} from '../../../src/storage/local-redis-server.js';
import { checkRedisSettings } from '../../../src/storage/redis-settings-check.js';

// A server of our own, so its settings can be changed freely.
let server: LocalRedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startLocalRedisServer({
    port: await freePort(),
    dataDirectory: await mkdtemp(join(tmpdir(), 'ferry-settings-')),
    persistent: false,
  });
  redis = new Redis(server.url);
});

afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

describe('checkRedisSettings', () => {
  it('refuses an evicting policy and names the setting to change', async () => {
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const report = await checkRedisSettings(redis, { allowEviction: false });
    expect(report.problems).toEqual([
      'Redis maxmemory-policy is allkeys-lru; eviction silently deletes ' +
        'users. Set it to noeviction (CONFIG SET maxmemory-policy ' +
        'noeviction, and in redis.conf), or set FERRY_ALLOW_EVICTION=true ' +
        'to start anyway.',
    ]);
  });

  it('only warns about eviction when explicitly allowed', async () => {
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const report = await checkRedisSettings(redis, { allowEviction: true });
    expect(report.problems).toEqual([]);
    expect(report.warnings[0]).toMatch(/FERRY_ALLOW_EVICTION=true/);
  });

  it('warns when nothing is persisted, and not when the AOF is on', async () => {
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    const off = await checkRedisSettings(redis, { allowEviction: false });
    expect(off.problems).toEqual([]);
    expect(off.warnings).toEqual([
      'Redis persistence is off (no append-only file, no snapshots): a ' +
        'Redis restart loses every user. Turn on appendonly yes.',
    ]);

    await redis.config('SET', 'appendonly', 'yes');
    const on = await checkRedisSettings(redis, { allowEviction: false });
    await redis.config('SET', 'appendonly', 'no');
    expect(on.warnings).toEqual([]);
    expect(on.version).toMatch(/^\d+\.\d+/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}
