import type { FerryRouteContext } from './ferry-state.js';

/** A named `:parameter` of the matched route; a missing one is a bug. */
export function routeParameter(ctx: FerryRouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) {
    throw new TypeError(`the matched route has no :${name} parameter`);
  }
  return value;
}
