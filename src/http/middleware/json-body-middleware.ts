import { bodyParser } from '@koa/bodyparser';

import type { FerryMiddleware } from '../ferry-state.js';
import { toRequestBodyError } from '../request-body-error.js';

/**
 * Parses JSON bodies of POST, PUT and PATCH up to `maxBodyBytes`
 * (FERRY_MAX_BODY_BYTES). Only JSON: the media-type middleware has already
 * turned away anything else. `ctx.request.body` stays `unknown`; handlers
 * validate it.
 */
export function createJsonBodyMiddleware(
  maxBodyBytes: number,
): FerryMiddleware {
  return bodyParser({
    enableTypes: ['json'],
    jsonLimit: maxBodyBytes,
    jsonStrict: true,
    onError: (error) => {
      throw toRequestBodyError(error, maxBodyBytes) ?? error;
    },
  });
}
