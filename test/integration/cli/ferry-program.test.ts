import { createServer, type Server } from 'node:net';

import { CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RedisTokenStore } from '../../../src/auth/redis-token-store.js';
import { hashTokenSecret } from '../../../src/auth/token-secret.js';
import { createFerryProgram } from '../../../src/cli/ferry-program.js';
import { openTokenStore } from '../../../src/cli/open-token-store.js';
import { RedisUnreachableError } from '../../../src/storage/redis-unreachable-error.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

const NOW = new Date('2026-06-01T08:00:00.000Z');

describe('the ferry command line', () => {
  let testRedis: TestRedis;
  let store: RedisTokenStore;

  beforeAll(async () => {
    testRedis = await openTestRedis();
    store = new RedisTokenStore(testRedis.redis, testRedis.keyPrefix);
  });
  afterAll(() => testRedis.close());

  async function ferry(...args: string[]) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    let closed = 0;
    const program = createFerryProgram({
      openTokenStore: () =>
        Promise.resolve({
          store,
          close: () => {
            closed += 1;
            return Promise.resolve();
          },
        }),
      output: {
        stdout: (line) => stdout.push(line),
        stderr: (line) => stderr.push(line),
      },
      clock: () => NOW,
    });
    let error: unknown;
    try {
      await program.parseAsync(['node', 'ferry', ...args]);
    } catch (caught) {
      error = caught;
    }
    return { stdout, stderr, error, closed };
  }

  it('prints the new secret alone on stdout and stores only its hash', async () => {
    const result = await ferry(
      'tokens',
      'create',
      '--name',
      'okta',
      '--role',
      'full-access',
    );
    expect(result.error).toBe(undefined);
    expect(result.stdout).toHaveLength(1);
    const secret = result.stdout[0] ?? '';
    expect(secret).toMatch(/^ferry_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toEqual([
      'Created token "okta" with role full-access. Copy the secret below ' +
        'now: Ferry keeps only its hash and cannot show it again.',
    ]);
    expect(result.closed).toBe(1);
    await expect(
      store.findByHash(hashTokenSecret(secret)),
    ).resolves.toMatchObject({
      name: 'okta',
      role: 'full-access',
      createdAt: '2026-06-01T08:00:00.000Z',
    });
    const raw = await testRedis.redis.keys(`${testRedis.keyPrefix}*`);
    for (const key of raw) expect(key).not.toContain(secret);
  });

  it('refuses a duplicate name with a message saying what to do', async () => {
    await ferry('tokens', 'create', '--name', 'dup', '--role', 'scim');
    const result = await ferry(
      'tokens',
      'create',
      '--name',
      'dup',
      '--role',
      'scim',
    );
    expect(result.stdout).toEqual([]);
    expect(result.error).toBeInstanceOf(Error);
    expect((result.error as Error).message).toBe(
      'A token named "dup" already exists. Choose another name, or revoke ' +
        'it first with: ferry tokens revoke --name dup',
    );
  });

  it('rejects an unknown role, listing the roles', async () => {
    const result = await ferry(
      'tokens',
      'create',
      '--name',
      'x',
      '--role',
      'admin',
    );
    expect(result.error).toBeInstanceOf(CommanderError);
    expect((result.error as CommanderError).exitCode).toBe(1);
    expect(result.stderr.join('')).toContain(
      "error: option '--role <role>' argument 'admin' is invalid. Allowed " +
        'choices are full-access, scim, read-only.',
    );
  });

  it('lists name, role, created and last use, never a secret or hash', async () => {
    await ferry('tokens', 'create', '--name', 'reader', '--role', 'read-only');
    const secretHash = (await store.findByHash(hashTokenSecret('nope')))
      ?.secretHash;
    expect(secretHash).toBe(undefined);
    const result = await ferry('tokens', 'list');
    expect(result.stdout).toEqual([
      'NAME    ROLE         CREATED                   LAST USED',
      'dup     scim         2026-06-01T08:00:00.000Z  never',
      'okta    full-access  2026-06-01T08:00:00.000Z  never',
      'reader  read-only    2026-06-01T08:00:00.000Z  never',
    ]);
  });

  it('revokes a token by name, and says so when there is none', async () => {
    const revoked = await ferry('tokens', 'revoke', '--name', 'reader');
    expect(revoked.error).toBe(undefined);
    expect(revoked.stderr).toEqual([
      'Revoked token "reader". Web processes stop accepting it within 5 ' +
        'seconds.',
    ]);
    const again = await ferry('tokens', 'revoke', '--name', 'reader');
    expect((again.error as Error).message).toBe(
      'No token is named "reader". List the existing tokens with: ferry ' +
        'tokens list',
    );
  });
});

describe('openTokenStore', () => {
  let silent: Server;
  let port: number;

  beforeAll(async () => {
    // A port that accepts and then closes, as nothing speaking Redis does.
    silent = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) =>
      silent.listen(0, '127.0.0.1', resolve),
    );
    const address = silent.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(() => new Promise<void>((resolve) => silent.close(() => resolve())));

  it('tells the user to run npm start or set REDIS_URL when Redis does not answer', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        const free = typeof address === 'object' && address ? address.port : 0;
        probe.close(() => resolve(free));
      });
    });
    const opening = openTokenStore({
      redisUrl: `redis://:hunter2@127.0.0.1:${closedPort}`,
      redisKeyPrefix: '{ferry}',
    });
    await expect(opening).rejects.toBeInstanceOf(RedisUnreachableError);
    await expect(opening).rejects.toThrow(
      `Ferry cannot reach Redis at redis://127.0.0.1:${closedPort} (connect ` +
        `ECONNREFUSED 127.0.0.1:${closedPort}). Start Ferry with "npm start", ` +
        'which starts a local Redis, or set REDIS_URL to the Redis Ferry uses.',
    );
  });

  it('fails rather than waiting when the server hangs up', async () => {
    await expect(
      openTokenStore({
        redisUrl: `redis://127.0.0.1:${port}`,
        redisKeyPrefix: '{ferry}',
      }),
    ).rejects.toBeInstanceOf(RedisUnreachableError);
  });
});
