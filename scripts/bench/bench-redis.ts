import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Redis } from 'ioredis';

import { startLocalRedisServer } from '../../src/storage/local-redis-server.js';
import { freePort } from './free-port.js';

/** A throw-away Redis of the benchmark's own, pinned to one core. */
export interface BenchRedis {
  readonly url: string;
  readonly pid: number;
  /** INFO memory `used_memory`, in bytes. */
  usedMemory(): Promise<number>;
  /** MEMORY USAGE of one key, in bytes; 0 when it does not exist. */
  keyMemory(key: string): Promise<number>;
  stop(): Promise<void>;
  hasStopped(): boolean;
}

/**
 * Starts a non-persistent redis-server on a free loopback port in a
 * temporary folder, then pins all of its threads to `core` so that the
 * server under test and its Redis share one core, away from the load.
 */
export async function startBenchRedis(core: number): Promise<BenchRedis> {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'ferry-bench-redis-'));
  const server = await startLocalRedisServer({
    port: await freePort(),
    dataDirectory,
    persistent: false,
  });
  const client = new Redis(server.url, { lazyConnect: true });
  try {
    await client.connect();
    const pid = Number(infoField(await client.info('server'), 'process_id'));
    let stopped = false;
    execFileSync('taskset', ['-a', '-cp', String(core), String(pid)], {
      stdio: 'ignore',
    });
    return {
      url: server.url,
      pid,
      usedMemory: async () =>
        Number(infoField(await client.info('memory'), 'used_memory')),
      keyMemory: async (key) =>
        Number((await client.memory('USAGE', key, 'SAMPLES', '0')) ?? 0),
      hasStopped: () => stopped,
      stop: async () => {
        stopped = true;
        client.disconnect();
        await server.stop();
        await rm(dataDirectory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    client.disconnect();
    await server.stop();
    throw error;
  }
}

function infoField(info: string, field: string): string {
  const line = info.split('\r\n').find((text) => text.startsWith(`${field}:`));
  if (line === undefined) throw new Error(`INFO has no ${field} field`);
  return line.slice(field.length + 1);
}
