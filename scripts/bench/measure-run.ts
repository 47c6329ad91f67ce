import type { BenchServer } from './bench-servers.js';
import type { LoadResult } from './load-result.js';
import { readCpuTicks } from './proc-stat.js';
import { runLoad } from './run-load.js';
import type { LoadSpec, ScenarioName } from './scenarios.js';

/** One measured run of one scenario against one server. */
export interface RunMeasurement {
  readonly scenario: ScenarioName;
  readonly server: BenchServer['name'];
  readonly round: number;
  readonly load: LoadResult;
  readonly requestsPerSecond: number;
  /** CPU the server process used, in ms. */
  readonly serverCpuMs: number;
  /** CPU its Redis used, in ms. */
  readonly redisCpuMs: number;
  /** (server + Redis CPU) per answered request, in µs. */
  readonly cpuMicrosPerRequest: number;
}

export interface MeasureContext {
  readonly redisPid: number;
  readonly ticksPerSecond: number;
  readonly loadCore: number;
}

/**
 * Runs the load and reads the server's and Redis's CPU time from
 * /proc/<pid>/stat just before and just after it. Both sit idle between
 * runs, so the difference is what the run cost them.
 */
export async function measureRun(
  context: MeasureContext,
  server: BenchServer,
  spec: LoadSpec,
  round: number,
): Promise<RunMeasurement> {
  const serverBefore = readCpuTicks(server.process.pid);
  const redisBefore = readCpuTicks(context.redisPid);
  const load = await runLoad(spec, context.loadCore);
  const msPerTick = 1000 / context.ticksPerSecond;
  const serverCpuMs =
    (readCpuTicks(server.process.pid) - serverBefore) * msPerTick;
  const redisCpuMs = (readCpuTicks(context.redisPid) - redisBefore) * msPerTick;
  const answered = Math.max(1, load.responses);
  return {
    scenario: spec.scenario,
    server: server.name,
    round,
    load,
    requestsPerSecond: load.responses / load.durationSeconds,
    serverCpuMs,
    redisCpuMs,
    cpuMicrosPerRequest: ((serverCpuMs + redisCpuMs) * 1000) / answered,
  };
}
