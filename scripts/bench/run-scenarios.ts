import type { BenchOptions } from './bench-options.js';
import { LOAD_CORE, type BenchSetup, type ServerName } from './bench-setup.js';
import type { LoadResult } from './load-result.js';
import { measureRun, type RunMeasurement } from './measure-run.js';
import { clockTicksPerSecond } from './proc-stat.js';
import { runLoad } from './run-load.js';
import type { LoadSpec, ScenarioName } from './scenarios.js';

const SERVERS: readonly ServerName[] = ['ferry', 'floor'];

export interface ScenarioRuns {
  readonly runs: RunMeasurement[];
  /** Responses per `<server>-<scenario>`, warm-up included (per profile). */
  readonly responses: Record<string, number>;
}

/**
 * Every scenario in turn: a warm-up per server, then rounds that alternate
 * Ferry and the floor, so that drift on the machine touches both alike.
 * With profiling on, both servers are restarted before each scenario, so
 * that each profile holds one scenario.
 */
export async function runScenarios(
  setup: BenchSetup,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ScenarioRuns> {
  const context = {
    redisPid: setup.redis.pid,
    ticksPerSecond: clockTicksPerSecond(),
    loadCore: LOAD_CORE,
  };
  const loads = new LoadBook(setup, options);
  const runs: RunMeasurement[] = [];
  for (const scenario of options.scenarios) {
    for (const server of SERVERS) {
      if (options.cpuProfile) {
        await setup.restart(server, `${server}-${scenario}`);
      }
      if (options.warmupSeconds === 0) continue;
      const spec = loads.spec(scenario, server, options.warmupSeconds);
      loads.record(spec, server, await runLoad(spec, LOAD_CORE));
    }
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const server of SERVERS) {
        const spec = loads.spec(scenario, server, options.durationSeconds);
        const run = await measureRun(
          context,
          setup.server(server),
          spec,
          round,
        );
        loads.record(spec, server, run.load);
        runs.push(run);
        log(progressLine(run));
      }
    }
  }
  return { runs, responses: loads.responses };
}

/**
 * Builds each run's LoadSpec and keeps count of what earlier runs sent, so
 * that PATCH and PUT go on where they stopped and create never repeats a
 * userName.
 */
class LoadBook {
  readonly responses: Record<string, number> = {};
  private readonly issued = new Map<string, number>();
  private runNumber = 0;

  constructor(
    private readonly setup: BenchSetup,
    private readonly options: BenchOptions,
  ) {}

  spec(
    scenario: ScenarioName,
    server: ServerName,
    durationSeconds: number,
  ): LoadSpec {
    const target = this.setup.server(server);
    this.runNumber += 1;
    return {
      scenario,
      origin: target.origin,
      basePath: target.basePath,
      token: this.setup.token,
      connections: this.options.connections,
      durationSeconds,
      users: this.setup.users[server],
      batch: `run${this.runNumber}`,
      offset: this.issued.get(`${server}-${scenario}`) ?? 0,
    };
  }

  record(spec: LoadSpec, server: ServerName, load: LoadResult): void {
    const key = `${server}-${spec.scenario}`;
    this.issued.set(key, spec.offset + load.issued);
    this.responses[key] = (this.responses[key] ?? 0) + load.responses;
  }
}

function progressLine(run: RunMeasurement): string {
  const { load } = run;
  const failures = load.non2xx + load.errors;
  return (
    `${run.scenario.padEnd(6)} ${run.server.padEnd(5)} round ${run.round}: ` +
    `${run.requestsPerSecond.toFixed(0)} req/s, ` +
    `p50 ${load.p50Ms.toFixed(2)} ms, p99 ${load.p99Ms.toFixed(2)} ms, ` +
    `${run.cpuMicrosPerRequest.toFixed(0)} µs CPU/req` +
    (failures > 0
      ? `, non-2xx ${load.non2xx}, errors ${load.errors}, ` +
        `statuses ${JSON.stringify(load.statusCounts)}`
      : '')
  );
}
