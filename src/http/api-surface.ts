import { Router } from '@koa/router';
import type Koa from 'koa';

import type { TokenAuthenticator } from '../auth/token-authenticator.js';
import type { ApiSurfaceName, RouteAccess } from '../auth/token-role.js';
import { ScimError } from '../scim/scim-error.js';
import type {
  FerryMiddleware,
  FerryRouteHandler,
  FerryState,
} from './ferry-state.js';
import { createBearerTokenMiddleware } from './middleware/bearer-token-middleware.js';
import { createJsonBodyMiddleware } from './middleware/json-body-middleware.js';

export interface RouteDefinition {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Relative to the surface's prefix, in @koa/router syntax. */
  readonly path: string;
  /**
   * Which token roles may call it (src/auth/token-role.ts); `public` routes,
   * such as a liveness probe, take no token at all.
   */
  readonly access: RouteAccess | 'public';
  readonly handler: FerryRouteHandler;
}

/**
 * One API under one path prefix: the SCIM API at /scim/v2, the admin API at
 * /api/v1. Every route of a surface requires a bearer token whose role
 * allows the surface and the route's access.
 */
export interface ApiSurface {
  readonly name: ApiSurfaceName;
  readonly prefix: string;
  /** Run for each route after authentication, before the body is parsed. */
  readonly middleware: readonly FerryMiddleware[];
  readonly routes: readonly RouteDefinition[];
}

export interface SurfaceOptions {
  readonly tokens: TokenAuthenticator;
  readonly maxBodyBytes: number;
  /** Deepest nesting a parsed body may have (FERRY_MAX_JSON_DEPTH). */
  readonly maxJsonDepth: number;
  /** Run for each authenticated route first, such as a rate limit. */
  readonly afterAuthentication?: readonly FerryMiddleware[];
}

/**
 * Adds the surface's routes to the app, then a fallback that answers
 * unknown paths under the prefix with 404 and known paths called with the
 * wrong method with 405 and `Allow` (RFC 9110 §15.5.6), both as SCIM errors
 * and both only to an authenticated client.
 */
export function mountApiSurface(
  app: Koa<FerryState>,
  surface: ApiSurface,
  options: SurfaceOptions,
): void {
  const authenticate = createBearerTokenMiddleware(options.tokens);
  const parseBody = createJsonBodyMiddleware(options);
  const limits = options.afterAuthentication ?? [];
  const router = new Router<FerryState>({ prefix: surface.prefix });

  // Middleware is attached per route, not with router.use, so the matched
  // pattern (ctx.routerPath) is known even when authentication fails.
  for (const route of surface.routes) {
    const guard =
      route.access === 'public'
        ? []
        : [
            createBearerTokenMiddleware(options.tokens, {
              surface: surface.name,
              access: route.access,
            }),
            ...limits,
          ];
    router[route.method](
      route.path,
      ...guard,
      ...surface.middleware,
      // GET and DELETE carry no body Ferry reads; skipping the parser
      // spares them a layer.
      ...(METHODS_WITH_BODY.has(route.method) ? [parseBody] : []),
      route.handler,
    );
  }
  app.use(router.routes());
  app.use(unmatchedRouteMiddleware(surface.prefix, router, authenticate));
}

const METHODS_WITH_BODY = new Set<RouteDefinition['method']>([
  'post',
  'put',
  'patch',
]);

function unmatchedRouteMiddleware(
  prefix: string,
  router: Router<FerryState>,
  authenticate: FerryMiddleware,
): FerryMiddleware {
  return async (ctx, next) => {
    if (!isUnder(ctx.path, prefix)) {
      await next();
      return;
    }
    await authenticate(ctx, () => {
      const allowed = allowedMethods(router, ctx.path);
      if (allowed.length === 0) {
        throw new ScimError(
          404,
          undefined,
          `Ferry has no endpoint at ${ctx.path}. Check that the base URL ` +
            `ends with ${prefix} and the path is spelled as documented.`,
        );
      }
      throw new ScimError(
        405,
        undefined,
        `${ctx.method} is not allowed on ${ctx.path}; use ` +
          `${allowed.join(', ')}.`,
        { Allow: allowed.join(', ') },
      );
    });
  };
}

function allowedMethods(router: Router<FerryState>, path: string): string[] {
  const methods = router
    .match(path, 'GET')
    .path.flatMap((layer) => layer.methods);
  return [...new Set(methods)];
}

function isUnder(path: string, prefix: string): boolean {
  const lower = path.toLowerCase();
  const base = prefix.toLowerCase();
  return lower === base || lower.startsWith(`${base}/`);
}
