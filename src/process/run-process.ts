import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import type { AppConfig } from '../config/app-config.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { createLogger, type Logger } from '../logging/create-logger.js';
import { UnsafeRedisSettingsError } from '../storage/redis-settings-check.js';
import { errorSummary } from '../logging/error-summary.js';

/** Something a process runs until it is told to stop. */
export interface RunningService {
  close(): Promise<void>;
}

export type StartService = (
  config: AppConfig,
  logger: Logger,
) => Promise<RunningService>;

/**
 * The life of one of Ferry's processes: read the configuration, start the
 * service, and on SIGTERM (what a platform sends before replacing a
 * process) or SIGINT (Ctrl-C) close it and exit 0. A second signal exits at
 * once. Anything that stops the start exits 1 with one line on stderr
 * per reason (each unsafe Redis setting is one).
 */
export async function runProcess(
  name: string,
  start: StartService,
): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({
    level: config.logLevel,
    name,
    pretty: process.stdout.isTTY === true,
  });
  let service: RunningService;
  try {
    service = await start(config, logger);
  } catch (error) {
    logger.fatal({ error: errorSummary(error) }, 'start failed');
    exitWith(
      ...reasonsNotStarted(error).map((r) => `Ferry cannot start: ${r}`),
    );
  }
  closeOnSignal(service, logger);
}

/** True when the module at `moduleUrl` is the script node was asked to run. */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === moduleUrl;
  } catch {
    return false;
  }
}

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    exitWith(`Ferry cannot start: ${error.message}`);
  }
}

function closeOnSignal(service: RunningService, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal received; exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutdown started');
    service.close().then(
      () => {
        logger.info('shutdown finished');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ error: errorSummary(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function exitWith(...lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(1);
}

function reasonsNotStarted(error: unknown): readonly string[] {
  if (error instanceof UnsafeRedisSettingsError) return error.problems;
  return [error instanceof Error ? error.message : String(error)];
}
