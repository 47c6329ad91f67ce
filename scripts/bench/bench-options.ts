import { parseArgs } from 'node:util';

import { SCENARIOS, type ScenarioName } from './scenarios.js';

export interface BenchOptions {
  /** Users seeded into each server before the scenarios. */
  readonly users: number;
  readonly connections: number;
  /** Measured runs per scenario and server, alternating. */
  readonly rounds: number;
  /** Length of a measured run; ticks are 10 ms, so a few seconds at least. */
  readonly durationSeconds: number;
  /** Unmeasured run before each scenario's first round, per server. */
  readonly warmupSeconds: number;
  /** Write a V8 CPU profile per scenario and server to the results folder. */
  readonly cpuProfile: boolean;
  readonly resultsDirectory: string;
  /** The scenarios to run, in the order SCENARIOS lists them. */
  readonly scenarios: readonly ScenarioName[];
  /** Fake Okta users for the sync measurement; 0 leaves it out. */
  readonly syncUsers: number;
}

const USAGE =
  'usage: npm run bench -- [--cpu-prof] [--rounds 3] [--duration 4] ' +
  '[--warmup 1] [--users 10000] [--connections 32] ' +
  `[--scenarios ${SCENARIOS.join(',')}] [--sync-users 100000]`;

/** A command line the benchmark cannot run; the message says why. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
  readonly usage = USAGE;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  try {
    return readOptions(argv);
  } catch (error) {
    if (error instanceof BenchUsageError) throw error;
    // node:util parseArgs: an unknown option, a missing value, a stray word.
    throw new BenchUsageError(
      error instanceof Error ? error.message : String(error),
    );
  }
}

function readOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'cpu-prof': { type: 'boolean', default: false },
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '1' },
      users: { type: 'string', default: '10000' },
      connections: { type: 'string', default: '32' },
      scenarios: { type: 'string', default: SCENARIOS.join(',') },
      'sync-users': { type: 'string', default: '100000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    users: whole('users', values.users, 200, 1_000_000),
    connections: whole('connections', values.connections, 1, 1_000),
    rounds: whole('rounds', values.rounds, 1, 10),
    durationSeconds: whole('duration', values.duration, 1, 60),
    warmupSeconds: whole('warmup', values.warmup, 0, 60),
    cpuProfile: values['cpu-prof'],
    resultsDirectory: 'bench-results',
    scenarios: scenarioList(values.scenarios),
    syncUsers: whole('sync-users', values['sync-users'], 0, 1_000_000),
  };
}

function scenarioList(text: string): ScenarioName[] {
  const named = new Set(text.split(',').map((name) => name.trim()));
  for (const name of named) {
    if (!(SCENARIOS as readonly string[]).includes(name)) {
      throw new BenchUsageError(
        `--scenarios: unknown scenario "${name}"; choose from ` +
          SCENARIOS.join(', '),
      );
    }
  }
  return SCENARIOS.filter((scenario) => named.has(scenario));
}

function whole(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BenchUsageError(
      `--${name} must be a whole number from ${min} to ${max}`,
    );
  }
  return value;
}
