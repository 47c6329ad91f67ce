import { Router } from '@koa/router';
import type Koa from 'koa';

import type { TokenAuthenticator } from '../auth/token-authenticator.js';
import type { FerryMetrics } from '../metrics/ferry-metrics.js';
import type { StoreReadiness } from '../storage/store-readiness.js';
import type { FerryMiddleware, FerryState } from './ferry-state.js';
import { createBearerTokenMiddleware } from './middleware/bearer-token-middleware.js';

export interface OperationsRoutesOptions {
  /** /readyz is served when given. */
  readonly readiness?: () => Promise<StoreReadiness>;
  /** /metrics is served when given. */
  readonly metrics?: FerryMetrics;
  /**
   * Set to require a full-access or read-only token for /metrics
   * (FERRY_METRICS_TOKEN_REQUIRED); the probes never take one.
   */
  readonly metricsTokens?: TokenAuthenticator;
}

/**
 * The endpoints platforms poll, outside the SCIM and admin APIs:
 * - /healthz: the process answers (liveness). It never touches Redis, so
 *   a Redis outage does not get healthy processes restarted.
 * - /readyz: Redis answers PING in time and holds the store's scripts;
 *   503 naming the failed check otherwise (take the process out of the
 *   load balancer until it recovers).
 * - /metrics: Prometheus text format.
 */
export function mountOperationsRoutes(
  app: Koa<FerryState>,
  options: OperationsRoutesOptions,
): void {
  const router = new Router<FerryState>();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  const { readiness, metrics } = options;
  if (readiness) {
    router.get('/readyz', async (ctx) => {
      const { ready, checks } = await readiness();
      ctx.status = ready ? 200 : 503;
      ctx.body = { status: ready ? 'ok' : 'unavailable', checks };
    });
  }
  if (metrics) {
    router.get('/metrics', ...metricsGuard(options), async (ctx) => {
      ctx.body = await metrics.registry.metrics();
      ctx.type = metrics.registry.contentType;
    });
  }
  // Every request passes here first; only these paths need the router.
  // (The router sets ctx.params itself; its type asks the caller for it.)
  const routes = router.routes();
  // As the router matches: any case, with or without a trailing slash.
  const paths = /^\/(?:healthz|readyz|metrics)\/?$/i;
  app.use(async (ctx, next) => {
    if (paths.test(ctx.path)) {
      await routes(ctx as Parameters<typeof routes>[0], next);
    } else {
      await next();
    }
  });
}

function metricsGuard(options: OperationsRoutesOptions): FerryMiddleware[] {
  if (options.metricsTokens === undefined) return [];
  return [
    createBearerTokenMiddleware(options.metricsTokens, {
      surface: 'admin',
      access: 'read',
    }),
  ];
}
