import { performance } from 'node:perf_hooks';

import { logRequestCompleted } from '../../logging/http-log-lines.js';
import type { FerryMiddleware } from '../ferry-state.js';

/**
 * Writes one line per request once the response is decided, errors
 * included: it sits outside the error middleware.
 */
export function createRequestLogMiddleware(): FerryMiddleware {
  return async (ctx, next) => {
    const startedAt = performance.now();
    try {
      await next();
    } finally {
      logRequestCompleted(ctx.state.logger, {
        method: ctx.method,
        route: matchedRoute(ctx),
        status: ctx.status,
        durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
        tokenName: ctx.state.token?.name,
      });
    }
  };
}

/** @koa/router leaves the matched pattern on the context as routerPath. */
function matchedRoute(ctx: object): string | undefined {
  return 'routerPath' in ctx && typeof ctx.routerPath === 'string'
    ? ctx.routerPath
    : undefined;
}
