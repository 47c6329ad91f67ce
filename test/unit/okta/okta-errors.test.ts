import { describe, expect, it } from 'vitest';

import {
  OktaCredentialsError,
  OktaRequestError,
  OktaUnavailableError,
  translateOktaError,
} from '../../../src/okta/okta-errors.js';

/** Shaped like the SDK's OktaApiError. */
function sdkError(
  status: number,
  errorCode: string,
  errorSummary: string,
): Error {
  return Object.assign(new Error(`Okta HTTP ${status}`), {
    status,
    errorCode,
    errorSummary,
    url: 'https://example.okta.com/api/v1/users?limit=200',
  });
}

describe('translateOktaError', () => {
  it('turns 401 and 403 into a credentials error that is not retried', () => {
    const unauthorized = translateOktaError(
      sdkError(401, 'E0000011', 'Invalid token provided'),
    );
    const forbidden = translateOktaError(
      sdkError(403, 'E0000006', 'You do not have permission'),
    );

    expect(unauthorized).toBeInstanceOf(OktaCredentialsError);
    expect(unauthorized).toMatchObject({ retryable: false, httpStatus: 401 });
    expect((unauthorized as Error).message).toMatch(
      /^Okta refused the credentials for \/api\/v1\/users \(401 E0000011: Invalid token provided\)/,
    );
    expect(forbidden).toMatchObject({ retryable: false, httpStatus: 403 });
  });

  it('turns another 4xx into a request error that names what to check', () => {
    const error = translateOktaError(
      sdkError(400, 'E0000031', 'Invalid search criteria.'),
    );

    expect(error).toBeInstanceOf(OktaRequestError);
    expect((error as Error).message).toBe(
      'Okta rejected /api/v1/users (400 E0000031: Invalid search criteria.). ' +
        'Check OKTA_ORG_URL, and OKTA_USER_SEARCH when it is set',
    );
  });

  it('passes its own errors and unrelated ones through', () => {
    const own = new OktaUnavailableError(
      3,
      '503 Service Unavailable',
      '/api/v1/users',
    );
    const other = new TypeError('boom');

    expect(translateOktaError(own)).toBe(own);
    expect(translateOktaError(other)).toBe(other);
  });
});
