import type { Logger } from 'pino';

import { errorSummary } from './error-summary.js';

/**
 * Every line the HTTP edge writes. Fields are allow-listed: never headers,
 * bodies, tokens or query values, which carry secrets and personal data.
 */
export interface RequestSummary {
  readonly method: string;
  /** The matched route pattern, such as /scim/v2/Users/:id; never the URL. */
  readonly route: string | undefined;
  readonly status: number;
  readonly durationMs: number;
  /** The token's name, once authenticated. */
  readonly tokenName: string | undefined;
}

/** The level of a request's line: error for a 5xx, info otherwise. */
export function requestLogLevel(status: number): 'error' | 'info' {
  return status >= 500 ? 'error' : 'info';
}

export function logRequestCompleted(
  logger: Logger,
  summary: RequestSummary,
): void {
  const fields = {
    method: summary.method,
    route: summary.route ?? null,
    status: summary.status,
    durationMs: summary.durationMs,
    tokenName: summary.tokenName ?? null,
  };
  if (requestLogLevel(summary.status) === 'error')
    logger.error(fields, 'request failed');
  else logger.info(fields, 'request completed');
}

/** An error no handler anticipated; the client saw only a generic 500. */
export function logUnexpectedError(logger: Logger, error: unknown): void {
  logger.error({ error: errorSummary(error) }, 'unexpected error caught');
}

/** Redis was away for a request; the client was answered 503. */
export function logStoreUnavailable(logger: Logger, error: Error): void {
  const reason =
    error.cause === undefined
      ? 'no connection to Redis within FERRY_REDIS_TIMEOUT_MS'
      : errorSummary(error.cause).message;
  logger.error({ reason }, 'store unavailable');
}
