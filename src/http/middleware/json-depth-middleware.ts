import { exceedsJsonDepth } from '../../scim/json-depth.js';
import { invalidSyntax } from '../../scim/scim-error.js';
import type { FerryMiddleware } from '../ferry-state.js';

/**
 * Turns away a parsed body nested deeper than `maxDepth`
 * (FERRY_MAX_JSON_DEPTH) before anything reads it. No SCIM message nests
 * deeper than about 6 levels; the limit keeps recursive code that walks a
 * body within its stack.
 */
export function createJsonDepthMiddleware(maxDepth: number): FerryMiddleware {
  return async (ctx, next) => {
    if (exceedsJsonDepth(ctx.request.body, maxDepth)) {
      throw invalidSyntax(
        `The request body nests arrays and objects more than ${maxDepth} ` +
          'levels deep, which no SCIM message needs. Send a flatter body.',
      );
    }
    await next();
  };
}
