import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createConnection } from 'node:net';

/** There is no redis-server binary to start. */
export class RedisServerMissingError extends Error {
  override readonly name = 'RedisServerMissingError';
  readonly code = 'REDIS_SERVER_MISSING';

  constructor() {
    super(
      'No Redis answers on 127.0.0.1:6379 and redis-server is not installed. ' +
        'Install it (Debian/Ubuntu: sudo apt-get install -y redis-server), ' +
        'or set REDIS_URL to a Redis you run.',
    );
  }
}

export interface LocalRedisServerOptions {
  readonly port: number;
  /** Where the server keeps its append-only file; created if missing. */
  readonly dataDirectory: string;
  /** Persist to disk (append-only file); off for throw-away test servers. */
  readonly persistent: boolean;
}

export interface LocalRedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** True when something speaking Redis answers PING on host:port in time. */
export function isRedisAnswering(
  host: string,
  port: number,
  timeoutMs = 500,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const finish = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

/**
 * Starts a redis-server bound to loopback only and waits until it answers.
 * It runs as a child of this process and stops with it.
 */
export async function startLocalRedisServer(
  options: LocalRedisServerOptions,
): Promise<LocalRedisServer> {
  await mkdir(options.dataDirectory, { recursive: true });
  const child = spawn('redis-server', serverArguments(options), {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new RedisServerMissingError() : error),
    );
  });
  await waitUntilAnswering(child, options.port);

  return {
    url: `redis://127.0.0.1:${options.port}`,
    stop: () => stopChild(child),
  };
}

function serverArguments(options: LocalRedisServerOptions): string[] {
  return [
    '--bind',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--dir',
    options.dataDirectory,
    '--appendonly',
    options.persistent ? 'yes' : 'no',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
  ];
}

async function waitUntilAnswering(
  child: ChildProcess,
  port: number,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `redis-server exited with code ${child.exitCode} before answering ` +
          `on port ${port}; is the port already in use?`,
      );
    }
    if (await isRedisAnswering('127.0.0.1', port, 200)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port} within 10 s`);
}

// Redis saves and exits on SIGTERM; one that has not exited in time (it can
// refuse while its first append-only file is still being written) is killed.
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
