import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startTestServer,
  TEST_PUBLIC_URL,
  type TestServer,
} from '../../support/start-test-server.js';

const BASE = `${TEST_PUBLIC_URL}/scim/v2`;
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE_SCHEMA =
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface SchemaBody {
  id: string;
  attributes: { name: string; [key: string]: unknown }[];
}

describe('SCIM discovery endpoints', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      environment: { FERRY_MAX_PAGE_SIZE: '150' },
    });
  });
  afterAll(() => server.close());

  it('describes exactly what Ferry supports in ServiceProviderConfig', async () => {
    const response = await server.request('/scim/v2/ServiceProviderConfig');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 150 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description:
            'A token made with "ferry tokens create", sent as ' +
            '"Authorization: Bearer <token>".',
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
      ],
      meta: {
        resourceType: 'ServiceProviderConfig',
        location: `${BASE}/ServiceProviderConfig`,
      },
    });
  });

  it('lists the User resource type and serves it by id', async () => {
    const userType = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: {
        resourceType: 'ResourceType',
        location: `${BASE}/ResourceTypes/User`,
      },
    };
    const list = await server.request('/scim/v2/ResourceTypes');
    expect(list.json).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [userType],
    });
    const single = await server.request('/scim/v2/ResourceTypes/User');
    expect(single.json).toEqual(userType);
    const group = await server.request('/scim/v2/ResourceTypes/Group');
    expect(group.status).toBe(404);
  });

  it('lists the core and enterprise User schemas', async () => {
    const response = await server.request('/scim/v2/Schemas');
    const body = response.json as {
      totalResults: number;
      Resources: SchemaBody[];
    };
    expect(body.totalResults).toBe(2);
    expect(body.Resources.map((schema) => schema.id)).toEqual([
      USER_SCHEMA,
      ENTERPRISE_SCHEMA,
    ]);
  });

  it('serves one schema by its URN, with RFC 7643 §7 attribute fields', async () => {
    const response = await server.request(`/scim/v2/Schemas/${USER_SCHEMA}`);
    expect(response.status).toBe(200);
    const schema = response.json as SchemaBody;
    expect(schema).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: USER_SCHEMA,
      name: 'User',
      meta: {
        resourceType: 'Schema',
        location: `${BASE}/Schemas/${USER_SCHEMA}`,
      },
    });
    expect(schema.attributes.find((a) => a.name === 'userName')).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      description: 'Unique identifier, matched case-insensitively.',
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'always',
      uniqueness: 'server',
    });
    expect(schema.attributes.find((a) => a.name === 'password')).toMatchObject({
      mutability: 'writeOnly',
      returned: 'never',
    });
  });

  it('answers 404 for a schema Ferry does not serve', async () => {
    const response = await server.request(
      '/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group',
    );
    expect(response.status).toBe(404);
    expect(response.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '404',
      detail:
        'No schema has id "urn:ietf:params:scim:schemas:core:2.0:Group". ' +
        `Ferry serves ${USER_SCHEMA} and ${ENTERPRISE_SCHEMA}.`,
    });
  });

  it('answers 403 to a filter on a discovery endpoint (RFC 7644 §4)', async () => {
    for (const path of [
      '/ServiceProviderConfig',
      '/Schemas',
      '/ResourceTypes',
    ]) {
      const response = await server.request(
        `/scim/v2${path}?filter=${encodeURIComponent('id eq "Group"')}`,
      );
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({
        schemas: [ERROR_SCHEMA],
        status: '403',
      });
    }
  });

  it('answers 405 with Allow to writes on discovery endpoints', async () => {
    for (const path of [
      '/ServiceProviderConfig',
      '/Schemas',
      '/ResourceTypes',
    ]) {
      const response = await server.request(`/scim/v2${path}`, {
        method: 'POST',
        body: {},
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('HEAD, GET');
      expect(response.json).toEqual({
        schemas: [ERROR_SCHEMA],
        status: '405',
        detail: `POST is not allowed on /scim/v2${path}; use HEAD, GET.`,
      });
    }
  });

  it('answers 405 with Allow to a method /Users does not take', async () => {
    const response = await server.request('/scim/v2/Users', {
      method: 'PUT',
      body: {},
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('HEAD, GET, POST');
  });

  it('answers 404 as a SCIM error for unknown paths under /scim/v2', async () => {
    const response = await server.request('/scim/v2/Groups');
    expect(response.status).toBe(404);
    expect(response.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '404',
      detail:
        'Ferry has no endpoint at /scim/v2/Groups. Check that the base URL ' +
        'ends with /scim/v2 and the path is spelled as documented.',
    });
  });
});
