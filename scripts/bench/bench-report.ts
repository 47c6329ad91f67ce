import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { RunMeasurement } from './measure-run.js';
import { SCENARIOS, type ScenarioName } from './scenarios.js';

/** Medians over the rounds of one scenario on one server. */
export interface ScenarioSummary {
  readonly scenario: ScenarioName;
  readonly server: 'ferry' | 'floor';
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Summed over the rounds, not a median. */
  readonly non2xx: number;
  readonly errors: number;
  readonly cpuMicrosPerRequest: number;
  readonly serverCpuShare: number;
}

export interface MemoryReport {
  readonly users: number;
  readonly ferryBytesPerUser: number;
  /** The audit stream's part of the above (MEMORY USAGE of its key). */
  readonly ferryEventBytesPerUser: number;
  readonly floorBytesPerUser: number;
}

/** Ferry/floor CPU per request that the project aims to stay under. */
const CPU_RATIO_TARGETS: Record<ScenarioName, number> = {
  create: 1.7,
  get: 1.5,
  filter: 1.5,
  patch: 1.7,
  put: 1.7,
  list: 1.5,
};

export function summarise(runs: readonly RunMeasurement[]): ScenarioSummary[] {
  const measured = SCENARIOS.filter((scenario) =>
    runs.some((run) => run.scenario === scenario),
  );
  return measured.flatMap((scenario) =>
    (['ferry', 'floor'] as const).map((server) => {
      const mine = runs.filter(
        (run) => run.scenario === scenario && run.server === server,
      );
      return {
        scenario,
        server,
        requestsPerSecond: median(mine.map((run) => run.requestsPerSecond)),
        p50Ms: median(mine.map((run) => run.load.p50Ms)),
        p99Ms: median(mine.map((run) => run.load.p99Ms)),
        non2xx: sum(mine.map((run) => run.load.non2xx)),
        errors: sum(mine.map((run) => run.load.errors)),
        cpuMicrosPerRequest: median(mine.map((run) => run.cpuMicrosPerRequest)),
        serverCpuShare: median(
          mine.map(
            (run) => run.serverCpuMs / (run.serverCpuMs + run.redisCpuMs),
          ),
        ),
      };
    }),
  );
}

/** Ferry's CPU per request against the floor's, per scenario run. */
export interface CpuComparison {
  readonly scenario: ScenarioName;
  /** Of the medians. */
  readonly ratio: number;
  /** Each round's Ferry run against the floor run beside it. */
  readonly roundRatios: readonly number[];
  readonly target: number;
  readonly met: boolean;
}

export function compareWithFloor(
  summaries: readonly ScenarioSummary[],
  runs: readonly RunMeasurement[] = [],
): CpuComparison[] {
  return summaries.flatMap((ferry) => {
    if (ferry.server !== 'ferry') return [];
    const floor = summaries.find(
      (other) => other.scenario === ferry.scenario && other.server === 'floor',
    );
    if (floor === undefined) return [];
    const ratio = ferry.cpuMicrosPerRequest / floor.cpuMicrosPerRequest;
    const target = CPU_RATIO_TARGETS[ferry.scenario];
    return [
      {
        scenario: ferry.scenario,
        ratio,
        roundRatios: roundRatios(runs, ferry.scenario),
        target,
        met: ratio <= target,
      },
    ];
  });
}

function roundRatios(
  runs: readonly RunMeasurement[],
  scenario: ScenarioName,
): number[] {
  const mine = runs.filter((run) => run.scenario === scenario);
  return mine.flatMap((ferry) => {
    if (ferry.server !== 'ferry') return [];
    const floor = mine.find(
      (run) => run.server === 'floor' && run.round === ferry.round,
    );
    return floor === undefined
      ? []
      : [ferry.cpuMicrosPerRequest / floor.cpuMicrosPerRequest];
  });
}

/** The table printed at the end of a run. */
export function formatTable(
  summaries: readonly ScenarioSummary[],
  runs: readonly RunMeasurement[],
  memory: MemoryReport,
): string {
  const header = [
    'scenario',
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'CPU µs/req',
    'node share',
    'CPU vs floor',
    'by round',
    'target',
  ];
  const comparisons = compareWithFloor(summaries, runs);
  const rows = summaries.map((summary) => row(summary, comparisons));
  const widths = header.map((title, column) =>
    Math.max(
      title.length,
      ...rows.map((cells) => (cells[column] ?? '').length),
    ),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ');
  return [
    line(header),
    ...rows.map(line),
    '',
    `Redis memory per user (${memory.users} users): ` +
      `Ferry ${memory.ferryBytesPerUser.toFixed(0)} B ` +
      `(of which audit events ${memory.ferryEventBytesPerUser.toFixed(0)} B), ` +
      `floor ${memory.floorBytesPerUser.toFixed(0)} B`,
  ].join('\n');
}

function row(
  summary: ScenarioSummary,
  comparisons: readonly CpuComparison[],
): string[] {
  const comparison =
    summary.server === 'ferry'
      ? comparisons.find((item) => item.scenario === summary.scenario)
      : undefined;
  return [
    summary.scenario,
    summary.server,
    summary.requestsPerSecond.toFixed(0),
    summary.p50Ms.toFixed(2),
    summary.p99Ms.toFixed(2),
    String(summary.non2xx + summary.errors),
    summary.cpuMicrosPerRequest.toFixed(0),
    `${(summary.serverCpuShare * 100).toFixed(0)}%`,
    comparison === undefined ? '' : `${comparison.ratio.toFixed(2)}×`,
    comparison === undefined ? '' : spread(comparison.roundRatios),
    comparison === undefined
      ? ''
      : `${comparison.met ? 'ok' : 'over'} ≤${comparison.target}×`,
  ];
}

/** The lowest and highest of the per-round ratios. */
function spread(ratios: readonly number[]): string {
  if (ratios.length === 0) return '';
  const low = Math.min(...ratios).toFixed(2);
  const high = Math.max(...ratios).toFixed(2);
  return low === high ? low : `${low}–${high}`;
}

/** Writes bench-results/bench-<timestamp>.json and returns its path. */
export async function writeResults(
  directory: string,
  results: object,
): Promise<string> {
  await mkdir(directory, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(directory, `bench-${stamp}.json`);
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  const lower = sorted[sorted.length % 2 === 0 ? middle - 1 : middle] ?? upper;
  return (lower + upper) / 2;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
