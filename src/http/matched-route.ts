/**
 * The route pattern @koa/router matched (its `routerPath`), such as
 * /scim/v2/Users/:id; undefined when no route matched.
 */
export function matchedRoute(ctx: object): string | undefined {
  return 'routerPath' in ctx && typeof ctx.routerPath === 'string'
    ? ctx.routerPath
    : undefined;
}
