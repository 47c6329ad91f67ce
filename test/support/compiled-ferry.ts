import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

let compiled: Promise<{ directory: string; out: string }> | undefined;

/**
 * Ferry's entry points compiled to JavaScript in a directory of their own
 * (src/ and workers/ only), for tests that run them as child processes and
 * signal them. Compiled once per test file; returns the output directory,
 * where e.g. `src/server.js` and `workers/okta-sync-worker.js` are.
 */
export async function compiledFerry(): Promise<string> {
  compiled ??= compile();
  return (await compiled).out;
}

/** Deletes the compiled output; call it in the test file's afterAll. */
export async function removeCompiledFerry(): Promise<void> {
  const done = compiled;
  compiled = undefined;
  if (done) await rm((await done).directory, { recursive: true, force: true });
}

async function compile(): Promise<{ directory: string; out: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'ferry-compiled-'));
  const out = join(directory, 'out');
  const tsconfig = join(directory, 'tsconfig.json');
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: join(PROJECT, 'tsconfig.json'),
      compilerOptions: {
        outDir: out,
        rootDir: PROJECT,
        noEmit: false,
        sourceMap: false,
        typeRoots: [join(PROJECT, 'node_modules/@types')],
      },
      include: [join(PROJECT, 'src'), join(PROJECT, 'workers')],
    }),
  );
  // Type errors elsewhere in a working tree still emit JavaScript; the
  // entry points must exist, which is what is checked.
  await new Promise<void>((done) => {
    execFile(join(PROJECT, 'node_modules/.bin/tsc'), ['-p', tsconfig], () =>
      done(),
    );
  });
  await stat(join(out, 'src/server.js'));
  await writeFile(join(out, 'package.json'), '{"type":"module"}\n');
  await symlink(join(PROJECT, 'node_modules'), join(out, 'node_modules'));
  return { directory, out };
}
