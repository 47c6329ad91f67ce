import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  generateTokenSecret,
  hashTokenSecret,
} from '../../../src/auth/token-secret.js';
import {
  startTestServer,
  type TestServer,
} from '../../support/start-test-server.js';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const UNAUTHORIZED = {
  schemas: [ERROR_SCHEMA],
  status: '401',
  detail:
    'Send a valid token as "Authorization: Bearer <token>". Tokens are made ' +
    'with "ferry tokens create".',
};
const NEW_USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'auth.test@example.com',
};

describe('bearer token authentication', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ tokenCacheTtlMs: 200 });
  });
  afterAll(() => server.close());

  it('answers 401 with a SCIM error and a Bearer challenge without a token', async () => {
    const response = await server.request('/scim/v2/Users', { token: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="ferry"',
    );
    expect(response.headers.get('content-type')).toBe(
      'application/scim+json; charset=utf-8',
    );
    expect(response.json).toEqual(UNAUTHORIZED);
  });

  it('answers the same 401 for an unknown token and a malformed header', async () => {
    const unknown = await server.request('/scim/v2/Users', {
      token: generateTokenSecret(),
    });
    const basic = await server.request('/scim/v2/Users', {
      token: null,
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    });
    for (const response of [unknown, basic]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer realm="ferry"',
      );
      expect(response.json).toEqual(UNAUTHORIZED);
    }
  });

  it('asks for a token on unknown paths under /scim/v2 too', async () => {
    const response = await server.request('/scim/v2/Groups', { token: null });
    expect(response.status).toBe(401);
  });

  it('accepts the scheme name in any case', async () => {
    const response = await server.request('/scim/v2/Users', {
      token: null,
      headers: { Authorization: `bEaReR ${server.secrets.scim}` },
    });
    expect(response.status).toBe(200);
  });

  it('lets a read-only token read, with GET and with POST /.search', async () => {
    const token = server.secrets['read-only'];
    const list = await server.request('/scim/v2/Users', { token });
    const search = await server.request('/scim/v2/Users/.search', {
      method: 'POST',
      token,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      },
    });
    const config = await server.request('/scim/v2/ServiceProviderConfig', {
      token,
    });
    expect([list.status, search.status, config.status]).toEqual([
      200, 200, 200,
    ]);
  });

  it('answers 403 when a read-only token writes', async () => {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      token: server.secrets['read-only'],
      body: NEW_USER,
    });
    expect(response.status).toBe(403);
    expect(response.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '403',
      detail:
        'Token "test-read-only" has the role read-only, which may not ' +
        'write to the SCIM API. Use a token whose role allows it.',
    });
    const list = await server.request('/scim/v2/Users');
    expect(list.json).toMatchObject({ totalResults: 0 });
  });

  it('lets scim and full-access tokens write to the SCIM API', async () => {
    const scim = await server.request('/scim/v2/Users', {
      method: 'POST',
      token: server.secrets.scim,
      body: NEW_USER,
    });
    const fullAccess = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: { ...NEW_USER, userName: 'auth.test.2@example.com' },
    });
    expect([scim.status, fullAccess.status]).toEqual([201, 201]);
  });

  it('stops accepting a revoked token once the cache time has passed', async () => {
    const secret = generateTokenSecret();
    await server.tokenStore.create({
      name: 'short-lived',
      role: 'scim',
      secretHash: hashTokenSecret(secret),
      createdAt: new Date(),
    });
    const before = await server.request('/scim/v2/Users', { token: secret });
    expect(before.status).toBe(200);

    await server.tokenStore.revoke('short-lived');
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = await server.request('/scim/v2/Users', { token: secret });
    expect(after.status).toBe(401);
  });

  it('records when a token was last used', async () => {
    await server.request('/scim/v2/Users', { token: server.secrets.scim });
    const tokens = await server.tokenStore.list();
    const scim = tokens.find((token) => token.name === 'test-scim');
    expect(scim?.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
