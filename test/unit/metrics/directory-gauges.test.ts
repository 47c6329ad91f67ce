import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import {
  registerDirectoryGauges,
  type DirectorySources,
} from '../../../src/metrics/directory-gauges.js';

function sample(text: string, series: string): number | undefined {
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function scrape(sources: DirectorySources, timeoutMs = 200) {
  const registry = new Registry();
  registerDirectoryGauges(registry, sources, timeoutMs);
  return { again: () => registry.metrics() };
}

const runs = [
  { state: 'running' },
  {
    state: 'completed',
    finishedAt: '2025-06-01T12:00:00.000Z',
    durationMs: 42_000,
  },
  { state: 'failed', finishedAt: '2025-06-01T11:00:00.000Z', durationMs: 3000 },
  {
    state: 'completed',
    finishedAt: '2025-06-01T10:00:00.000Z',
    durationMs: 40_000,
  },
];

describe('registerDirectoryGauges', () => {
  it('reads every source in the scrape that asks, once each', async () => {
    let runReads = 0;
    const { again } = scrape({
      countUsers: () => Promise.resolve(12),
      activeUsers: () => ({ active: 10, countedAt: new Date(1_000_000) }),
      syncJobCounts: () => Promise.resolve({ waiting: 1, active: 0 }),
      recentSyncRuns: () => {
        runReads += 1;
        return Promise.resolve(runs);
      },
    });
    const text = await again();
    expect(sample(text, 'ferry_users')).toBe(12);
    expect(sample(text, 'ferry_users_active')).toBe(10);
    expect(sample(text, 'ferry_users_active_counted_timestamp_seconds')).toBe(
      1000,
    );
    expect(sample(text, 'ferry_sync_queue_jobs{state="waiting"}')).toBe(1);
    expect(
      sample(
        text,
        'ferry_sync_last_finished_timestamp_seconds{outcome="completed"}',
      ),
    ).toBe(Date.parse('2025-06-01T12:00:00.000Z') / 1000);
    expect(
      sample(text, 'ferry_sync_last_duration_seconds{outcome="completed"}'),
    ).toBe(42);
    expect(
      sample(text, 'ferry_sync_last_duration_seconds{outcome="failed"}'),
    ).toBe(3);
    expect(sample(text, 'ferry_sync_recent_runs{state="completed"}')).toBe(2);
    expect(sample(text, 'ferry_sync_recent_runs{state="running"}')).toBe(1);
    expect(sample(text, 'ferry_redis_up')).toBe(1);
    expect(runReads).toBe(1);
  });

  it('keeps the last values and reports Redis down when a read fails or hangs', async () => {
    let available = true;
    const { again } = scrape({
      countUsers: () =>
        available ? Promise.resolve(5) : Promise.reject(new Error('down')),
      activeUsers: () => undefined,
      syncJobCounts: () =>
        available ? Promise.resolve({ waiting: 2 }) : new Promise(() => {}),
    });
    expect(sample(await again(), 'ferry_redis_up')).toBe(1);
    available = false;
    const text = await again();
    expect(sample(text, 'ferry_redis_up')).toBe(0);
    expect(sample(text, 'ferry_users')).toBe(5);
    expect(sample(text, 'ferry_sync_queue_jobs{state="waiting"}')).toBe(2);
    expect(sample(text, 'ferry_users_active')).toBeNaN();
    available = true;
    expect(sample(await again(), 'ferry_redis_up')).toBe(1);
  });
});
