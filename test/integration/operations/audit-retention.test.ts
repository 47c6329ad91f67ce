import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { userStoreKeys } from '../../../src/storage/redis-keys.js';
import { timedRequest } from '../../support/http-request.js';
import {
  startRealWebServer,
  type RunningWebServer,
} from '../../support/start-web-server.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('audit trail retention in the web process', () => {
  let testRedis: TestRedis;
  let ferry: RunningWebServer;

  beforeAll(async () => {
    testRedis = await openTestRedis();
    ferry = await startRealWebServer({
      redisUrl: testRedis.url,
      environment: { FERRY_EVENTS_MAX_COUNT: '1000' },
    });
  });
  afterAll(async () => {
    await ferry.close();
    await testRedis.close();
  });

  it('keeps about FERRY_EVENTS_MAX_COUNT events, dropping the oldest', async () => {
    const token = ferry.secrets['full-access'];
    for (let batch = 0; batch < 13; batch += 1) {
      await Promise.all(
        Array.from({ length: 100 }, (_, n) =>
          timedRequest(`${ferry.url}/scim/v2/Users`, {
            method: 'POST',
            token,
            body: { schemas: [USER], userName: `u${batch * 100 + n}@x.com` },
          }),
        ),
      );
    }
    const events = userStoreKeys(ferry.keyPrefix).events;
    // XADD MAXLEN ~ trims whole stream nodes (100 entries each by default).
    const length = await testRedis.redis.xlen(events);
    expect(length).toBeGreaterThanOrEqual(1000);
    expect(length).toBeLessThan(1100);
    expect(
      await testRedis.redis.zcard(userStoreKeys(ferry.keyPrefix).order),
    ).toBe(1300);
  });
});
