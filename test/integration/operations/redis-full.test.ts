import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { timedRequest } from '../../support/http-request.js';
import {
  startOwnRedisServer,
  type OwnRedisServer,
} from '../../support/own-redis-server.js';
import {
  startRealWebServer,
  type RunningWebServer,
} from '../../support/start-web-server.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('the web process when Redis is full', () => {
  let redisServer: OwnRedisServer;
  let redis: Redis;
  let ferry: RunningWebServer;

  beforeAll(async () => {
    redisServer = await startOwnRedisServer();
    redis = new Redis(redisServer.url);
    ferry = await startRealWebServer({ redisUrl: redisServer.url });
  });
  afterAll(async () => {
    await ferry.web.close();
    await redis.quit();
    await redisServer.destroy();
  });

  function create(userName: string) {
    return timedRequest(`${ferry.url}/scim/v2/Users`, {
      method: 'POST',
      token: ferry.secrets['full-access'],
      body: { schemas: [USER], userName },
    });
  }

  it('answers writes 503 with Retry-After, keeps serving reads, and writes again once there is room', async () => {
    const before = await create('before@example.com');
    expect(before.status).toBe(201);

    await redis.config('SET', 'maxmemory', '1');
    const refused = await create('refused@example.com');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe('5');
    const read = await timedRequest(
      `${ferry.url}/scim/v2/Users/${(before.json as { id: string }).id}`,
      { token: ferry.secrets['full-access'] },
    );
    expect(read.status).toBe(200);
    expect(ferry.logLines).toContainEqual(
      expect.objectContaining({
        msg: 'store unavailable',
        reason: expect.stringMatching(/^OOM /) as unknown,
      }),
    );

    await redis.config('SET', 'maxmemory', '0');
    expect((await create('refused@example.com')).status).toBe(201);
  });
});
