import { performance } from 'node:perf_hooks';

import type { Logger } from 'pino';

import {
  logRequestCompleted,
  requestLogLevel,
} from '../../logging/http-log-lines.js';
import type { FerryMiddleware } from '../ferry-state.js';

/**
 * Writes one line per request once the response is decided, errors
 * included: it sits outside the error middleware. `logger` is the process
 * logger, whose level the request's child shares: asking it, not the
 * child, spares the child's creation and the line's fields when the level
 * is off (request-context-middleware.ts).
 */
export function createRequestLogMiddleware(logger: Logger): FerryMiddleware {
  return async (ctx, next) => {
    const startedAt = performance.now();
    try {
      await next();
    } finally {
      if (logger.isLevelEnabled(requestLogLevel(ctx.status)))
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
