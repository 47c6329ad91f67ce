import { describe, expect, it } from 'vitest';

import {
  BenchUsageError,
  parseBenchOptions,
} from '../../../scripts/bench/bench-options.js';
import {
  compareWithFloor,
  type ScenarioSummary,
} from '../../../scripts/bench/bench-report.js';
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
      { scenario: 'get', ratio: 1.5, target: 1.5, met: true },
      { scenario: 'create', ratio: 1.8, target: 1.7, met: false },
    ]);
  });
});
