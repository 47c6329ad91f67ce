/**
 * Errors of the Okta boundary. Each says whether trying again later can
 * help (`retryable`); the sync processor turns that into BullMQ's retry or
 * UnrecoverableError, and nothing else inspects the SDK's own errors.
 */
export abstract class OktaError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
}

/** Okta refused the credentials: the token endpoint, or a 401/403 answer. */
export class OktaCredentialsError extends OktaError {
  override readonly name = 'OktaCredentialsError';
  readonly code = 'OKTA_CREDENTIALS_REFUSED';
  readonly retryable = false;

  constructor(
    readonly httpStatus: number,
    detail: string,
  ) {
    super(detail);
  }
}

/** Okta answered a request with a 4xx that waiting will not change. */
export class OktaRequestError extends OktaError {
  override readonly name = 'OktaRequestError';
  readonly code = 'OKTA_REQUEST_REFUSED';
  readonly retryable = false;

  constructor(
    readonly httpStatus: number,
    readonly oktaErrorCode: string | undefined,
    detail: string,
  ) {
    super(detail);
  }
}

/** 5xx answers or network failures outlasted the retries of one request. */
export class OktaUnavailableError extends OktaError {
  override readonly name = 'OktaUnavailableError';
  readonly code = 'OKTA_UNAVAILABLE';
  readonly retryable = true;

  constructor(
    readonly attempts: number,
    readonly lastFailure: string,
    path: string,
  ) {
    super(
      `Okta did not answer ${path} after ${attempts} attempts ` +
        `(last: ${lastFailure}); the sync will be retried later`,
    );
  }
}

/** Waiting for Okta's rate limit to reset would exceed the time allowed. */
export class OktaRateLimitedError extends OktaError {
  override readonly name = 'OktaRateLimitedError';
  readonly code = 'OKTA_RATE_LIMITED';
  readonly retryable = true;

  constructor(
    readonly resetAt: Date,
    maxWaitMs: number,
    path: string,
  ) {
    super(
      `Okta's rate limit for ${path} resets at ${resetAt.toISOString()}, ` +
        `later than the ${Math.round(maxWaitMs / 1000)} s a request may ` +
        'wait; ' +
        'the sync will be retried later (other integrations may be using ' +
        "the org's rate limit)",
    );
  }
}

/** The shape of the SDK's OktaApiError and HttpError that we rely on. */
interface SdkHttpError {
  readonly status: number;
  readonly url?: string;
  readonly errorCode?: string;
  readonly errorSummary?: string;
}

/**
 * Turns an error the SDK threw into one of ours; anything else (our own
 * errors, aborts, programming errors) passes through unchanged.
 */
export function translateOktaError(error: unknown): unknown {
  if (error instanceof OktaError || !isSdkHttpError(error)) return error;
  const path = pathOf(error.url);
  const answer =
    `${error.status}` +
    (error.errorCode ? ` ${error.errorCode}` : '') +
    (error.errorSummary ? `: ${error.errorSummary}` : '');
  if (error.status === 401) {
    return new OktaCredentialsError(
      401,
      `Okta refused the credentials for ${path} (${answer}). Check ` +
        'OKTA_API_TOKEN (expired or revoked?) or, for a service app, ' +
        'OKTA_CLIENT_ID, OKTA_PRIVATE_KEY and OKTA_KEY_ID',
    );
  }
  if (error.status === 403) {
    return new OktaCredentialsError(
      403,
      `Okta denied ${path} (${answer}). The API token's admin needs read ` +
        'access to users, or the service app needs the okta.users.read scope ' +
        'granted and an admin role',
    );
  }
  return new OktaRequestError(
    error.status,
    error.errorCode,
    `Okta rejected ${path} (${answer}). Check OKTA_ORG_URL, and ` +
      'OKTA_USER_SEARCH when it is set',
  );
}

function isSdkHttpError(error: unknown): error is SdkHttpError {
  return (
    error instanceof Error &&
    typeof (error as Partial<SdkHttpError>).status === 'number'
  );
}

export function pathOf(url: string | undefined): string {
  if (url === undefined) return 'the Okta API';
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
