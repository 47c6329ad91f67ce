import type { Command } from 'commander';

import type { CliOutput } from './cli-output.js';
import { tailAuditEvents } from './events-tail.js';
import type { EventFollower } from './open-event-follower.js';

export interface EventsCliEnvironment {
  openEventFollower(): Promise<EventFollower>;
  readonly output: CliOutput;
  /**
   * Calls `listener` on Ctrl-C (SIGINT) until the returned function is
   * called. A tail ends there, and the command exits 0.
   */
  onInterrupt(listener: () => void): () => void;
}

/** `ferry events tail [--json]`. */
export function addEventsCommands(
  program: Command,
  environment: EventsCliEnvironment,
): void {
  const events = program
    .command('events')
    .description('Read the audit trail of changes to users.');

  events
    .command('tail')
    .description(
      'Print changes as they happen, one per line, until Ctrl-C. The ' +
        'whole trail is at GET /api/v1/events.',
    )
    .option('--json', 'print one JSON object per line', false)
    .action(async (options: { json: boolean }) => {
      const follower = await environment.openEventFollower();
      const interrupt = new AbortController();
      const stopListening = environment.onInterrupt(() => interrupt.abort());
      try {
        await tailAuditEvents({
          ...follower,
          output: environment.output,
          json: options.json,
          signal: interrupt.signal,
          // Said only once the starting point is fixed, so that a change
          // made after the message is sure to be printed.
          onFollowing: () =>
            environment.output.stderr(
              'Following the audit trail; Ctrl-C to stop.',
            ),
        });
      } finally {
        stopListening();
        follower.redis.disconnect();
      }
    });
}
