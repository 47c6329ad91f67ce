import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';

import {
  timedRequest,
  type TimedResponse,
} from '../../support/http-request.js';
import {
  startRealWebServer,
  type RunningWebServer,
} from '../../support/start-web-server.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let testRedis: TestRedis;
const running: RunningWebServer[] = [];

beforeAll(async () => {
  testRedis = await openTestRedis();
});
afterEach(async () => {
  // The second process shares the first one's keys; the first deletes them.
  const [first, ...others] = running.splice(0);
  for (const other of others) await other.web.close();
  await first?.close();
});
afterAll(() => testRedis.close());

async function twoProcesses(environment: Record<string, string>) {
  const first = await startRealWebServer({
    redisUrl: testRedis.url,
    environment,
  });
  const second = await startRealWebServer({
    redisUrl: testRedis.url,
    environment,
    sharing: first,
  });
  running.push(first, second);
  return [first, second] as const;
}

function listUsers(
  server: RunningWebServer,
  token: string,
  headers: Record<string, string> = {},
): Promise<TimedResponse> {
  return timedRequest(`${server.url}/scim/v2/Users?count=1`, {
    token,
    headers,
  });
}

function expect429(response: TimedResponse, maxSeconds: number): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(response.json).toEqual({
    schemas: [ERROR],
    status: '429',
    detail: expect.stringContaining(`Retry in ${retryAfter} s.`) as unknown,
  });
}

describe('the request budget per token', () => {
  it('is shared by every web process and answered 429 with Retry-After once spent', async () => {
    const [a, b] = await twoProcesses({
      FERRY_RATE_LIMIT_REQUESTS: '10',
      FERRY_RATE_LIMIT_WINDOW_SECONDS: '60',
    });
    const token = a.secrets['full-access'];
    for (let n = 0; n < 10; n += 1) {
      const response = await listUsers(n % 2 === 0 ? a : b, token);
      expect(response.status).toBe(200);
    }
    expect429(await listUsers(a, token), 60);
    expect429(await listUsers(b, token), 60);
    // Each token has its own budget.
    expect((await listUsers(b, a.secrets['read-only'])).status).toBe(200);
  });
});

describe('failed authentications per client address', () => {
  it('blocks an address after the limit, on every process, valid token or not', async () => {
    const [a, b] = await twoProcesses({
      FERRY_AUTH_FAILURE_LIMIT: '3',
      FERRY_AUTH_FAILURE_WINDOW_SECONDS: '60',
    });
    for (let n = 0; n < 3; n += 1) {
      expect((await listUsers(n === 1 ? b : a, 'wrong')).status).toBe(401);
    }
    expect429(await listUsers(a, 'wrong'), 60);
    expect429(await listUsers(a, a.secrets['full-access']), 60);
    // The other process learns of the block at the address's next failure.
    expect429(await listUsers(b, 'wrong'), 60);
    expect429(await listUsers(b, a.secrets['full-access']), 60);
  });

  it('counts the address a trusted proxy reports, one client apart from another', async () => {
    const [a] = await twoProcesses({
      FERRY_AUTH_FAILURE_LIMIT: '2',
      FERRY_TRUST_PROXY: 'true',
    });
    const attacker = { 'X-Forwarded-For': '203.0.113.7' };
    const okta = { 'X-Forwarded-For': '198.51.100.20' };
    for (let n = 0; n < 2; n += 1) {
      expect((await listUsers(a, 'wrong', attacker)).status).toBe(401);
    }
    expect429(await listUsers(a, 'wrong', attacker), 300);
    const token = a.secrets['full-access'];
    expect((await listUsers(a, token, okta)).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless told to trust a proxy', async () => {
    const [a] = await twoProcesses({ FERRY_AUTH_FAILURE_LIMIT: '2' });
    expect(
      (await listUsers(a, 'wrong', { 'X-Forwarded-For': '1.1.1.1' })).status,
    ).toBe(401);
    expect(
      (await listUsers(a, 'wrong', { 'X-Forwarded-For': '2.2.2.2' })).status,
    ).toBe(401);
    expect429(
      await listUsers(a, 'wrong', { 'X-Forwarded-For': '3.3.3.3' }),
      300,
    );
  });
});
