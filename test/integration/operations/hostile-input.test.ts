import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { userStoreKeys } from '../../../src/storage/redis-keys.js';
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
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let testRedis: TestRedis;
let ferry: RunningWebServer;
let userId: string;

beforeAll(async () => {
  testRedis = await openTestRedis();
  ferry = await startRealWebServer({ redisUrl: testRedis.url });
  const created = await send('/scim/v2/Users', {
    method: 'POST',
    body: { schemas: [USER], userName: 'target@example.com', title: 'kept' },
  });
  userId = (created.json as { id: string }).id;
});

afterAll(async () => {
  await ferry.close();
  await testRedis.close();
});

function send(
  path: string,
  init: Parameters<typeof timedRequest>[1] = {},
): Promise<TimedResponse> {
  return timedRequest(`${ferry.url}${path}`, {
    token: ferry.secrets['full-access'],
    ...init,
  });
}

function patch(operations: unknown): Promise<TimedResponse> {
  return send(`/scim/v2/Users/${userId}`, {
    method: 'PATCH',
    body: { schemas: [PATCH_OP], Operations: operations },
  });
}

function filtered(filter: string): Promise<TimedResponse> {
  return send(`/scim/v2/Users?filter=${encodeURIComponent(filter)}`);
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** What must not change: the user as served, and the store's counts. */
async function snapshot() {
  const keys = userStoreKeys(ferry.keyPrefix);
  const user = await send(`/scim/v2/Users/${userId}`);
  return {
    user: user.text,
    users: await testRedis.redis.zcard(keys.order),
    events: await testRedis.redis.xlen(keys.events),
  };
}

interface HostileCase {
  readonly name: string;
  readonly send: () => Promise<TimedResponse>;
  readonly status: number;
  readonly scimType?: string;
}

// prettier-ignore
const CASES: HostileCase[] = [
  { name: 'a body nested 33 levels deep', status: 400, scimType: 'invalidSyntax',
    send: () => send('/scim/v2/Users', { method: 'POST', body: `{"schemas":["${USER}"],"userName":"deep@example.com","x":${nested(32)}}` }) },
  { name: 'a 1 MB body of nested brackets', status: 400, scimType: 'invalidSyntax',
    send: () => send('/scim/v2/Users', { method: 'POST', body: nested(500_000) }) },
  { name: 'a PATCH value nested 40 levels deep', status: 400, scimType: 'invalidSyntax',
    send: () => send(`/scim/v2/Users/${userId}`, { method: 'PATCH', body: `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","path":"title","value":${nested(40)}}]}` }) },
  { name: 'a body larger than FERRY_MAX_BODY_BYTES', status: 413,
    send: () => send('/scim/v2/Users', { method: 'POST', body: { schemas: [USER], userName: 'a'.repeat(1_100_000) } }) },
  { name: 'a filter longer than 4096 characters', status: 400, scimType: 'invalidFilter',
    send: () => filtered(`userName eq "${'a'.repeat(5000)}"`) },
  { name: 'a filter nested 20 parentheses deep', status: 400, scimType: 'invalidFilter',
    send: () => filtered(`${'('.repeat(20)}userName eq "x"${')'.repeat(20)}`) },
  { name: 'a filter of 20 nested nots', status: 400, scimType: 'invalidFilter',
    send: () => filtered(`${'not ('.repeat(20)}userName eq "x"${')'.repeat(20)}`) },
  { name: 'a deeply nested filter in POST /.search', status: 400, scimType: 'invalidFilter',
    send: () => send('/scim/v2/Users/.search', { method: 'POST', body: { schemas: [SEARCH], filter: `${'('.repeat(20)}userName eq "x"${')'.repeat(20)}` } }) },
  { name: '1001 PATCH operations', status: 400, scimType: 'invalidValue',
    send: () => patch(Array.from({ length: 1001 }, (_, i) => ({ op: 'replace', path: 'title', value: `t${i}` }))) },
  { name: 'a PATCH path of __proto__', status: 400, scimType: 'invalidPath',
    send: () => patch([{ op: 'add', path: '__proto__', value: { polluted: true } }]) },
  { name: 'a PATCH path of name.__proto__', status: 400, scimType: 'invalidPath',
    send: () => patch([{ op: 'add', path: 'name.__proto__', value: { polluted: true } }]) },
  { name: 'a PATCH path of constructor.prototype', status: 400, scimType: 'invalidPath',
    send: () => patch([{ op: 'replace', path: 'constructor.prototype', value: { polluted: true } }]) },
  { name: 'a PATCH path of prototype', status: 400, scimType: 'invalidPath',
    send: () => patch([{ op: 'replace', path: 'prototype', value: { polluted: true } }]) },
  { name: 'a URN-qualified PATCH path ending in __proto__', status: 400, scimType: 'invalidPath',
    send: () => patch([{ op: 'add', path: `${USER}:__proto__`, value: { polluted: true } }]) },
  { name: 'a path-less PATCH value with a __proto__ member', status: 400, scimType: 'invalidSyntax',
    send: () => send(`/scim/v2/Users/${userId}`, { method: 'PATCH', body: `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","value":{"__proto__":{"polluted":true}}}]}` }) },
  { name: 'a POST body with a __proto__ member', status: 400, scimType: 'invalidSyntax',
    send: () => send('/scim/v2/Users', { method: 'POST', body: `{"schemas":["${USER}"],"userName":"proto@example.com","__proto__":{"polluted":true}}` }) },
  { name: 'a PUT body with a nested __proto__ member', status: 400, scimType: 'invalidSyntax',
    send: () => send(`/scim/v2/Users/${userId}`, { method: 'PUT', body: `{"schemas":["${USER}"],"userName":"target@example.com","name":{"__proto__":{"polluted":true}}}` }) },
  { name: 'a filter on __proto__', status: 400, scimType: 'invalidFilter',
    send: () => filtered('__proto__ eq "x"') },
  { name: 'a number as userName', status: 400, scimType: 'invalidValue',
    send: () => patch([{ op: 'replace', path: 'userName', value: 123 }]) },
  { name: 'a string as active', status: 400, scimType: 'invalidValue',
    send: () => patch([{ op: 'replace', path: 'active', value: 'maybe' }]) },
  { name: 'a string as emails', status: 400, scimType: 'invalidValue',
    send: () => patch([{ op: 'replace', path: 'emails', value: 'x' }]) },
  { name: 'an array as name', status: 400, scimType: 'invalidValue',
    send: () => send(`/scim/v2/Users/${userId}`, { method: 'PUT', body: { schemas: [USER], userName: 'target@example.com', name: [] } }) },
  { name: 'an unknown PATCH op', status: 400, scimType: 'invalidSyntax',
    send: () => patch([{ op: 'explode', path: 'title', value: 'x' }]) },
  { name: 'Operations that are not an array', status: 400, scimType: 'invalidSyntax',
    send: () => patch('everything') },
  { name: 'a body that is not JSON', status: 400, scimType: 'invalidSyntax',
    send: () => send('/scim/v2/Users', { method: 'POST', body: 'userName=x' }) },
  { name: 'a JSON string as the body', status: 400, scimType: 'invalidSyntax',
    send: () => send('/scim/v2/Users', { method: 'POST', body: '"hello"' }) },
  { name: 'a body without schemas', status: 400, scimType: 'invalidSyntax',
    send: () => send('/scim/v2/Users', { method: 'POST', body: { userName: 'noschema@example.com' } }) },
  { name: 'a text/plain body', status: 415,
    send: () => send('/scim/v2/Users', { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain' } }) },
  { name: '20 KB of request headers', status: 431,
    send: () => send('/scim/v2/Users', { headers: { 'X-Padding': 'a'.repeat(20_000) } }) },
];

describe('hostile and malformed requests', () => {
  it.each(CASES)(
    'answers $name with $status $scimType and changes nothing',
    async (hostile) => {
      const before = await snapshot();
      const response = await hostile.send();
      expect(response.status).toBe(hostile.status);
      expect(response.json).toEqual({
        schemas: [ERROR],
        status: String(hostile.status),
        ...(hostile.scimType ? { scimType: hostile.scimType } : {}),
        detail: expect.any(String) as unknown,
      });
      expect(await snapshot()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );

  it('ignores a path-less PATCH member named constructor, like any unknown attribute, and reaches no prototype', async () => {
    const before = await snapshot();
    const response = await patch([
      { op: 'add', value: { constructor: { prototype: { polluted: true } } } },
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBe('W/"1"');
    expect(await snapshot()).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keeps serving after every hostile request', async () => {
    const response = await send(`/scim/v2/Users/${userId}`);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      userName: 'target@example.com',
      title: 'kept',
      meta: { version: 'W/"1"' },
    });
  });
});
