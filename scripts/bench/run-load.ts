import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { LoadResult } from './load-result.js';
import type { LoadSpec } from './scenarios.js';

const LOAD_GENERATOR = fileURLToPath(
  new URL('./load-generator.js', import.meta.url),
);

/**
 * Runs one load run in a load-generator child pinned to `core`, so that the
 * load's CPU never competes with the server under test.
 */
export async function runLoad(
  spec: LoadSpec,
  core: number,
): Promise<LoadResult> {
  const child = spawn(
    'taskset',
    ['-c', String(core), process.execPath, LOAD_GENERATOR],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(JSON.stringify(spec));

  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    throw new Error(`load generator exited with ${code}:\n${stderr}`);
  }
  return JSON.parse(stdout) as LoadResult;
}
