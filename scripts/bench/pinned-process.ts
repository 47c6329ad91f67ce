import { spawn, type ChildProcess } from 'node:child_process';

/** A child process bound to one CPU core, so its CPU time is its own. */
export interface PinnedProcess {
  readonly pid: number;
  readonly name: string;
  /** Whatever the process wrote to stderr, for error messages. */
  stderrText(): string;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface PinnedProcessOptions {
  readonly name: string;
  readonly core: number;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

const running = new Set<PinnedProcess>();

/**
 * Starts `command` under `taskset -c <core>`. taskset execs the command, so
 * the child's pid is the command's own pid and /proc/<pid>/stat measures it.
 */
export async function spawnPinned(
  options: PinnedProcessOptions,
): Promise<PinnedProcess> {
  const child = spawn(
    'taskset',
    ['-c', String(options.core), options.command, ...options.args],
    { env: options.env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const pinned = describe(child, options.name, () => stderr);
  running.add(pinned);
  return pinned;
}

/**
 * Kills every pinned process still running, at once and synchronously: for
 * the 'exit' event, when there is no time left to wait for a clean stop.
 */
export function killAllPinnedNow(): void {
  for (const pinned of running) {
    try {
      process.kill(pinned.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

/** Stops every pinned process still running, newest first. */
export async function stopAllPinned(): Promise<void> {
  for (const pinned of [...running].reverse()) await pinned.stop(2_000);
}

function describe(
  child: ChildProcess,
  name: string,
  stderrText: () => string,
): PinnedProcess {
  if (child.pid === undefined) throw new Error(`${name} has no pid`);
  const pinned: PinnedProcess = {
    pid: child.pid,
    name,
    stderrText,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    stop: (graceMs = 10_000) => {
      running.delete(pinned);
      return stopChild(child, graceMs);
    },
  };
  return pinned;
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Polls `url` until it answers any HTTP status, or the process exits. */
export async function waitForHttp(
  pinned: PinnedProcess,
  url: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pinned.hasExited()) {
      throw new Error(`${pinned.name} exited early:\n${pinned.stderrText()}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(
    `${pinned.name} did not answer ${url} within ${timeoutMs} ms`,
  );
}
