import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import {
  spawnPinned,
  waitForHttp,
  type PinnedProcess,
} from './pinned-process.js';

/** A server under test: Ferry's web process or the floor. */
export interface BenchServer {
  readonly name: 'ferry' | 'floor';
  readonly process: PinnedProcess;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly basePath: string;
  /**
   * When it first answered, in µs of the monotonic clock that V8's CPU
   * profiles also use, so that a profile can leave out start-up.
   */
  readonly readyAtMicros: number;
}

export interface ServerStart {
  readonly redisUrl: string;
  readonly port: number;
  readonly core: number;
  /** Node flags both servers run with (web-node-flags.ts). */
  readonly nodeFlags: readonly string[];
  /** Set to write a V8 CPU profile named `<profileName>.cpuprofile` here. */
  readonly cpuProfileDirectory: string | undefined;
  readonly profileName: string;
}

const DIST = fileURLToPath(new URL('../../', import.meta.url));
const FERRY_ENTRY = `${DIST}src/server.js`;
const FERRY_CLI = `${DIST}src/cli/ferry.js`;
const FLOOR_ENTRY = `${DIST}scripts/bench/floor-server.js`;
export const FERRY_PREFIX = '{ferry}';
export const FLOOR_PREFIX = '{floor}';

/** Ferry's web process alone: quiet logs, no Okta sync. */
export function startFerry(start: ServerStart): Promise<BenchServer> {
  return startServer('ferry', FERRY_ENTRY, start, {
    PORT: String(start.port),
    HOST: '127.0.0.1',
    REDIS_URL: start.redisUrl,
    FERRY_REDIS_PREFIX: FERRY_PREFIX,
    FERRY_PUBLIC_URL: `http://127.0.0.1:${start.port}`,
    LOG_LEVEL: 'warn',
    SYNC_ENABLED: 'false',
    // The per-token budget (3000 a minute by default) would answer 429
    // within a second of load; the bench measures the requests themselves.
    FERRY_RATE_LIMIT_REQUESTS: '0',
  });
}

export function startFloor(
  start: ServerStart,
  token: string,
  maxEvents: number,
): Promise<BenchServer> {
  return startServer('floor', FLOOR_ENTRY, start, {
    PORT: String(start.port),
    REDIS_URL: start.redisUrl,
    FLOOR_PREFIX,
    FLOOR_TOKEN: token,
    FLOOR_MAX_EVENTS: String(maxEvents),
  });
}

/** A full-access token made with Ferry's CLI, which prints the secret. */
export async function createFerryToken(redisUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [FERRY_CLI, 'tokens', 'create', '--name', 'bench', '--role', 'full-access'],
    {
      env: {
        ...process.env,
        REDIS_URL: redisUrl,
        FERRY_REDIS_PREFIX: FERRY_PREFIX,
        LOG_LEVEL: 'warn',
      },
    },
  );
  const secret = stdout.trim();
  if (secret === '' || /\s/.test(secret)) {
    throw new Error(`ferry tokens create printed "${stdout}", not a secret`);
  }
  return secret;
}

async function startServer(
  name: BenchServer['name'],
  entry: string,
  start: ServerStart,
  env: Record<string, string>,
): Promise<BenchServer> {
  const profiling =
    start.cpuProfileDirectory === undefined
      ? []
      : [
          '--cpu-prof',
          `--cpu-prof-dir=${start.cpuProfileDirectory}`,
          `--cpu-prof-name=${start.profileName}.cpuprofile`,
        ];
  const child = await spawnPinned({
    name,
    core: start.core,
    command: process.execPath,
    args: [...start.nodeFlags, ...profiling, entry],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
  });
  const origin = `http://127.0.0.1:${start.port}`;
  await waitForHttp(child, `${origin}/scim/v2/Users/none`);
  return {
    name,
    process: child,
    origin,
    basePath: '/scim/v2',
    readyAtMicros: Number(process.hrtime.bigint() / 1000n),
  };
}
