import type { RedisAvailability } from '../storage/redis-availability.js';
import type { RouteDefinition } from './api-surface.js';

/**
 * Routes whose handlers reach Redis through clients of their own (the sync
 * queue, the run store): each handler first waits a bounded time for Redis
 * and reports its connection failures as StoreUnavailableError, answered
 * 503 like the SCIM API's.
 */
export function storeGuardedRoutes(
  routes: readonly RouteDefinition[],
  availability: RedisAvailability,
): RouteDefinition[] {
  return routes.map((route) => ({
    ...route,
    handler: async (ctx, next) => {
      await availability.run(async () => {
        await route.handler(ctx, next);
      });
    },
  }));
}
