import Koa from 'koa';
import type { Logger } from 'pino';

import type { TokenAuthenticator } from '../auth/token-authenticator.js';
import { systemClock, type Clock } from '../clock.js';
import type { AppConfig } from '../config/app-config.js';
import { logUnexpectedError } from '../logging/http-log-lines.js';
import { ScimError } from '../scim/scim-error.js';
import type { UserRepository } from '../storage/user-repository.js';
import {
  mountApiSurface,
  type ApiSurface,
  type RouteDefinition,
} from './api-surface.js';
import type { AppOperations } from './app-operations.js';
import { createEventsRoutes } from './events-routes.js';
import type { FerryMiddleware, FerryState } from './ferry-state.js';
import { createAuthFailureLimitMiddleware } from './middleware/auth-failure-limit-middleware.js';
import { createRequestEdgeMiddleware } from './middleware/request-edge-middleware.js';
import { createTokenRateLimitMiddleware } from './middleware/token-rate-limit-middleware.js';
import { mountOperationsRoutes } from './operations-routes.js';
import { createScimSurface, SCIM_BASE_PATH } from './scim-routes.js';

export interface AppDependencies {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly users: UserRepository;
  readonly tokens: TokenAuthenticator;
  readonly clock?: Clock;
  /**
   * APIs mounted beside SCIM, each under its own prefix with its own token
   * rules, such as the admin API at /api/v1 (see api-surface.ts).
   */
  readonly extraRoutes?: readonly ApiSurface[];
  /**
   * Routes of the admin API, mounted together at /api/v1 so that one
   * fallback answers its unknown paths (sync-routes.ts).
   */
  readonly adminRoutes?: readonly RouteDefinition[];
  /**
   * Readiness, metrics, the audit trail API and the Redis-backed limits
   * (app-operations.ts); /healthz is served either way.
   */
  readonly operations?: AppOperations;
}

/**
 * Builds the web application; the caller listens. Middleware runs outside
 * in: the request edge (id, error translation, log line, metrics), the
 * probes and /metrics, the block on addresses that failed to authenticate
 * too often, then each API surface (token and role check, rate limit,
 * media type, body for the methods that carry one, handler).
 */
export function createApp(dependencies: AppDependencies): Koa<FerryState> {
  const { config, logger } = dependencies;
  const app = new Koa<FerryState>();
  // Errors Koa sees itself, such as a client hanging up mid-response; Koa
  // would print them to the console otherwise.
  app.on('error', (error: unknown) => logUnexpectedError(logger, error));
  // Behind a proxy, the address it saw is the last X-Forwarded-For entry.
  app.proxy = config.trustProxy;
  app.maxIpsCount = 1;

  useEdgeMiddleware(app, dependencies);
  for (const surface of apiSurfaces(dependencies)) {
    mountApiSurface(app, surface, {
      tokens: dependencies.tokens,
      maxBodyBytes: config.maxBodyBytes,
      maxJsonDepth: config.limits.maxJsonDepth,
      afterAuthentication: rateLimits(dependencies.operations),
    });
  }
  app.use(answerUnknownPath);
  return app;
}

/**
 * Paths outside every API and probe, answered as a SCIM error like every
 * other error rather than with Koa's plain-text "Not Found".
 */
const answerUnknownPath: FerryMiddleware = (ctx) => {
  throw new ScimError(
    404,
    undefined,
    `Ferry has no endpoint at ${ctx.path}. The SCIM API is under ` +
      `${SCIM_BASE_PATH}, the admin API under /api/v1.`,
  );
};

function useEdgeMiddleware(
  app: Koa<FerryState>,
  dependencies: AppDependencies,
): void {
  const { config, logger, tokens, operations } = dependencies;
  app.use(
    createRequestEdgeMiddleware({
      logger,
      ...(operations ? { metrics: operations.metrics } : {}),
    }),
  );
  mountOperationsRoutes(app, {
    ...(operations
      ? { readiness: operations.readiness, metrics: operations.metrics }
      : {}),
    ...(config.metricsTokenRequired ? { metricsTokens: tokens } : {}),
  });
  if (operations?.authFailures) {
    app.use(createAuthFailureLimitMiddleware(operations.authFailures));
  }
}

function apiSurfaces(dependencies: AppDependencies): ApiSurface[] {
  const { config, users, operations } = dependencies;
  const clock = dependencies.clock ?? systemClock;
  const adminRoutes = [
    ...(dependencies.adminRoutes ?? []),
    ...(operations ? createEventsRoutes(operations.auditEvents) : []),
  ];
  return [
    createScimSurface({ config, users, clock }),
    ...(adminRoutes.length > 0 ? [adminSurface(adminRoutes)] : []),
    ...(dependencies.extraRoutes ?? []),
  ];
}

function rateLimits(operations: AppOperations | undefined): FerryMiddleware[] {
  const budget = operations?.tokenRateLimit;
  if (!budget) return [];
  return [createTokenRateLimitMiddleware(budget.limit, budget)];
}

function adminSurface(routes: readonly RouteDefinition[]): ApiSurface {
  return { name: 'admin', prefix: '/api/v1', middleware: [], routes };
}
