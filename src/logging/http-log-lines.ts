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
  if (summary.status >= 500) logger.error(fields, 'request failed');
  else logger.info(fields, 'request completed');
}

/** An error no handler anticipated; the client saw only a generic 500. */
export function logUnexpectedError(logger: Logger, error: unknown): void {
  logger.error({ err: error }, 'unexpected error caught');
}
