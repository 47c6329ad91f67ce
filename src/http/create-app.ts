import Koa from 'koa';
import type { Logger } from 'pino';

import type { TokenAuthenticator } from '../auth/token-authenticator.js';
import { systemClock, type Clock } from '../clock.js';
import type { AppConfig } from '../config/app-config.js';
import { logUnexpectedError } from '../logging/http-log-lines.js';
import type { UserRepository } from '../storage/user-repository.js';
import {
  mountApiSurface,
  type ApiSurface,
  type RouteDefinition,
} from './api-surface.js';
import type { FerryState } from './ferry-state.js';
import { createRequestContextMiddleware } from './middleware/request-context-middleware.js';
import { createRequestLogMiddleware } from './middleware/request-log-middleware.js';
import { createScimErrorMiddleware } from './middleware/scim-error-middleware.js';
import { createScimSurface } from './scim-routes.js';

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
}

/**
 * Builds the web application; the caller listens. Middleware runs outside
 * in: request id and logger, the one log line, the one error translator,
 * then each API surface (token check, media type, body, handler).
 */
export function createApp(dependencies: AppDependencies): Koa<FerryState> {
  const { config, logger, users, tokens } = dependencies;
  const clock = dependencies.clock ?? systemClock;
  const app = new Koa<FerryState>();
  // Errors Koa sees itself, such as a client hanging up mid-response; Koa
  // would print them to the console otherwise.
  app.on('error', (error: unknown) => logUnexpectedError(logger, error));

  app.use(createRequestContextMiddleware(logger));
  app.use(createRequestLogMiddleware());
  app.use(createScimErrorMiddleware());

  const surfaces = [
    createScimSurface({ config, users, clock }),
    ...(dependencies.adminRoutes
      ? [adminSurface(dependencies.adminRoutes)]
      : []),
    ...(dependencies.extraRoutes ?? []),
  ];
  for (const surface of surfaces) {
    mountApiSurface(app, surface, {
      tokens,
      maxBodyBytes: config.maxBodyBytes,
    });
  }
  return app;
}

function adminSurface(routes: readonly RouteDefinition[]): ApiSurface {
  return { name: 'admin', prefix: '/api/v1', middleware: [], routes };
}
