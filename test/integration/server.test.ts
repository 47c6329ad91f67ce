import { request } from 'node:http';

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RedisTokenStore } from '../../src/auth/redis-token-store.js';
import {
  generateTokenSecret,
  hashTokenSecret,
} from '../../src/auth/token-secret.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startWebServer, type WebServer } from '../../src/server.js';
import { openTestRedis, type TestRedis } from '../support/test-redis.js';

describe('startWebServer', () => {
  let testRedis: TestRedis;
  let web: WebServer;
  let secret: string;

  beforeAll(async () => {
    testRedis = await openTestRedis();
    secret = generateTokenSecret();
    await new RedisTokenStore(testRedis.redis, testRedis.keyPrefix).create({
      name: 'server-test',
      role: 'full-access',
      secretHash: hashTokenSecret(secret),
      createdAt: new Date(),
    });
    const config = loadConfig({
      REDIS_URL: testRedis.url,
      FERRY_REDIS_PREFIX: testRedis.keyPrefix,
      HOST: '127.0.0.1',
      // The test Redis may evict; production refuses to start on one.
      FERRY_ALLOW_EVICTION: 'true',
    });
    web = await startWebServer(
      { ...config, port: 0 },
      pino({ level: 'silent' }),
    );
  });
  afterAll(() => testRedis.close());

  it('serves the SCIM API, then finishes in-flight requests when closed', async () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const list = await fetch(`${web.url}/scim/v2/Users`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(list.status).toBe(200);

    const body = JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'in.flight@example.com',
    });
    const half = Math.floor(body.length / 2);
    let resolve: (status: number) => void = () => undefined;
    const answered = new Promise<number>((settle) => {
      resolve = settle;
    });
    const inFlight = request(`${web.url}/scim/v2/Users`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${secret}`,
        'Content-Type': 'application/scim+json',
        'Content-Length': String(Buffer.byteLength(body)),
      },
    });
    inFlight.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    inFlight.write(body.slice(0, half));
    await new Promise((settle) => setTimeout(settle, 50));

    const closed = web.close();
    await new Promise((settle) => setTimeout(settle, 50));
    inFlight.end(body.slice(half));

    expect(await answered).toBe(201);
    await closed;
    await expect(fetch(`${web.url}/scim/v2/Users`)).rejects.toThrow();
  });
});

describe('startWebServer without Redis', () => {
  it('says how to get a Redis instead of starting', async () => {
    const config = loadConfig({ REDIS_URL: 'redis://:pw@127.0.0.1:1' });
    await expect(
      startWebServer({ ...config, port: 0 }, pino({ level: 'silent' })),
    ).rejects.toThrow(
      'Ferry cannot reach Redis at redis://127.0.0.1:1 (connect ECONNREFUSED ' +
        '127.0.0.1:1). Start Ferry with "npm start", which starts a local ' +
        'Redis, or set REDIS_URL to the Redis Ferry uses.',
    );
  });
});
