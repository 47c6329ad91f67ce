import { readFile } from 'node:fs/promises';

/**
 * The Node flags the Procfile's `web` line starts Ferry with, such as its
 * young-generation size. The benchmark starts Ferry and the floor alike
 * with them, so that it measures the production command and the two
 * servers run on the same runtime settings.
 */
export async function webNodeFlags(procfilePath: string): Promise<string[]> {
  const text = await readFile(procfilePath, 'utf8');
  const line = text
    .split('\n')
    .map((entry) => /^web:\s*(.*)$/.exec(entry.trim())?.[1])
    .find((command) => command !== undefined);
  if (line === undefined) {
    throw new Error(`${procfilePath} has no "web:" line to take flags from`);
  }
  const [program, ...words] = line.split(/\s+/);
  if (program !== 'node') {
    throw new Error(`the Procfile's web line runs ${program}, not node`);
  }
  return words.filter((word) => word.startsWith('--'));
}
