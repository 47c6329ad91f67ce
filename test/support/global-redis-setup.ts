import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

import {
  isRedisAnswering,
  startLocalRedisServer,
  type LocalRedisServer,
} from '../../src/storage/local-redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let ownServer: LocalRedisServer | undefined;

/**
 * Finds the Redis the tests use: REDIS_URL when set, else the one on
 * 127.0.0.1:6379, else a throw-away redis-server of our own. Tests never
 * share keys: each suite works under its own random key prefix.
 */
export async function setup(project: TestProject): Promise<void> {
  project.provide('redisUrl', await findOrStartRedis());
}

export async function teardown(): Promise<void> {
  await ownServer?.stop();
}

async function findOrStartRedis(): Promise<string> {
  const given = process.env.REDIS_URL;
  if (given) return given;
  if (await isRedisAnswering('127.0.0.1', 6379))
    return 'redis://127.0.0.1:6379';

  ownServer = await startLocalRedisServer({
    port: await freePort(),
    dataDirectory: await mkdtemp(join(tmpdir(), 'ferry-test-redis-')),
    persistent: false,
  });
  return ownServer.url;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
