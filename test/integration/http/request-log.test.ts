import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startTestServer,
  type TestServer,
} from '../../support/start-test-server.js';

describe('request ids and the request log', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  function linesFor(requestId: string) {
    return server.logLines.filter((line) => line.requestId === requestId);
  }

  it('reuses a sane X-Request-Id and echoes it', async () => {
    const response = await server.request('/scim/v2/Users', {
      headers: { 'X-Request-Id': 'okta-req:42' },
    });
    expect(response.headers.get('x-request-id')).toBe('okta-req:42');
  });

  it('replaces an X-Request-Id that could forge log lines', async () => {
    const response = await server.request('/scim/v2/Users', {
      headers: { 'X-Request-Id': 'a b\tc' },
    });
    expect(response.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('writes one line per request with the route pattern, never the query', async () => {
    const filter = encodeURIComponent(
      'userName eq "private.person@example.com"',
    );
    await server.request(`/scim/v2/Users?filter=${filter}`, {
      headers: { 'X-Request-Id': 'log-list' },
    });
    const lines = linesFor('log-list');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      requestId: 'log-list',
      method: 'GET',
      route: '/scim/v2/Users',
      status: 200,
      tokenName: 'test-full-access',
    });
    expect(lines[0]?.durationMs).toEqual(expect.any(Number));
  });

  it('logs the matched pattern, not the id, and never bodies or secrets', async () => {
    await server.request('/scim/v2/Users/some-user-id', {
      method: 'PUT',
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'private.person@example.com',
      },
      headers: { 'X-Request-Id': 'log-put' },
    });
    const [line] = linesFor('log-put');
    expect(line).toMatchObject({ route: '/scim/v2/Users/:id', status: 404 });

    const everything = JSON.stringify(server.logLines);
    expect(everything).not.toContain('private.person');
    expect(everything).not.toContain('some-user-id');
    for (const secret of Object.values(server.secrets)) {
      expect(everything).not.toContain(secret);
    }
  });

  it('logs a failed authentication with its route and no token name', async () => {
    await server.request('/scim/v2/Users', {
      token: 'ferry_wrong',
      headers: { 'X-Request-Id': 'log-401' },
    });
    expect(linesFor('log-401')).toEqual([
      expect.objectContaining({
        route: '/scim/v2/Users',
        status: 401,
        tokenName: null,
      }),
    ]);
  });
});
