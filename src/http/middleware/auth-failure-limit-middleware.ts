import type { AuthFailureGuard } from '../../limits/auth-failure-guard.js';
import { ScimError } from '../../scim/scim-error.js';
import type { FerryMiddleware } from '../ferry-state.js';
import { tooManyRequests } from './too-many-requests.js';

const DETAIL =
  'This address sent too many requests without a valid token. Check the ' +
  'token the client sends;';

/**
 * Counts each 401 against the client address (FERRY_AUTH_FAILURE_LIMIT per
 * FERRY_AUTH_FAILURE_WINDOW_SECONDS); past the limit the address is
 * answered 429 with Retry-After, valid token or not, until the block ends.
 * Sits inside the error middleware and outside every API surface, so it
 * sees the 401 the token check throws.
 */
export function createAuthFailureLimitMiddleware(
  guard: AuthFailureGuard,
): FerryMiddleware {
  return async (ctx, next) => {
    const blockedMs = guard.blockedForMs(ctx.ip);
    if (blockedMs > 0)
      throw tooManyRequests(blockedMs, `${DETAIL} it is blocked.`);
    try {
      await next();
    } catch (error) {
      if (!(error instanceof ScimError) || error.status !== 401) throw error;
      const decision = await guard.recordFailure(ctx.ip);
      if (!decision.allowed) {
        throw tooManyRequests(
          decision.retryAfterMs,
          `${DETAIL} it is blocked.`,
        );
      }
      throw error;
    }
  };
}
