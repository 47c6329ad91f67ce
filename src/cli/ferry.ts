#!/usr/bin/env node
import { CommanderError } from 'commander';

import { systemClock } from '../clock.js';
import { loadConfig } from '../config/load-config.js';
import { processOutput } from './cli-output.js';
import { createFerryProgram } from './ferry-program.js';
import { openEventFollower } from './open-event-follower.js';
import { openTokenStore } from './open-token-store.js';

/**
 * `ferry tokens create|list|revoke` and `ferry events tail`. Any failure
 * prints one line saying what to do and exits 1; commander reports usage
 * errors itself. Ctrl-C ends a tail with exit code 0.
 */
async function main(): Promise<void> {
  const program = createFerryProgram({
    openTokenStore: () => openTokenStore(loadConfig()),
    output: processOutput,
    clock: systemClock,
    events: {
      openEventFollower: () => openEventFollower(loadConfig()),
      onInterrupt: (listener) => {
        process.once('SIGINT', listener);
        return () => process.off('SIGINT', listener);
      },
    },
  });
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    process.exitCode = error instanceof CommanderError ? error.exitCode : 1;
    if (!(error instanceof CommanderError)) {
      const message = error instanceof Error ? error.message : String(error);
      processOutput.stderr(`ferry: ${message}`);
    }
  }
}

await main();
