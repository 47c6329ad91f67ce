import type { RateLimit } from '../../limits/rate-limit.js';
import type { FerryMiddleware } from '../ferry-state.js';
import { tooManyRequests } from './too-many-requests.js';

/**
 * Counts each authenticated request against its token's budget
 * (FERRY_RATE_LIMIT_REQUESTS per FERRY_RATE_LIMIT_WINDOW_SECONDS, shared
 * by every web process) and answers 429 with Retry-After once it is spent.
 * Runs after authentication, so it knows the token.
 */
export function createTokenRateLimitMiddleware(
  limit: RateLimit,
  budget: { readonly requests: number; readonly windowSeconds: number },
): FerryMiddleware {
  return async (ctx, next) => {
    const token = ctx.state.token;
    if (token) {
      const decision = await limit.take(token.name);
      if (!decision.allowed) {
        throw tooManyRequests(
          decision.retryAfterMs,
          `Token "${token.name}" made more than ${budget.requests} requests ` +
            `in ${budget.windowSeconds} s. Send requests more slowly.`,
        );
      }
    }
    await next();
  };
}
