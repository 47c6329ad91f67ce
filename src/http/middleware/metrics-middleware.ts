import { performance } from 'node:perf_hooks';

import type { FerryMetrics } from '../../metrics/ferry-metrics.js';
import {
  scimOperationOf,
  scimOutcomeOf,
} from '../../metrics/scim-operation.js';
import type { FerryMiddleware } from '../ferry-state.js';

/**
 * Counts and times every request by its matched route pattern, so that
 * ids in paths never become label values; requests no route matched are
 * labelled `unmatched`. Sits outside the error middleware, like the request
 * log, to see the status actually sent.
 */
export function createMetricsMiddleware(
  metrics: FerryMetrics,
): FerryMiddleware {
  return async (ctx, next) => {
    const startedAt = performance.now();
    try {
      await next();
    } finally {
      const route = matchedRoute(ctx);
      const labels = {
        method: ctx.method,
        route: route ?? 'unmatched',
        status: String(ctx.status),
      };
      metrics.httpRequests.inc(labels);
      metrics.httpRequestDuration.observe(
        labels,
        (performance.now() - startedAt) / 1000,
      );
      const operation = scimOperationOf(ctx.method, route);
      if (operation) {
        metrics.scimOperations.inc({
          operation,
          outcome: scimOutcomeOf(ctx.status),
        });
      }
    }
  };
}

/** @koa/router leaves the matched pattern on the context as routerPath. */
function matchedRoute(ctx: object): string | undefined {
  return 'routerPath' in ctx && typeof ctx.routerPath === 'string'
    ? ctx.routerPath
    : undefined;
}
