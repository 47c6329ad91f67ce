import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { compiledFerry } from './compiled-ferry.js';

export interface FerryChild {
  readonly process: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves with the first stdout line that `matches`. */
  waitForLine(
    matches: (line: string) => boolean,
    timeoutMs?: number,
  ): Promise<string>;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/**
 * Runs one of Ferry's compiled entry points (`src/server.js`,
 * `workers/okta-sync-worker.js`, `src/cli/ferry.js`) with exactly the
 * environment given (plus PATH), so nothing leaks in from the test's own.
 */
export async function startFerryChild(
  entryPoint: string,
  args: readonly string[],
  environment: Readonly<Record<string, string>>,
): Promise<FerryChild> {
  const out = await compiledFerry();
  const child = spawn(process.execPath, [join(out, entryPoint), ...args], {
    env: { PATH: process.env.PATH ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const watchers: ((line: string) => void)[] = [];
  collect(child.stdout, (line) => {
    stdout.push(line);
    for (const watcher of watchers) watcher(line);
  });
  collect(child.stderr, (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    process: child,
    stdout,
    stderr,
    exited,
    waitForLine: (matches, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const seen = stdout.find(matches);
        if (seen !== undefined) return resolve(seen);
        const timer = setTimeout(
          () => reject(new Error(`no such line; stderr: ${stderr.join('\n')}`)),
          timeoutMs,
        );
        watchers.push((line) => {
          if (!matches(line)) return;
          clearTimeout(timer);
          resolve(line);
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`exited first; stderr: ${stderr.join('\n')}`));
        });
      }),
  };
}

function collect(
  stream: NodeJS.ReadableStream | null,
  onLine: (line: string) => void,
): void {
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}
