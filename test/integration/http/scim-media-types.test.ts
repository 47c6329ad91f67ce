import { request as httpRequest } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startTestServer,
  type TestServer,
} from '../../support/start-test-server.js';

const SCIM_JSON = 'application/scim+json; charset=utf-8';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

function userBody(userName: string): string {
  return JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
  });
}

describe('SCIM request and response media types', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      environment: { FERRY_MAX_BODY_BYTES: '2048' },
    });
  });
  afterAll(() => server.close());

  it.each([
    ['application/scim+json', 'scim@example.com'],
    ['application/scim+json; charset=utf-8', 'scim-charset@example.com'],
    ['application/json', 'json@example.com'],
    ['application/json;charset=UTF-8', 'json-charset@example.com'],
  ])('accepts a body sent as %s', async (contentType, userName) => {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: userBody(userName),
      headers: { 'Content-Type': contentType },
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ userName });
  });

  it('reads a body sent without a Content-Type as JSON', async () => {
    const response = await fetch(`${server.baseUrl}/scim/v2/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.secrets['full-access']}` },
      // A Uint8Array body makes fetch send no Content-Type at all.
      body: new TextEncoder().encode(userBody('untyped@example.com')),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      userName: 'untyped@example.com',
    });
  });

  it.each([
    ['weird', 415, undefined],
    ['gzip', 400, 'could not be decompressed'],
    ['br', 400, 'could not be decompressed'],
  ])(
    'answers a body whose Content-Encoding is %s and wrong with %i',
    async (encoding, status, detail) => {
      const response = await server.request('/scim/v2/Users', {
        method: 'POST',
        body: userBody(`encoded-${encoding}@example.com`),
        headers: { 'Content-Encoding': encoding },
      });
      expect(response.status).toBe(status);
      expect(response.json).toMatchObject({
        schemas: [ERROR_SCHEMA],
        status: String(status),
      });
      if (detail) {
        expect((response.json as { detail: string }).detail).toContain(detail);
      }
    },
  );

  it('answers 415 for a charset other than UTF-8', async () => {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: userBody('latin@example.com'),
      headers: { 'Content-Type': 'application/scim+json; charset=iso-8859-1' },
    });
    expect(response.status).toBe(415);
    expect((response.json as { detail: string }).detail).toBe(
      'Ferry reads request bodies as UTF-8, not iso-8859-1. Send the body ' +
        'in UTF-8, with charset=utf-8 or no charset.',
    );
  });

  it('answers 400 invalidSyntax for a body that is not valid UTF-8', async () => {
    const text = userBody('ren\u00e9@example.com');
    const latin1 = Uint8Array.from(text, (character) =>
      character.charCodeAt(0),
    );
    const response = await fetch(`${server.baseUrl}/scim/v2/Users`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${server.secrets['full-access']}`,
        'Content-Type': 'application/scim+json',
      },
      body: latin1,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      status: '400',
      scimType: 'invalidSyntax',
      detail:
        'The request body is not valid UTF-8. Send JSON encoded as UTF-8.',
    });
  });

  it('answers 415 for a body of another media type', async () => {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: userBody('plain@example.com'),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe(SCIM_JSON);
    expect(response.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '415',
      detail:
        'Ferry reads request bodies as application/scim+json or ' +
        'application/json, not text/plain. Send the body as JSON with one ' +
        'of those Content-Types.',
    });
  });

  it('answers 400 invalidSyntax with the parser position for malformed JSON', async () => {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: '{"schemas": ["x"], userName: "a"}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(SCIM_JSON);
    expect(response.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '400',
      scimType: 'invalidSyntax',
      // Newer Node versions append the line and column to the position.
      detail: expect.stringMatching(
        /^The request body is not valid JSON: Expected double-quoted property name in JSON at position 19\b.*\. Send a JSON object\.$/,
      ) as string,
    });
  });

  it('answers 400 invalidSyntax for a JSON value that is not an object', async () => {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: '"just a string"',
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ scimType: 'invalidSyntax' });
  });

  it('answers 413 for a body over FERRY_MAX_BODY_BYTES', async () => {
    const response = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: userBody(`${'x'.repeat(2100)}@example.com`),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe(SCIM_JSON);
    expect(response.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '413',
      detail:
        'The request body is larger than the 2048 bytes Ferry accepts ' +
        '(FERRY_MAX_BODY_BYTES). Send a smaller body.',
    });
  });

  it('labels every response with a body application/scim+json', async () => {
    const created = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: userBody('labelled@example.com'),
    });
    const id = (created.json as { id: string }).id;
    const responses = await Promise.all([
      server.request('/scim/v2/Users'),
      server.request(`/scim/v2/Users/${id}`),
      server.request('/scim/v2/Users/.search', { method: 'POST', body: {} }),
      server.request('/scim/v2/ServiceProviderConfig'),
      server.request('/scim/v2/Schemas'),
      server.request('/scim/v2/ResourceTypes/User'),
      server.request('/scim/v2/Users/unknown'),
      server.request('/scim/v2/Groups'),
      server.request('/scim/v2/Schemas', { method: 'POST', body: {} }),
      server.request('/scim/v2/Users', { token: null }),
      server.request(`/scim/v2/Users/${id}`, {
        method: 'PATCH',
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', value: { displayName: 'L' } }],
        },
      }),
      server.request(`/scim/v2/Users/${id}`, {
        method: 'PUT',
        body: userBody('labelled@example.com'),
      }),
    ]);
    expect(created.headers.get('content-type')).toBe(SCIM_JSON);
    expect(responses.map((response) => response.status)).toEqual([
      200, 200, 200, 200, 200, 200, 404, 404, 405, 401, 200, 200,
    ]);
    for (const response of responses) {
      expect(response.headers.get('content-type')).toBe(SCIM_JSON);
    }
  });

  it('ignores a body on GET and DELETE, whatever it is labelled', async () => {
    const created = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: userBody('ignored-body@example.com'),
    });
    const id = (created.json as { id: string }).id;
    // fetch refuses a GET with a body; node:http sends one.
    const readStatus = await new Promise<number | undefined>(
      (resolve, reject) => {
        const request = httpRequest(
          `${server.baseUrl}/scim/v2/Users/${id}`,
          {
            method: 'GET',
            headers: {
              Authorization: `Bearer ${server.secrets['full-access']}`,
              'Content-Type': 'text/plain',
              // Without a length Node sends it chunked, which Node's own
              // server turns away from a GET before Ferry sees it.
              'Content-Length': String('not json at all'.length),
            },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode);
          },
        );
        request.once('error', reject);
        request.end('not json at all');
      },
    );
    expect(readStatus).toBe(200);
    const removed = await server.request(`/scim/v2/Users/${id}`, {
      method: 'DELETE',
      body: '{"broken',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(removed.status).toBe(204);
  });

  it('answers 404 as a SCIM error outside every API', async () => {
    const response = await server.request('/nothing-here', { token: null });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe(SCIM_JSON);
    expect(response.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '404',
      detail:
        'Ferry has no endpoint at /nothing-here. The SCIM API is under ' +
        '/scim/v2, the admin API under /api/v1.',
    });
  });

  it('sends no body and no Content-Type with 204', async () => {
    const created = await server.request('/scim/v2/Users', {
      method: 'POST',
      body: userBody('deleted@example.com'),
    });
    const id = (created.json as { id: string }).id;
    const response = await server.request(`/scim/v2/Users/${id}`, {
      method: 'DELETE',
    });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(response.headers.get('content-type')).toBe(null);
  });
});
