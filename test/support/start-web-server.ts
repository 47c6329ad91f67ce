import { Writable } from 'node:stream';

import { Redis } from 'ioredis';
import pino from 'pino';

import { RedisTokenStore } from '../../src/auth/redis-token-store.js';
import type { TokenRole } from '../../src/auth/token-role.js';
import {
  generateTokenSecret,
  hashTokenSecret,
} from '../../src/auth/token-secret.js';
import { loadConfig } from '../../src/config/load-config.js';
import { queuePrefixFor } from '../../src/jobs/queue-names.js';
import { startWebServer, type WebServer } from '../../src/server.js';
import { deleteKeysUnder, uniqueKeyPrefix } from './test-redis.js';

export interface RunningWebServer {
  readonly url: string;
  readonly keyPrefix: string;
  /** A live token secret per role. */
  readonly secrets: Readonly<Record<TokenRole, string>>;
  /** Every log line the server wrote, parsed. */
  readonly logLines: Record<string, unknown>[];
  readonly web: WebServer;
  /** Closes the server, then deletes the keys under its prefixes. */
  close(): Promise<void>;
}

/**
 * The web process as src/server.ts starts it (its Redis client, limits,
 * metrics, readiness), on a free loopback port, against `redisUrl` under
 * a key prefix of its own, with one token per role. Pass another server's
 * `keyPrefix` and `secrets` to run a second process beside it.
 */
export async function startRealWebServer(options: {
  readonly redisUrl: string;
  readonly environment?: Readonly<Record<string, string>>;
  readonly sharing?: Pick<RunningWebServer, 'keyPrefix' | 'secrets'>;
}): Promise<RunningWebServer> {
  const keyPrefix = options.sharing?.keyPrefix ?? uniqueKeyPrefix();
  const secrets =
    options.sharing?.secrets ??
    (await createRoleTokens(options.redisUrl, keyPrefix));
  const config = loadConfig({
    REDIS_URL: options.redisUrl,
    FERRY_REDIS_PREFIX: keyPrefix,
    HOST: '127.0.0.1',
    FERRY_PUBLIC_URL: 'https://ferry.example.com',
    // The shared test Redis may evict; production refuses to start on one.
    FERRY_ALLOW_EVICTION: 'true',
    ...options.environment,
  });
  const logLines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, collectLines(logLines));
  const web = await startWebServer({ ...config, port: 0 }, logger);
  return {
    url: web.url,
    keyPrefix,
    secrets,
    logLines,
    web,
    close: async () => {
      await web.close();
      const redis = new Redis(options.redisUrl);
      try {
        await deleteKeysUnder(redis, keyPrefix);
        await deleteKeysUnder(redis, queuePrefixFor(keyPrefix));
      } finally {
        await redis.quit();
      }
    },
  };
}

async function createRoleTokens(
  redisUrl: string,
  keyPrefix: string,
): Promise<Record<TokenRole, string>> {
  const redis = new Redis(redisUrl);
  try {
    const store = new RedisTokenStore(redis, keyPrefix);
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
  } finally {
    await redis.quit();
  }
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
