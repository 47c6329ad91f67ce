import { ScimError } from '../../scim/scim-error.js';

/**
 * 429 (RFC 6585 §4) as a SCIM error; RFC 7644 §3.12 defines no scimType
 * for it. Retry-After is in whole seconds, at least 1.
 */
export function tooManyRequests(
  retryAfterMs: number,
  detail: string,
): ScimError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ScimError(429, undefined, `${detail} Retry in ${seconds} s.`, {
    'Retry-After': String(seconds),
  });
}
