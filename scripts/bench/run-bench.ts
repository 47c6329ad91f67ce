// `npm run bench`: Ferry's speed and memory against the floor, the least
// this machine needs for the same Redis work. See bench-options.ts for the
// flags; results go to bench-results/bench-<timestamp>.json.
import { resolve } from 'node:path';

import {
  BenchUsageError,
  parseBenchOptions,
  type BenchOptions,
} from './bench-options.js';
import {
  compareWithFloor,
  formatTable,
  summarise,
  writeResults,
  type ScenarioSummary,
} from './bench-report.js';
import { startBenchRedis, type BenchRedis } from './bench-redis.js';
import { SERVER_CORE, setUpBench, type BenchSetup } from './bench-setup.js';
import { killAllPinnedNow, stopAllPinned } from './pinned-process.js';
import { summariseProfile, type ProfileSummary } from './profile-summary.js';
import { formatProfileReport, scenarioProfiles } from './profile-report.js';
import { runScenarios, type ScenarioRuns } from './run-scenarios.js';
import {
  formatSyncFigures,
  measureSync,
  type SyncFigures,
} from './sync-figures.js';

const startedAt = Date.now();
const log = (line: string) => {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(0).padStart(3);
  console.error(`[bench ${seconds} s] ${line}`);
};

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  let redis: BenchRedis | undefined;
  const stopEverything = async () => {
    await stopAllPinned();
    await redis?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the servers and Redis`);
      void stopEverything().finally(() => process.exit(130));
    });
  }
  // Last resort when the process ends any other way (an uncaught error):
  // nothing this run started may outlive it.
  process.once('exit', () => {
    killAllPinnedNow();
    if (redis !== undefined && !redis.hasStopped()) killQuietly(redis.pid);
  });
  try {
    redis = await startBenchRedis(SERVER_CORE);
    log(`redis-server pid ${redis.pid} at ${redis.url}, pinned to core 0`);
    const setup = await setUpBench(redis, options, log);
    const scenarioRuns = await runScenarios(setup, options, log);
    // Stopping the servers is what makes them write their CPU profiles.
    await stopAllPinned();
    const sync = await syncFigures(options.syncUsers);
    const elapsedSeconds = (Date.now() - startedAt) / 1000;
    await report(options, setup, scenarioRuns, sync, elapsedSeconds);
  } finally {
    await stopEverything();
  }
}

async function syncFigures(users: number): Promise<SyncFigures | undefined> {
  if (users === 0) return undefined;
  log(`sync: ${users} fake Okta users, first and second sync`);
  const figures = await measureSync(users);
  log(
    `sync: first ${Math.round(figures.first.usersPerSecond)} users/s, ` +
      `second ${Math.round(figures.second.usersPerSecond)} users/s`,
  );
  return figures;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function report(
  options: BenchOptions,
  setup: BenchSetup,
  { runs, responses }: ScenarioRuns,
  sync: SyncFigures | undefined,
  elapsedSeconds: number,
): Promise<void> {
  const summaries = summarise(runs);
  const profiles = options.cpuProfile
    ? scenarioProfiles(await readProfiles(options, setup), responses)
    : undefined;
  const path = await writeResults(options.resultsDirectory, {
    options,
    elapsedSeconds,
    memory: setup.memory,
    summaries,
    cpuVersusFloor: compareWithFloor(summaries, runs),
    runs,
    profiles,
    sync,
  });
  if (profiles !== undefined) console.log(formatProfileReport(profiles));
  console.log(formatTable(summaries, runs, setup.memory));
  if (sync !== undefined) console.log(`\n${formatSyncFigures(sync)}`);
  console.log(
    `\n${runsNote(options, summaries)}\nwritten to ${path} ` +
      `in ${elapsedSeconds.toFixed(0)} s`,
  );
}

async function readProfiles(
  options: BenchOptions,
  setup: BenchSetup,
): Promise<Record<string, ProfileSummary>> {
  const profiles: Record<string, ProfileSummary> = {};
  for (const scenario of options.scenarios) {
    for (const server of ['ferry', 'floor']) {
      const name = `${server}-${scenario}`;
      const file = resolve(options.resultsDirectory, `${name}.cpuprofile`);
      profiles[name] = await summariseProfile(file, setup.readyAtMicros(name));
    }
  }
  return profiles;
}

function runsNote(
  options: BenchOptions,
  summaries: readonly ScenarioSummary[],
): string {
  const failed = summaries.some(
    (summary) => summary.non2xx + summary.errors > 0,
  );
  return [
    `${plural(options.rounds, 'round')} × ${options.durationSeconds} s per ` +
      'scenario and ' +
      `server, ${options.connections} connections; medians shown; CPU is ` +
      'server + its Redis per answered request.',
    options.cpuProfile
      ? 'Profiled run: the profiler slows both servers; compare ratios only.'
      : '',
    failed
      ? 'Some requests failed: see non-2xx and the JSON for status codes.'
      : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

try {
  await main();
} catch (error) {
  if (error instanceof BenchUsageError) {
    console.error(`${error.message}\n${error.usage}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
