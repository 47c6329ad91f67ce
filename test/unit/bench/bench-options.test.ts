import { describe, expect, it } from 'vitest';

import {
  BenchUsageError,
  parseBenchOptions,
} from '../../../scripts/bench/bench-options.js';
import {
  compareWithFloor,
  type ScenarioSummary,
} from '../../../scripts/bench/bench-report.js';
import type { RunMeasurement } from '../../../scripts/bench/measure-run.js';
import { SCENARIOS } from '../../../scripts/bench/scenarios.js';

describe('parseBenchOptions', () => {
  it('runs every scenario and the sync by default', () => {
    const options = parseBenchOptions([]);
    expect(options.scenarios).toEqual(SCENARIOS);
    expect(options.syncUsers).toBe(100_000);
    expect(options.rounds).toBe(3);
  });

  it('keeps the named scenarios in the usual order, each once', () => {
    const options = parseBenchOptions([
      '--scenarios',
      'patch, get,get',
      '--sync-users',
      '0',
    ]);
    expect(options.scenarios).toEqual(['get', 'patch']);
    expect(options.syncUsers).toBe(0);
  });

  it.each([
    [['--scenarios', 'nope'], /unknown scenario "nope"; choose from create/],
    [['--rounds', '0'], /--rounds must be a whole number from 1 to 10/],
    [['--duration', '1.5'], /--duration must be a whole number/],
    [['--bogus'], /--bogus/],
    [['stray'], /stray/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseBenchOptions(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(argv)).toThrow(message);
  });
});

describe('compareWithFloor', () => {
  const summary = (
    scenario: ScenarioSummary['scenario'],
    server: ScenarioSummary['server'],
    cpuMicrosPerRequest: number,
  ): ScenarioSummary => ({
    scenario,
    server,
    requestsPerSecond: 1000,
    p50Ms: 1,
    p99Ms: 2,
    non2xx: 0,
    errors: 0,
    cpuMicrosPerRequest,
    serverCpuShare: 0.9,
  });

  it("holds each scenario's ratio against its target", () => {
    expect(
      compareWithFloor([
        summary('get', 'ferry', 75),
        summary('get', 'floor', 50),
        summary('create', 'ferry', 180),
        summary('create', 'floor', 100),
      ]),
    ).toEqual([
      { scenario: 'get', ratio: 1.5, roundRatios: [], target: 1.5, met: true },
      {
        scenario: 'create',
        ratio: 1.8,
        roundRatios: [],
        target: 1.7,
        met: false,
      },
    ]);
  });

  it('pairs each round of Ferry with the floor run of the same round', () => {
    const run = (
      server: RunMeasurement['server'],
      round: number,
      cpuMicrosPerRequest: number,
    ): RunMeasurement => ({
      scenario: 'patch',
      server,
      round,
      load: {
        responses: 1000,
        issued: 1000,
        durationSeconds: 4,
        non2xx: 0,
        errors: 0,
        p50Ms: 1,
        p99Ms: 2,
        statusCounts: { '200': 1000 },
      },
      requestsPerSecond: 250,
      serverCpuMs: 100,
      redisCpuMs: 10,
      cpuMicrosPerRequest,
    });
    const [comparison] = compareWithFloor(
      [summary('patch', 'ferry', 150), summary('patch', 'floor', 100)],
      [
        run('ferry', 1, 140),
        run('floor', 1, 100),
        run('ferry', 2, 160),
        run('floor', 2, 80),
      ],
    );
    expect(comparison?.roundRatios).toEqual([1.4, 2]);
  });
});
