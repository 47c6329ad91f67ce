import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startTestServer,
  TEST_PUBLIC_URL,
  type TestServer,
} from '../../support/start-test-server.js';

const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

interface User {
  id: string;
  userName: string;
  active: boolean;
  [key: string]: unknown;
}

interface ListResponse {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: User[];
}

/**
 * The calls Okta's SCIM 2.0 integration makes when a user is assigned to
 * the app, changed, unassigned and reassigned, and when it imports users,
 * replayed over HTTP with the bodies from Okta's SCIM 2.0 reference.
 */
describe('Okta assignment flow', () => {
  let server: TestServer;
  let createBody: Record<string, unknown>;

  beforeAll(async () => {
    server = await startTestServer();
    createBody = JSON.parse(
      await readFile(
        new URL(
          '../../fixtures/scim/okta-create-user-request.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as Record<string, unknown>;
  });
  afterAll(() => server.close());

  // Okta sends its own token as "Authorization: Bearer ..." and sends
  // bodies as application/json.
  const okta = (path: string, method = 'GET', body?: unknown) =>
    server.request(`/scim/v2${path}`, {
      method,
      body,
      headers: {
        'User-Agent': 'Okta SCIM Client 1.0.0',
        'Content-Type': 'application/json; charset=utf-8',
      },
    });

  async function existenceCheck(): Promise<ListResponse> {
    const filter = encodeURIComponent('userName eq "test.user@okta.local"');
    const response = await okta(
      `/Users?filter=${filter}&startIndex=1&count=100`,
    );
    expect(response.status).toBe(200);
    return response.json as ListResponse;
  }

  it('provisions, updates, deactivates and reactivates one user', async () => {
    expect(await existenceCheck()).toEqual({
      schemas: [LIST_SCHEMA],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });

    const created = await okta('/Users', 'POST', createBody);
    expect(created.status).toBe(201);
    const user = created.json as User;
    expect(created.headers.get('location')).toBe(
      `${TEST_PUBLIC_URL}/scim/v2/Users/${user.id}`,
    );
    expect(user).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
    });
    expect(user).not.toHaveProperty('password');
    expect(user).not.toHaveProperty('groups');

    const found = await existenceCheck();
    expect(found.totalResults).toBe(1);
    expect(found.Resources.map((resource) => resource.id)).toEqual([user.id]);

    const fetched = await okta(`/Users/${user.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.json).toEqual(user);

    const changed = { ...(fetched.json as User), displayName: 'Test Q. User' };
    const replaced = await okta(`/Users/${user.id}`, 'PUT', changed);
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({
      id: user.id,
      displayName: 'Test Q. User',
      meta: { version: 'W/"2"' },
    });

    const deactivated = await okta(`/Users/${user.id}`, 'PATCH', {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.json).toMatchObject({ id: user.id, active: false });

    const stillThere = await existenceCheck();
    expect(stillThere.totalResults).toBe(1);
    expect(stillThere.Resources[0]).toMatchObject({
      id: user.id,
      active: false,
    });

    const reactivated = await okta(`/Users/${user.id}`, 'PATCH', {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(reactivated.status).toBe(200);
    expect(reactivated.json).toMatchObject({
      id: user.id,
      active: true,
      displayName: 'Test Q. User',
      meta: { version: 'W/"4"' },
    });
  });

  it('imports 250 users in pages of 100, 100 and 50', async () => {
    const existing = (await okta('/Users?count=0')).json as ListResponse;
    const seeded = 250 - existing.totalResults;
    for (let n = 0; n < seeded; n += 1) {
      const response = await okta('/Users', 'POST', {
        ...createBody,
        userName: `import.${n}@okta.local`,
        externalId: `00uimport${n}`,
        emails: [
          { primary: true, value: `import.${n}@okta.local`, type: 'work' },
        ],
      });
      expect(response.status).toBe(201);
    }

    const pages: ListResponse[] = [];
    for (const startIndex of [1, 101, 201]) {
      const response = await okta(`/Users?startIndex=${startIndex}&count=100`);
      expect(response.status).toBe(200);
      pages.push(response.json as ListResponse);
    }
    expect(
      pages.map(({ totalResults, startIndex, itemsPerPage, Resources }) => ({
        totalResults,
        startIndex,
        itemsPerPage,
        returned: Resources.length,
      })),
    ).toEqual([
      { totalResults: 250, startIndex: 1, itemsPerPage: 100, returned: 100 },
      { totalResults: 250, startIndex: 101, itemsPerPage: 100, returned: 100 },
      { totalResults: 250, startIndex: 201, itemsPerPage: 50, returned: 50 },
    ]);
    const ids = pages.flatMap((page) => page.Resources.map((user) => user.id));
    expect(new Set(ids).size).toBe(250);
  });
});
