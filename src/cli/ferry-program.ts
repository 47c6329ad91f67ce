import { Command, Option } from 'commander';

import { TOKEN_ROLES, type TokenRole } from '../auth/token-role.js';
import type { Clock } from '../clock.js';
import type { CliOutput } from './cli-output.js';
import {
  addEventsCommands,
  type EventsCliEnvironment,
} from './events-commands.js';
import {
  createToken,
  listTokens,
  revokeToken,
  type TokenStore,
} from './token-commands.js';

export interface CliEnvironment {
  /** Opens the store for one command; `close` runs when it is done. */
  openTokenStore(): Promise<{ store: TokenStore; close(): Promise<void> }>;
  readonly output: CliOutput;
  readonly clock: Clock;
  /** Adds `ferry events tail` when given. */
  readonly events?: Omit<EventsCliEnvironment, 'output'>;
}

/**
 * The `ferry` command line. Built from its environment so tests can run it
 * in-process; src/cli/ferry.ts runs it for real.
 */
export function createFerryProgram(environment: CliEnvironment): Command {
  const { output } = environment;
  // Set before the subcommands are added, which inherit them: usage errors
  // throw a CommanderError instead of exiting, and go through `output`.
  const program = new Command('ferry')
    .description('Operate Ferry, the SCIM directory kept in step with Okta.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.stdout(text.trimEnd()),
      writeErr: (text) => output.stderr(text.trimEnd()),
    })
    .showHelpAfterError();
  const tokens = program
    .command('tokens')
    .description('Manage the bearer tokens that call the SCIM and admin APIs.');

  tokens
    .command('create')
    .description('Make a token and print its secret, alone, on stdout.')
    .requiredOption('--name <name>', 'a unique name, such as okta')
    .addOption(
      new Option('--role <role>', 'what the token may do')
        .choices(TOKEN_ROLES)
        .makeOptionMandatory(),
    )
    .action((options: { name: string; role: TokenRole }) =>
      withStore(environment, (store) =>
        createToken(store, options, environment.output, environment.clock),
      ),
    );

  tokens
    .command('list')
    .description('Show every token: name, role, created, last used.')
    .action(() =>
      withStore(environment, (store) => listTokens(store, environment.output)),
    );

  tokens
    .command('revoke')
    .description('Delete a token; it stops working within 5 seconds.')
    .requiredOption('--name <name>', 'the token to revoke')
    .action((options: { name: string }) =>
      withStore(environment, (store) =>
        revokeToken(store, options, environment.output),
      ),
    );

  if (environment.events) {
    addEventsCommands(program, { ...environment.events, output });
  }
  return program;
}

async function withStore(
  environment: CliEnvironment,
  run: (store: TokenStore) => Promise<void>,
): Promise<void> {
  const opened = await environment.openTokenStore();
  try {
    await run(opened.store);
  } finally {
    await opened.close();
  }
}
