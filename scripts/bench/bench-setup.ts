import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { BenchOptions } from './bench-options.js';
import type { BenchRedis } from './bench-redis.js';
import type { MemoryReport } from './bench-report.js';
import {
  createFerryToken,
  FERRY_PREFIX,
  startFerry,
  startFloor,
  type BenchServer,
  type ServerStart,
} from './bench-servers.js';
import { freePort } from './free-port.js';
import type { SeededUser } from './scenarios.js';
import { seedUsers } from './seed-users.js';
import { webNodeFlags } from './web-node-flags.js';

// The project's Procfile, from dist/scripts/bench/ where this runs.
const PROCFILE = fileURLToPath(new URL('../../../Procfile', import.meta.url));

export type ServerName = BenchServer['name'];

export const SERVER_CORE = 0;
export const LOAD_CORE = 1;
/** Ferry's default audit retention (src/storage/redis-user-repository.ts). */
const MAX_EVENTS = 1_000_000;

/** Redis, both servers, their seeded users and what seeding cost in memory. */
export interface BenchSetup {
  readonly redis: BenchRedis;
  readonly token: string;
  readonly users: Readonly<Record<ServerName, readonly SeededUser[]>>;
  readonly memory: MemoryReport;
  server(name: ServerName): BenchServer;
  /** When the server that writes profile `profileName` became ready. */
  readyAtMicros(profileName: string): number | undefined;
  /** Stops a server, which writes its profile, and starts it anew. */
  restart(name: ServerName, profileName: string): Promise<BenchServer>;
}

/**
 * On the benchmark's own Redis, starts Ferry, seeds it and measures the
 * memory its users take, then the floor, seeded the same way. Ferry is
 * seeded alone so that nothing else is counted in its memory per user.
 */
export async function setUpBench(
  redis: BenchRedis,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BenchSetup> {
  const token = await createFerryToken(redis.url);
  const nodeFlags = await webNodeFlags(PROCFILE);
  log(`both servers run with the Procfile's web flags: ${nodeFlags.join(' ')}`);
  const starts: Record<ServerName, ServerStart> = {
    ferry: await serverStart(redis, options, nodeFlags, 'ferry-seed'),
    floor: await serverStart(redis, options, nodeFlags, 'floor-seed'),
  };
  const start = (name: ServerName, profileName: string) => {
    const how = { ...starts[name], profileName };
    return name === 'ferry'
      ? startFerry(how)
      : startFloor(how, token, MAX_EVENTS);
  };
  const servers: Record<ServerName, BenchServer> = {
    ferry: await start('ferry', 'ferry-seed'),
    floor: await start('floor', 'floor-seed'),
  };
  const readyTimes = new Map<string, number>([
    ['ferry-seed', servers.ferry.readyAtMicros],
    ['floor-seed', servers.floor.readyAtMicros],
  ]);
  log(
    `ferry pid ${servers.ferry.process.pid}, floor ${servers.floor.process.pid}`,
  );

  const ferry = await seed(redis, servers.ferry, token, options.users, log);
  const eventBytes = await redis.keyMemory(`${FERRY_PREFIX}:events`);
  const floor = await seed(redis, servers.floor, token, options.users, log);
  return {
    redis,
    token,
    users: { ferry: ferry.users, floor: floor.users },
    memory: {
      users: options.users,
      ferryBytesPerUser: ferry.bytesPerUser,
      ferryEventBytesPerUser: eventBytes / options.users,
      floorBytesPerUser: floor.bytesPerUser,
    },
    server: (name) => servers[name],
    readyAtMicros: (profileName) => readyTimes.get(profileName),
    restart: async (name, profileName) => {
      await servers[name].process.stop();
      servers[name] = await start(name, profileName);
      readyTimes.set(profileName, servers[name].readyAtMicros);
      return servers[name];
    },
  };
}

/** Seeds one server and measures the Redis memory its users added. */
async function seed(
  redis: BenchRedis,
  server: BenchServer,
  token: string,
  count: number,
  log: (line: string) => void,
): Promise<{ users: SeededUser[]; bytesPerUser: number }> {
  const before = await redis.usedMemory();
  const users = await seedUsers(server, token, count, LOAD_CORE);
  const bytes = (await redis.usedMemory()) - before;
  log(`${server.name}: seeded ${users.length} users`);
  return { users, bytesPerUser: bytes / users.length };
}

async function serverStart(
  redis: BenchRedis,
  options: BenchOptions,
  nodeFlags: readonly string[],
  profileName: string,
): Promise<ServerStart> {
  return {
    redisUrl: redis.url,
    nodeFlags,
    port: await freePort(),
    core: SERVER_CORE,
    cpuProfileDirectory: options.cpuProfile
      ? resolve(options.resultsDirectory)
      : undefined,
    profileName,
  };
}
