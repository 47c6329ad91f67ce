import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ApiSurface } from '../../../src/http/api-surface.js';
import {
  startTestServer,
  type TestServer,
} from '../../support/start-test-server.js';

/** Stands in for the admin API, mounted the way it is meant to be. */
const ADMIN_SURFACE: ApiSurface = {
  name: 'admin',
  prefix: '/api/v1',
  middleware: [],
  routes: [
    {
      method: 'get',
      path: '/syncs',
      access: 'read',
      handler: (ctx) => {
        ctx.body = { syncs: [] };
      },
    },
    {
      method: 'post',
      path: '/syncs',
      access: 'write',
      handler: (ctx) => {
        ctx.status = 202;
        ctx.body = { received: ctx.request.body };
      },
    },
    {
      method: 'get',
      path: '/health',
      access: 'public',
      handler: (ctx) => {
        ctx.body = { status: 'ok' };
      },
    },
  ],
};

describe('an API surface mounted beside SCIM', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ extraRoutes: [ADMIN_SURFACE] });
  });
  afterAll(() => server.close());

  it('applies the token roles to the admin API', async () => {
    const { secrets } = server;
    const statuses = await Promise.all([
      server.request('/api/v1/syncs', { token: secrets['full-access'] }),
      server.request('/api/v1/syncs', { token: secrets['read-only'] }),
      server.request('/api/v1/syncs', { token: secrets.scim }),
      server.request('/api/v1/syncs', {
        method: 'POST',
        token: secrets['read-only'],
        body: {},
      }),
      server.request('/api/v1/syncs', {
        method: 'POST',
        token: secrets['full-access'],
        body: { trigger: 'manual' },
      }),
      server.request('/api/v1/syncs', { token: null }),
    ]);
    expect(statuses.map((response) => response.status)).toEqual([
      200, 200, 403, 403, 202, 401,
    ]);
    expect(statuses[4]?.json).toEqual({ received: { trigger: 'manual' } });
  });

  it('serves public routes without a token', async () => {
    const response = await server.request('/api/v1/health', { token: null });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok' });
  });

  it('answers unknown admin paths and methods as SCIM does', async () => {
    const missing = await server.request('/api/v1/nothing');
    const wrongMethod = await server.request('/api/v1/syncs', {
      method: 'DELETE',
    });
    expect(missing.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('HEAD, GET, POST');
  });

  it('leaves the SCIM API as it was', async () => {
    const response = await server.request('/scim/v2/Users');
    expect(response.status).toBe(200);
  });
});
