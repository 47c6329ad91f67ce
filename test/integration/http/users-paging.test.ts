import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RedisUserRepository } from '../../../src/storage/redis-user-repository.js';
import {
  startTestServer,
  type TestServer,
} from '../../support/start-test-server.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const USER_COUNT = 25;

interface ListBody {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: { userName: string }[];
}

function userName(n: number): string {
  return `user-${String(n).padStart(2, '0')}@example.com`;
}

describe('paging and filtering /Users', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      // The default page is min(100, max) = 10.
      environment: { FERRY_MAX_PAGE_SIZE: '10' },
    });
    const repository = new RedisUserRepository({
      redis: server.testRedis.redis,
      keyPrefix: server.testRedis.keyPrefix,
    });
    for (let n = 1; n <= USER_COUNT; n += 1) {
      await repository.create(
        {
          resource: {
            schemas: [USER_SCHEMA],
            userName: userName(n),
            active: true,
          },
          provenance: {},
        },
        { kind: 'token', name: 'seed' },
      );
    }
  });
  afterAll(() => server.close());

  async function list(query: string): Promise<ListBody> {
    const response = await server.request(`/scim/v2/Users${query}`);
    expect(response.status).toBe(200);
    return response.json as ListBody;
  }

  function page(body: ListBody) {
    return {
      totalResults: body.totalResults,
      startIndex: body.startIndex,
      itemsPerPage: body.itemsPerPage,
      userNames: body.Resources.map((user) => user.userName),
    };
  }

  it('returns the default page size when count is absent', async () => {
    const body = await list('');
    expect(body.schemas).toEqual([LIST_SCHEMA]);
    expect(page(body)).toEqual({
      totalResults: 25,
      startIndex: 1,
      itemsPerPage: 10,
      userNames: Array.from({ length: 10 }, (_, i) => userName(i + 1)),
    });
  });

  it('reads startIndex 0 as 1', async () => {
    const body = await list('?startIndex=0&count=2');
    expect(page(body)).toEqual({
      totalResults: 25,
      startIndex: 1,
      itemsPerPage: 2,
      userNames: [userName(1), userName(2)],
    });
  });

  it('returns only the total for count 0, and for a negative count', async () => {
    for (const count of ['0', '-3']) {
      const body = await list(`?count=${count}`);
      expect(page(body)).toEqual({
        totalResults: 25,
        startIndex: 1,
        itemsPerPage: 0,
        userNames: [],
      });
    }
  });

  it('caps count at FERRY_MAX_PAGE_SIZE', async () => {
    const body = await list('?count=50');
    expect(body.itemsPerPage).toBe(10);
    expect(body.Resources).toHaveLength(10);
  });

  it('returns the short last page and an empty page past the end', async () => {
    expect(page(await list('?startIndex=21&count=10'))).toEqual({
      totalResults: 25,
      startIndex: 21,
      itemsPerPage: 5,
      userNames: [21, 22, 23, 24, 25].map(userName),
    });
    expect(page(await list('?startIndex=26&count=10'))).toEqual({
      totalResults: 25,
      startIndex: 26,
      itemsPerPage: 0,
      userNames: [],
    });
  });

  it('answers 400 invalidValue for a count that is not a whole number', async () => {
    const response = await server.request('/scim/v2/Users?count=ten');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidValue',
      detail: 'count must be a whole number, such as count=1; got "ten".',
    });
  });

  it('filters by userName, case-insensitively', async () => {
    const filter = encodeURIComponent('userName eq "USER-07@example.com"');
    expect(page(await list(`?filter=${filter}`))).toEqual({
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      userNames: [userName(7)],
    });
  });

  it('answers 400 invalidFilter for a filter it cannot parse', async () => {
    const filter = encodeURIComponent('userName eq');
    const response = await server.request(`/scim/v2/Users?filter=${filter}`);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ scimType: 'invalidFilter' });
  });

  it('answers the same query sent to POST /Users/.search', async () => {
    const response = await server.request('/scim/v2/Users/.search', {
      method: 'POST',
      body: {
        schemas: [SEARCH_SCHEMA],
        filter: 'userName sw "user-1"',
        startIndex: 2,
        count: 3,
        attributes: ['userName'],
      },
    });
    expect(response.status).toBe(200);
    const body = response.json as ListBody;
    expect(page(body)).toEqual({
      totalResults: 10,
      startIndex: 2,
      itemsPerPage: 3,
      userNames: [11, 12, 13].map(userName),
    });
    expect(Object.keys(body.Resources[0] ?? {})).toEqual([
      'schemas',
      'id',
      'userName',
    ]);
  });

  it('answers 400 for a search body naming another message schema', async () => {
    const response = await server.request('/scim/v2/Users/.search', {
      method: 'POST',
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] },
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ scimType: 'invalidSyntax' });
  });
});
