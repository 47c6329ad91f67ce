import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** One sync as the sync benchmark (scripts/bench-sync.ts) measures it. */
export interface SyncRunFigures {
  readonly seconds: number;
  readonly usersPerSecond: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly listing: string;
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
}

export interface SyncFigures {
  readonly users: number;
  /** Every user created. */
  readonly first: SyncRunFigures;
  /** Nothing changed in Okta: every user read, none written. */
  readonly second: SyncRunFigures;
}

const SYNC_BENCH = fileURLToPath(new URL('../bench-sync.js', import.meta.url));

/**
 * Runs the sync benchmark in a process of its own, so that its peak memory
 * is the sync's alone: a fake Okta org of `users` users over loopback HTTP,
 * the real Okta SDK, reconciliation and the store on a redis-server of its
 * own.
 */
export async function measureSync(users: number): Promise<SyncFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', SYNC_BENCH, '--users', String(users), '--json'],
    { maxBuffer: 1024 * 1024 },
  );
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as SyncFigures;
}

/** The lines the benchmark's report prints for the sync. */
export function formatSyncFigures(figures: SyncFigures): string {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const line = (label: string, run: SyncRunFigures) =>
    `  ${label}: ${Math.round(run.usersPerSecond)} users/s ` +
    `(${run.seconds.toFixed(1)} s; created ${run.created}, updated ` +
    `${run.updated}, unchanged ${run.unchanged}; listing ${run.listing}), ` +
    `peak RSS ${mib(run.peakRssBytes)}, peak heap ${mib(run.peakHeapBytes)}`;
  return [
    `Okta sync of ${figures.users} fake Okta users (loopback HTTP, real SDK):`,
    line('first sync', figures.first),
    line('second sync, nothing changed', figures.second),
  ].join('\n');
}
