import { describe, expect, it } from 'vitest';

import {
  scimOperationOf,
  scimOutcomeOf,
} from '../../../src/metrics/scim-operation.js';

describe('scimOperationOf', () => {
  it.each([
    ['POST', '/scim/v2/Users', 'create'],
    ['PUT', '/scim/v2/Users/:id', 'replace'],
    ['PATCH', '/scim/v2/Users/:id', 'modify'],
    ['DELETE', '/scim/v2/Users/:id', 'delete'],
    ['GET', '/scim/v2/Users/:id', 'get'],
    ['GET', '/scim/v2/Users', 'list'],
    ['POST', '/scim/v2/Users/.search', 'list'],
  ])('names %s %s a %s', (method, route, operation) => {
    expect(scimOperationOf(method, route)).toBe(operation);
  });

  it('names no operation for other routes or none', () => {
    expect(scimOperationOf('GET', '/scim/v2/Schemas')).toBeUndefined();
    expect(scimOperationOf('GET', '/api/v1/events')).toBeUndefined();
    expect(scimOperationOf('POST', undefined)).toBeUndefined();
  });
});

describe('scimOutcomeOf', () => {
  it('splits statuses into success, client_error and server_error', () => {
    expect([200, 201, 204, 304].map(scimOutcomeOf)).toEqual([
      'success',
      'success',
      'success',
      'success',
    ]);
    expect([400, 404, 409, 412, 429].map(scimOutcomeOf)).toEqual(
      Array(5).fill('client_error'),
    );
    expect([500, 503].map(scimOutcomeOf)).toEqual([
      'server_error',
      'server_error',
    ]);
  });
});
