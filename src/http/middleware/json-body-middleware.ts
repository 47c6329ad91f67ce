import { bodyParser } from '@koa/bodyparser';

import type { FerryMiddleware } from '../ferry-state.js';
import { RequestBodyError, toRequestBodyError } from '../request-body-error.js';

/**
 * Parses JSON bodies of POST, PUT and PATCH up to `maxBodyBytes`
 * (FERRY_MAX_BODY_BYTES). Only JSON: the media-type middleware has already
 * turned away anything else. `ctx.request.body` stays `unknown`; handlers
 * validate it.
 */
export function createJsonBodyMiddleware(
  maxBodyBytes: number,
): FerryMiddleware {
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: maxBodyBytes,
    jsonStrict: true,
    onError: (error) => {
      throw toRequestBodyError(error, maxBodyBytes) ?? error;
    },
  });
  return (ctx, next) =>
    parse(ctx, () => {
      refuseUndecodableText(ctx.request.rawBody);
      return next();
    });
}

/**
 * The parser decodes bytes that are not UTF-8 as U+FFFD without a word, so
 * two different names could be stored as one. A raw U+FFFD in a body is
 * taken as such a byte: no client sends that character unescaped.
 */
function refuseUndecodableText(rawBody: string | undefined): void {
  if (rawBody?.includes('\uFFFD')) {
    throw new RequestBodyError(
      'malformed',
      'The request body is not valid UTF-8. Send JSON encoded as UTF-8.',
    );
  }
}
