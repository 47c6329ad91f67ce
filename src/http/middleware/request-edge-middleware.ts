import { performance } from 'node:perf_hooks';

import type { Logger } from 'pino';

import {
  logRequestCompleted,
  requestLogLevel,
} from '../../logging/http-log-lines.js';
import type { FerryMetrics } from '../../metrics/ferry-metrics.js';
import { recordHttpRequest } from '../../metrics/http-request-metrics.js';
import type { FerryMiddleware } from '../ferry-state.js';
import { matchedRoute } from '../matched-route.js';
import { REQUEST_ID_HEADER, requestIdFor } from '../request-id.js';
import { RequestState } from '../request-state.js';
import { respondWithError } from '../scim-error-response.js';

export interface RequestEdgeOptions {
  /** The process logger; each request logs through a child of it. */
  readonly logger: Logger;
  readonly metrics?: FerryMetrics;
}

/**
 * What every request gets once, outermost: an id (echoed as X-Request-Id
 * so a client can quote it), thrown errors turned into SCIM error
 * responses, then the one log line and the metrics, which see the status
 * actually sent. One middleware rather than four: each Koa layer costs a
 * closure and a promise per request.
 */
export function createRequestEdgeMiddleware(
  options: RequestEdgeOptions,
): FerryMiddleware {
  const { logger, metrics } = options;
  return async (ctx, next) => {
    const startedAt = performance.now();
    const state = new RequestState(
      requestIdFor(ctx.get(REQUEST_ID_HEADER)),
      logger,
    );
    ctx.state = state;
    ctx.set(REQUEST_ID_HEADER, state.requestId);
    try {
      await next();
    } catch (error) {
      respondWithError(ctx, error);
    } finally {
      const milliseconds = performance.now() - startedAt;
      const route = matchedRoute(ctx);
      if (metrics !== undefined) {
        recordHttpRequest(metrics, {
          method: ctx.method,
          route,
          status: ctx.status,
          seconds: milliseconds / 1000,
        });
      }
      // Asking the process logger, not the request's, spares the child's
      // creation and the line's fields when the level is off.
      if (logger.isLevelEnabled(requestLogLevel(ctx.status))) {
        logRequestCompleted(state.logger, {
          method: ctx.method,
          route,
          status: ctx.status,
          durationMs: Math.round(milliseconds * 10) / 10,
          tokenName: state.token?.name,
        });
      }
    }
  };
}
