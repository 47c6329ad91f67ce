import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { Redis } from 'ioredis';

import { OktaDirectory } from '../src/okta/okta-directory.js';
import {
  reconcileOktaUsers,
  type ReconcileResult,
} from '../src/reconciliation/reconcile-okta-users.js';
import { startLocalRedisServer } from '../src/storage/local-redis-server.js';
import { RedisUserRepository } from '../src/storage/redis-user-repository.js';

/**
 * Measures one Okta sync in this process: a fake org with N users (in a
 * child process, so its memory is not counted), a throw-away redis-server
 * of its own, the real SDK, reconciliation and store. Runs the first sync
 * (every user created) and a second one (nothing changed), prints users per
 * second and the peak RSS and heap of this process during each, then removes
 * its keys and stops the servers. `npm run bench` runs it too, with --json.
 *
 *   npm run build && node dist/scripts/bench-sync.js --users 100000 [--json]
 */
async function main(): Promise<void> {
  const { users, json } = parseOptions();
  const dataDirectory = await mkdtemp(join(tmpdir(), 'ferry-bench-sync-'));
  const redisServer = await startLocalRedisServer({
    port: await freePort(),
    dataDirectory,
    persistent: false,
  });
  const org = await startFakeOrg(users);
  const redis = new Redis(redisServer.url, { enableAutoPipelining: true });
  const keyPrefix = `{ferry-bench-${randomBytes(4).toString('hex')}}`;
  try {
    const repository = new RedisUserRepository({ redis, keyPrefix });
    const sync = () => runSync(repository, org.url, org.token);
    const first = await measure(sync);
    const second = await measure(sync);
    if (json) {
      // One line for `npm run bench`, which runs this as a child.
      console.log(
        JSON.stringify({
          users,
          first: figures(first),
          second: figures(second),
        }),
      );
    } else {
      report('first sync (creates every user)', first);
      report('second sync (nothing changed)', second);
    }
  } finally {
    await deleteKeys(redis, keyPrefix);
    await redis.quit();
    org.child.kill('SIGTERM');
    await redisServer.stop();
    await rm(dataDirectory, { recursive: true, force: true });
  }
}

function runSync(
  repository: RedisUserRepository,
  orgUrl: string,
  token: string,
): Promise<ReconcileResult> {
  const directory = new OktaDirectory({
    config: {
      orgUrl,
      credentials: { kind: 'apiToken', token },
      userSearch: undefined,
    },
  });
  return reconcileOktaUsers(directory.listAllUsers(), {
    repository,
    actor: { kind: 'sync', name: 'bench' },
    maxDeactivationShare: 0.1,
  });
}

interface Measurement {
  readonly result: ReconcileResult;
  readonly seconds: number;
  readonly peakRss: number;
  readonly peakHeap: number;
  readonly startRss: number;
}

async function measure(
  sync: () => Promise<ReconcileResult>,
): Promise<Measurement> {
  global.gc?.();
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 25);
  const began = performance.now();
  const result = await sync();
  const seconds = (performance.now() - began) / 1000;
  clearInterval(sampler);
  return { result, seconds, peakRss, peakHeap, startRss: start.rss };
}

/** What `npm run bench` reports of one sync (sync-figures.ts reads it). */
function figures(m: Measurement) {
  const { counts } = m.result;
  return {
    seconds: m.seconds,
    usersPerSecond: counts.seen / m.seconds,
    created: counts.created,
    updated: counts.updated,
    unchanged: counts.unchanged,
    listing: m.result.listing.state,
    peakRssBytes: m.peakRss,
    peakHeapBytes: m.peakHeap,
  };
}

function report(label: string, m: Measurement): void {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const c = m.result.counts;
  console.log(`${label}:`);
  console.log(
    `  ${c.seen} users in ${m.seconds.toFixed(1)} s = ` +
      `${Math.round(c.seen / m.seconds)} users/s ` +
      `(created ${c.created}, updated ${c.updated}, ` +
      `unchanged ${c.unchanged}, ` +
      `listing ${m.result.listing.state})`,
  );
  console.log(
    `  peak RSS ${mb(m.peakRss)} (from ${mb(m.startRss)}), ` +
      `peak heap used ${mb(m.peakHeap)}`,
  );
}

interface FakeOrgProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
}

async function startFakeOrg(users: number): Promise<FakeOrgProcess> {
  const script = fileURLToPath(new URL('./fake-okta-org.js', import.meta.url));
  const child = spawn(
    process.execPath,
    [script, '--users', String(users), '--port', '0', '--rate-limit', '100000'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const settings = new Map<string, string>();
  for await (const line of createInterface({ input: child.stdout })) {
    const [name, value] = line.split('=', 2);
    if (name && value) settings.set(name, value);
    if (settings.has('OKTA_ORG_URL') && settings.has('OKTA_API_TOKEN')) break;
  }
  return {
    child,
    url: settings.get('OKTA_ORG_URL')!,
    token: settings.get('OKTA_API_TOKEN')!,
  };
}

async function deleteKeys(redis: Redis, keyPrefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(
      cursor,
      'MATCH',
      `${keyPrefix}*`,
      'COUNT',
      1000,
    );
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

function parseOptions(): { users: number; json: boolean } {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '100000' },
      json: { type: 'boolean', default: false },
    },
  });
  const users = Number(values.users);
  if (!Number.isInteger(users) || users < 1) {
    throw new Error('--users must be a whole number above 0');
  }
  return { users, json: values.json };
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

await main();
