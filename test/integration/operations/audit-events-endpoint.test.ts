import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  timedRequest,
  type TimedResponse,
} from '../../support/http-request.js';
import {
  startRealWebServer,
  type RunningWebServer,
} from '../../support/start-web-server.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface EventBody {
  id: string;
  time: string;
  actor: string;
  action: string;
  userId: string;
  userName: string;
  changed: string[];
}

interface EventsPage {
  events: EventBody[];
  next: string | null;
}

describe('GET /api/v1/events', () => {
  let testRedis: TestRedis;
  let ferry: RunningWebServer;
  const ids: string[] = [];

  beforeAll(async () => {
    testRedis = await openTestRedis();
    ferry = await startRealWebServer({ redisUrl: testRedis.url });
    // 5 users created, the first one then renamed and deactivated, the
    // second deleted: 9 events.
    for (let n = 1; n <= 5; n += 1) {
      const created = await send('/scim/v2/Users', 'POST', {
        schemas: [USER],
        userName: `user${n}@example.com`,
      });
      ids.push((created.json as { id: string }).id);
    }
    await send(`/scim/v2/Users/${ids[0]}`, 'PATCH', patchOf('title', 'Boss'));
    await send(`/scim/v2/Users/${ids[0]}`, 'PATCH', patchOf('active', false));
    await send(`/scim/v2/Users/${ids[0]}`, 'PATCH', patchOf('active', true));
    await send(`/scim/v2/Users/${ids[1]}`, 'DELETE');
  });

  afterAll(async () => {
    await ferry.close();
    await testRedis.close();
  });

  function send(path: string, method = 'GET', body?: unknown, token?: string) {
    return timedRequest(`${ferry.url}${path}`, {
      method,
      token: token ?? ferry.secrets['full-access'],
      ...(body === undefined ? {} : { body }),
    });
  }

  function patchOf(path: string, value: unknown) {
    return {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path, value }],
    };
  }

  async function page(query: string): Promise<EventsPage> {
    const response = await send(`/api/v1/events${query}`);
    expect(response.status).toBe(200);
    return response.json as EventsPage;
  }

  it('lists events newest first by default, each with its fields', async () => {
    const { events, next } = await page('');
    expect(next).toBeNull();
    expect(events.map((event) => [event.action, event.userName])).toEqual([
      ['deleted', 'user2@example.com'],
      ['reactivated', 'user1@example.com'],
      ['deactivated', 'user1@example.com'],
      ['updated', 'user1@example.com'],
      ['created', 'user5@example.com'],
      ['created', 'user4@example.com'],
      ['created', 'user3@example.com'],
      ['created', 'user2@example.com'],
      ['created', 'user1@example.com'],
    ]);
    expect(events[3]).toEqual({
      id: expect.stringMatching(/^\d+-\d+$/) as unknown,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      actor: 'token:test-full-access',
      action: 'updated',
      userId: ids[0],
      userName: 'user1@example.com',
      changed: ['title'],
    });
  });

  it('pages oldest first with the cursor in next, without gaps or repeats', async () => {
    const seen: string[] = [];
    let query = '?order=oldest&limit=4';
    const sizes: number[] = [];
    for (;;) {
      const { events, next } = await page(query);
      sizes.push(events.length);
      seen.push(...events.map((event) => event.id));
      if (next === null) break;
      query = `?after=${next}&limit=4`;
    }
    const all = (await page('?order=oldest')).events.map((event) => event.id);
    expect(seen).toEqual(all);
    expect(sizes).toEqual([4, 4, 1]);
  });

  it('narrows to one user and one action', async () => {
    const forUser = await page(`?userId=${ids[0]}`);
    expect(forUser.events.map((event) => event.action)).toEqual([
      'reactivated',
      'deactivated',
      'updated',
      'created',
    ]);
    const deactivations = await page('?action=deactivated');
    expect(deactivations.events.map((event) => event.userId)).toEqual([ids[0]]);
    const created = await page(`?action=created&userId=${ids[4]}`);
    expect(created.events).toHaveLength(1);
  });

  it('reads with a read-only token, and refuses a scim token and no token', async () => {
    const readOnly = await send(
      '/api/v1/events?limit=1',
      'GET',
      undefined,
      ferry.secrets['read-only'],
    );
    expect(readOnly.status).toBe(200);
    const scim = await send(
      '/api/v1/events',
      'GET',
      undefined,
      ferry.secrets.scim,
    );
    expect(scim.status).toBe(403);
    const anonymous = await timedRequest(`${ferry.url}/api/v1/events`);
    expect(anonymous.status).toBe(401);
  });

  it.each([
    ['limit=0', '"limit" must be a whole number from 1 to 1000.'],
    ['limit=1001', '"limit" must be a whole number from 1 to 1000.'],
    ['limit=ten', '"limit" must be a whole number from 1 to 1000.'],
    ['order=sideways', '"order" must be "newest" or "oldest".'],
    [
      'action=renamed',
      '"action" must be one of created, updated, deactivated, reactivated, ' +
        'deleted; got "renamed".',
    ],
    [
      'after=not-a-cursor',
      '"after" is not a cursor Ferry issued. Pass the "next" value of the ' +
        'previous page unchanged, or leave "after" out to start over.',
    ],
    ['limit=1&limit=2', '"limit" was given 2 times; give it once.'],
  ])('answers %s with 400 invalidValue', async (query, detail) => {
    const response = await send(`/api/v1/events?${query}`);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidValue',
      detail,
    });
  });

  it('refuses to turn a cursor round to the other order', async () => {
    const { next } = await page('?order=oldest&limit=2');
    const response: TimedResponse = await send(
      `/api/v1/events?after=${next}&order=newest`,
    );
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ scimType: 'invalidValue' });
  });
});
