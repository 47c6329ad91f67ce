import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../../src/config/load-config.js';
import { createApp } from '../../../src/http/create-app.js';
import type { UserRepository } from '../../../src/storage/user-repository.js';

describe('errors no handler anticipated', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const failing = {
      list: () => Promise.reject(new TypeError('connection to redis lost')),
    } as unknown as UserRepository;
    const app = createApp({
      config: loadConfig({}),
      logger: pino(
        { level: 'info' },
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
            done();
          },
        }),
      ),
      users: failing,
      tokens: {
        authenticate: (secret) =>
          Promise.resolve(
            secret === 'ferry_ok' ? { name: 'ops', role: 'scim' } : undefined,
          ),
      },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a generic 500 and logs the error in full at error level', async () => {
    const response = await fetch(`${baseUrl}/scim/v2/Users`, {
      headers: { Authorization: 'Bearer ferry_ok', 'X-Request-Id': 'boom-1' },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe(
      'application/scim+json; charset=utf-8',
    );
    expect(await response.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '500',
      detail:
        'Ferry could not complete the request because of an internal ' +
        'error. Retry later; if it persists, report request id boom-1.',
    });

    const logged = lines.filter((line) => line.requestId === 'boom-1');
    expect(logged).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'unexpected error caught',
        error: expect.objectContaining({
          type: 'TypeError',
          message: 'connection to redis lost',
        }) as unknown,
      }),
      expect.objectContaining({
        level: 50,
        msg: 'request failed',
        route: '/scim/v2/Users',
        status: 500,
        tokenName: 'ops',
      }),
    ]);
  });
});
