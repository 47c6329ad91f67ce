import type { Logger } from 'pino';

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
  logger.error({ err: errorSummary(error) }, 'unexpected error caught');
}

/** Redis was away for a request; the client was answered 503. */
export function logStoreUnavailable(logger: Logger, error: Error): void {
  const reason =
    error.cause === undefined
      ? 'no connection to Redis within FERRY_REDIS_TIMEOUT_MS'
      : errorSummary(error.cause).message;
  logger.error({ reason }, 'store unavailable');
}

/**
 * An error by allow-list: class, code, message, stack and the same of its
 * cause. Never the error's other fields: an ioredis reply error carries
 * the command's arguments, which hold user records and audit events.
 */
export function errorSummary(error: unknown): {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: unknown;
} {
  if (!(error instanceof Error))
    return { type: typeof error, message: String(error) };
  const code =
    'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return {
    type: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(error.cause === undefined ? {} : { cause: errorSummary(error.cause) }),
  };
}
