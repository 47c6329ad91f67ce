import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RedisUserRepository } from '../../../src/storage/redis-user-repository.js';
import {
  startTestServer,
  TEST_PUBLIC_URL,
  type TestServer,
} from '../../support/start-test-server.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const NOW = '2026-05-01T10:00:00.000Z';

interface UserBody {
  id: string;
  meta: { version: string; location: string };
  [key: string]: unknown;
}

describe('the /Users endpoint', () => {
  let server: TestServer;
  let repository: RedisUserRepository;

  beforeAll(async () => {
    server = await startTestServer({ clock: () => new Date(NOW) });
    repository = new RedisUserRepository({
      redis: server.testRedis.redis,
      keyPrefix: server.testRedis.keyPrefix,
    });
  });
  afterAll(() => server.close());

  async function createUser(userName: string): Promise<UserBody> {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: { schemas: [USER_SCHEMA], userName, password: 'not-kept' },
    });
    expect(response.status).toBe(201);
    return response.json as UserBody;
  }

  it('creates a user: 201, Location, ETag and the stored resource', async () => {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: {
        schemas: [USER_SCHEMA],
        userName: 'bjensen@example.com',
        name: { givenName: 'Barbara', familyName: 'Jensen' },
        password: 't1meMa$heen',
      },
    });
    const user = response.json as UserBody;
    const location = `${TEST_PUBLIC_URL}/scim/v2/Users/${user.id}`;
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(location);
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(user).toEqual({
      schemas: [USER_SCHEMA],
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      meta: {
        resourceType: 'User',
        created: NOW,
        lastModified: NOW,
        location,
        version: 'W/"1"',
      },
      userName: 'bjensen@example.com',
      name: { familyName: 'Jensen', givenName: 'Barbara' },
      active: true,
    });
  });

  it('answers 409 uniqueness when the userName is taken in another case', async () => {
    await createUser('taken@example.com');
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: { schemas: [USER_SCHEMA], userName: 'TAKEN@example.com' },
    });
    expect(response.status).toBe(409);
    expect(response.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '409',
      scimType: 'uniqueness',
      detail:
        'userName "TAKEN@example.com" is already taken by another user ' +
        '(userName is compared case-insensitively). Choose another ' +
        'userName, or update the existing user.',
    });
  });

  it('answers 400 for a body that is not a User', async () => {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: { userName: 'no-schemas@example.com' },
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ scimType: 'invalidSyntax' });
  });

  it('returns a user by id with its ETag, and 304 for a matching If-None-Match', async () => {
    const user = await createUser('etag@example.com');
    const path = `/scim/v2/Users/${user.id}`;

    const read = await server.request(path);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect(read.json).toEqual(user);

    const unchanged = await server.request(path, {
      headers: { 'If-None-Match': 'W/"1"' },
    });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.get('etag')).toBe('W/"1"');

    const changed = await server.request(path, {
      headers: { 'If-None-Match': 'W/"7"' },
    });
    expect(changed.status).toBe(200);
  });

  it('returns only the attributes asked for', async () => {
    const user = await createUser('projection@example.com');
    const only = await server.request(
      `/scim/v2/Users/${user.id}?attributes=userName`,
    );
    expect(only.json).toEqual({
      schemas: [USER_SCHEMA],
      id: user.id,
      userName: 'projection@example.com',
    });
    const without = await server.request(
      `/scim/v2/Users/${user.id}?excludedAttributes=meta,active`,
    );
    expect(without.json).toEqual({
      schemas: [USER_SCHEMA],
      id: user.id,
      userName: 'projection@example.com',
    });
  });

  it('answers GET /Users/.search with 405 and Allow: POST', async () => {
    const response = await server.request('/scim/v2/Users/.search');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.json).toMatchObject({
      schemas: [ERROR_SCHEMA],
      status: '405',
    });
  });

  it('answers 404 naming the id for an unknown user', async () => {
    const response = await server.request('/scim/v2/Users/no-such-id');
    expect(response.status).toBe(404);
    expect(response.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '404',
      detail:
        'No user has id "no-such-id". It may have been deleted; search by ' +
        'userName to find its current id.',
    });
  });

  it('refuses a write with 412 when If-None-Match names the user', async () => {
    const user = await createUser('none-match@example.com');
    const patch = (ifNoneMatch: string) =>
      server.request(`/scim/v2/Users/${user.id}`, {
        method: 'PATCH',
        body: {
          schemas: [PATCH_SCHEMA],
          Operations: [{ op: 'replace', path: 'title', value: ifNoneMatch }],
        },
        headers: { 'If-None-Match': ifNoneMatch },
      });
    expect((await patch('*')).status).toBe(412);
    expect((await patch('W/"1"')).status).toBe(412);
    expect((await repository.getById(user.id))?.version).toBe(1);
    expect((await patch('W/"7"')).status).toBe(200);
  });

  it('replaces a user with PUT, honouring If-Match', async () => {
    const user = await createUser('put@example.com');
    const path = `/scim/v2/Users/${user.id}`;
    const body = {
      schemas: [USER_SCHEMA],
      userName: 'put@example.com',
      displayName: 'Put Example',
    };

    const stale = await server.request(path, {
      method: 'PUT',
      body,
      headers: { 'If-Match': 'W/"9"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '412',
      detail:
        `User "${user.id}" is at version W/"1", not the one If-Match ` +
        'names. Read it again and retry with its current ETag.',
    });

    const matching = await server.request(path, {
      method: 'PUT',
      body,
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(matching.status).toBe(200);
    expect(matching.headers.get('etag')).toBe('W/"2"');
    expect(matching.json).toMatchObject({
      displayName: 'Put Example',
      meta: { version: 'W/"2"' },
    });

    const anyVersion = await server.request(path, {
      method: 'PUT',
      body: { ...body, displayName: 'Any Version' },
      headers: { 'If-Match': '*' },
    });
    expect(anyVersion.status).toBe(200);
    expect(anyVersion.headers.get('etag')).toBe('W/"3"');
  });

  it('modifies a user with PATCH and answers 200 with the user', async () => {
    const user = await createUser('patch@example.com');
    const path = `/scim/v2/Users/${user.id}`;
    const body = {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', path: 'title', value: 'Engineer' }],
    };

    const stale = await server.request(path, {
      method: 'PATCH',
      body,
      headers: { 'If-Match': 'W/"2"' },
    });
    expect(stale.status).toBe(412);

    const response = await server.request(path, { method: 'PATCH', body });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('W/"2"');
    expect(response.json).toMatchObject({
      id: user.id,
      title: 'Engineer',
      meta: { version: 'W/"2"' },
    });
  });

  it('makes no write for a PATCH or PUT that changes nothing', async () => {
    const user = await createUser('unchanged@example.com');
    const patch = await server.request(`/scim/v2/Users/${user.id}`, {
      method: 'PATCH',
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', value: { active: true } }],
      },
    });
    const put = await server.request(`/scim/v2/Users/${user.id}`, {
      method: 'PUT',
      body: { schemas: [USER_SCHEMA], userName: 'unchanged@example.com' },
    });
    expect([patch.status, put.status]).toEqual([200, 200]);
    expect(patch.headers.get('etag')).toBe('W/"1"');
    expect(put.headers.get('etag')).toBe('W/"1"');
    expect((await repository.getById(user.id))?.version).toBe(1);
  });

  it('answers 400 for a PATCH body that is not a PatchOp', async () => {
    const user = await createUser('bad-patch@example.com');
    const response = await server.request(`/scim/v2/Users/${user.id}`, {
      method: 'PATCH',
      body: { Operations: [] },
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ scimType: 'invalidSyntax' });
  });

  it('records the push time on every write and keeps the sync fields', async () => {
    const user = await createUser('provenance@example.com');
    const created = await repository.getById(user.id);
    expect(created?.provenance).toEqual({ lastPushAt: NOW });
    if (!created) return;

    await repository.replace(
      created,
      {
        resource: {
          schemas: [USER_SCHEMA],
          userName: 'provenance@example.com',
        },
        provenance: {
          lastSyncAt: '2026-04-01T00:00:00.000Z',
          oktaId: '00u1',
          oktaLastUpdated: '2026-03-31T00:00:00.000Z',
        },
      },
      { kind: 'sync', name: 'run-1' },
    );
    await server.request(`/scim/v2/Users/${user.id}`, {
      method: 'PATCH',
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', value: { active: false } }],
      },
    });
    const patched = await repository.getById(user.id);
    expect(patched?.provenance).toEqual({
      lastPushAt: NOW,
      lastSyncAt: '2026-04-01T00:00:00.000Z',
      oktaId: '00u1',
      oktaLastUpdated: '2026-03-31T00:00:00.000Z',
    });
  });

  it('deletes a user: 204, then 404 on read and on a second delete', async () => {
    const user = await createUser('delete@example.com');
    const path = `/scim/v2/Users/${user.id}`;

    const stale = await server.request(path, {
      method: 'DELETE',
      headers: { 'If-Match': 'W/"5"' },
    });
    expect(stale.status).toBe(412);

    const deleted = await server.request(path, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await server.request(path)).status).toBe(404);
    expect((await server.request(path, { method: 'DELETE' })).status).toBe(404);
  });
});
