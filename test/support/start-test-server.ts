import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import type Koa from 'koa';
import pino from 'pino';

import { RedisTokenStore } from '../../src/auth/redis-token-store.js';
import { CachingTokenAuthenticator } from '../../src/auth/token-authenticator.js';
import type { TokenRole } from '../../src/auth/token-role.js';
import {
  generateTokenSecret,
  hashTokenSecret,
} from '../../src/auth/token-secret.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { ApiSurface } from '../../src/http/api-surface.js';
import { createApp } from '../../src/http/create-app.js';
import type { FerryState } from '../../src/http/ferry-state.js';
import { RedisUserRepository } from '../../src/storage/redis-user-repository.js';
import { openTestRedis, type TestRedis } from './test-redis.js';

export const TEST_PUBLIC_URL = 'https://ferry.example.com';

export interface TestServerOptions {
  /** Extra environment for loadConfig, e.g. FERRY_MAX_PAGE_SIZE. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly tokenCacheTtlMs?: number;
  readonly clock?: Clock;
  readonly extraRoutes?: readonly ApiSurface[];
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body; undefined when there is none. */
  readonly json: unknown;
}

export interface TestRequest {
  readonly method?: string;
  /** A role's token by default full-access; null sends no Authorization. */
  readonly token?: string | null;
  /** An object is sent as JSON; a string as is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TestServer {
  readonly baseUrl: string;
  readonly testRedis: TestRedis;
  readonly tokenStore: RedisTokenStore;
  /** A live token secret per role. */
  readonly secrets: Readonly<Record<TokenRole, string>>;
  /** Every log line the app wrote, parsed. */
  readonly logLines: Record<string, unknown>[];
  /** `path` is relative to the server root, e.g. /scim/v2/Users. */
  request(path: string, init?: TestRequest): Promise<TestResponse>;
  close(): Promise<void>;
}

/**
 * The real app over real HTTP on 127.0.0.1 and a port of its own, with a
 * real Redis under a key prefix no other suite shares, and one real token
 * per role.
 */
export async function startTestServer(
  options: TestServerOptions = {},
): Promise<TestServer> {
  const testRedis = await openTestRedis();
  const config = loadConfig({
    FERRY_PUBLIC_URL: TEST_PUBLIC_URL,
    FERRY_REDIS_PREFIX: testRedis.keyPrefix,
    LOG_LEVEL: 'info',
    ...options.environment,
  });
  const logLines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, collectLines(logLines));
  const tokenStore = new RedisTokenStore(
    testRedis.redis,
    config.redisKeyPrefix,
  );
  const app = createApp({
    config,
    logger,
    users: new RedisUserRepository({
      redis: testRedis.redis,
      keyPrefix: config.redisKeyPrefix,
      ...(options.clock ? { clock: options.clock } : {}),
    }),
    tokens: new CachingTokenAuthenticator({
      store: tokenStore,
      logger,
      ...(options.tokenCacheTtlMs === undefined
        ? {}
        : { cacheTtlMs: options.tokenCacheTtlMs }),
    }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
  });
  const server = await listenOnLoopback(app);
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const secrets = await createRoleTokens(tokenStore);

  return {
    baseUrl,
    testRedis,
    tokenStore,
    secrets,
    logLines,
    request: (path, init = {}) =>
      send(`${baseUrl}${path}`, init, secrets['full-access']),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testRedis.close();
    },
  };
}

async function createRoleTokens(
  store: RedisTokenStore,
): Promise<Record<TokenRole, string>> {
  const roles: TokenRole[] = ['full-access', 'scim', 'read-only'];
  const secrets: Partial<Record<TokenRole, string>> = {};
  for (const role of roles) {
    const secret = generateTokenSecret();
    await store.create({
      name: `test-${role}`,
      role,
      secretHash: hashTokenSecret(secret),
      createdAt: new Date(),
    });
    secrets[role] = secret;
  }
  return secrets as Record<TokenRole, string>;
}

async function send(
  url: string,
  init: TestRequest,
  defaultToken: string,
): Promise<TestResponse> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? defaultToken : init.token;
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  const body =
    typeof init.body === 'string' || init.body === undefined
      ? init.body
      : JSON.stringify(init.body);
  if (body !== undefined && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/scim+json');
  }
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

function listenOnLoopback(app: Koa<FerryState>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1');
    server.once('error', reject);
    server.once('listening', () => resolve(server));
  });
}

function collectLines(lines: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line !== '')
          lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
}
