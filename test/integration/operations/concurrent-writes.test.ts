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
const WRITES = 100;

interface AuditEventBody {
  id: string;
  time: string;
  actor: string;
  action: string;
  userId: string;
  changed: string[];
}

describe('100 concurrent conflicting writes to one user', () => {
  let testRedis: TestRedis;
  let ferry: RunningWebServer;
  let userId: string;
  let responses: { value: string; response: TimedResponse }[];

  beforeAll(async () => {
    testRedis = await openTestRedis();
    ferry = await startRealWebServer({ redisUrl: testRedis.url });
    const created = await send(`/scim/v2/Users`, 'POST', {
      schemas: [USER],
      userName: 'contested@example.com',
      title: 'initial',
      displayName: 'initial',
    });
    userId = (created.json as { id: string }).id;

    // Even writers replace the whole user, odd ones patch it; every write
    // sets title and displayName to a value of its own.
    responses = await Promise.all(
      Array.from({ length: WRITES }, async (_, writer) => {
        const value = `${writer % 2 === 0 ? 'put' : 'patch'}-${writer}`;
        const response =
          writer % 2 === 0
            ? await send(`/scim/v2/Users/${userId}`, 'PUT', {
                schemas: [USER],
                userName: 'contested@example.com',
                title: value,
                displayName: value,
              })
            : await send(`/scim/v2/Users/${userId}`, 'PATCH', {
                schemas: [PATCH_OP],
                Operations: [
                  { op: 'replace', path: 'title', value },
                  { op: 'replace', path: 'displayName', value },
                ],
              });
        return { value, response };
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await ferry.close();
    await testRedis.close();
  });

  function send(path: string, method: string, body?: unknown) {
    return timedRequest(`${ferry.url}${path}`, {
      method,
      token: ferry.secrets['full-access'],
      ...(body === undefined ? {} : { body }),
    });
  }

  function succeeded() {
    return responses.filter(({ response }) => response.status === 200);
  }

  it('applies every write: without If-Match a write is replanned, never 412', () => {
    expect(responses.map(({ response }) => response.status)).toEqual(
      Array.from({ length: WRITES }, () => 200),
    );
  });

  it('gives each successful write its own version, 2 up to 1 + their number', () => {
    const versions = succeeded()
      .map(({ response }) => response.headers.get('ETag'))
      .sort((a, b) => versionNumber(a) - versionNumber(b));
    expect(versions).toEqual(succeeded().map((_, index) => `W/"${index + 2}"`));
  });

  it('ends in the state one of the writes asked for: the one with the last version', async () => {
    const final = await send(`/scim/v2/Users/${userId}`, 'GET');
    const last = succeeded().find(
      ({ response }) =>
        response.headers.get('ETag') === `W/"${succeeded().length + 1}"`,
    );
    expect(final.json).toMatchObject({
      title: last?.value,
      displayName: last?.value,
      meta: { version: `W/"${succeeded().length + 1}"` },
    });
  });

  it('tells the same story in the audit trail: one event per version, in order', async () => {
    const page = await send(
      `/api/v1/events?userId=${userId}&order=oldest&limit=1000`,
      'GET',
    );
    const events = (page.json as { events: AuditEventBody[] }).events;
    expect(events.map((event) => event.action)).toEqual([
      'created',
      ...succeeded().map(() => 'updated'),
    ]);
    for (const event of events.slice(1)) {
      expect(event.changed).toEqual(['displayName', 'title']);
      expect(event.actor).toBe('token:test-full-access');
    }
    // The event for version n carries that write's time: meta.lastModified.
    for (const { response } of succeeded()) {
      const body = response.json as { meta: { lastModified: string } };
      const version = versionNumber(response.headers.get('ETag'));
      expect(events[version - 1]?.time).toBe(body.meta.lastModified);
    }
  });
});

function versionNumber(etag: string | null): number {
  return Number(/^W\/"(\d+)"$/.exec(etag ?? '')?.[1]);
}
