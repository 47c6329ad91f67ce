import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  startLocalRedisServer,
  type LocalRedisServer,
} from '../../src/storage/local-redis-server.js';

export interface OwnRedisServer {
  readonly url: string;
  /** Stops it the way an operator does (SIGTERM: the AOF is flushed). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data, as after a restart. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

/**
 * A redis-server of the suite's own on a free loopback port, with its
 * append-only file on in a temporary directory, so that it can be stopped
 * and restarted with its data. The shared Redis on 6379 is never stopped.
 */
export async function startOwnRedisServer(): Promise<OwnRedisServer> {
  const port = await freePort();
  const dataDirectory = await mkdtemp(join(tmpdir(), 'ferry-own-redis-'));
  const options = { port, dataDirectory, persistent: true };
  let server: LocalRedisServer | undefined =
    await startLocalRedisServer(options);
  return {
    url: server.url,
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
    start: async () => {
      server ??= await startLocalRedisServer(options);
    },
    destroy: async () => {
      await server?.stop();
      server = undefined;
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
