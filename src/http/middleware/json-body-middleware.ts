import { bodyParser } from '@koa/bodyparser';

import { exceedsJsonDepth } from '../../scim/json-depth.js';
import { invalidSyntax } from '../../scim/scim-error.js';
import type { FerryMiddleware } from '../ferry-state.js';
import { RequestBodyError, toRequestBodyError } from '../request-body-error.js';
import { acceptJsonRequestType } from '../request-media-type.js';

export interface JsonBodyLimits {
  /** FERRY_MAX_BODY_BYTES */
  readonly maxBodyBytes: number;
  /** Deepest nesting a parsed body may have (FERRY_MAX_JSON_DEPTH). */
  readonly maxJsonDepth: number;
}

/**
 * Parses a JSON body up to `maxBodyBytes` and turns away one nested deeper
 * than `maxJsonDepth` before anything reads it. Only JSON: a body labelled
 * otherwise is answered 415 (request-media-type.ts). `ctx.request.body`
 * stays `unknown`; handlers validate it.
 */
export function createJsonBodyMiddleware(
  limits: JsonBodyLimits,
): FerryMiddleware {
  const { maxBodyBytes, maxJsonDepth } = limits;
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: maxBodyBytes,
    jsonStrict: true,
    onError: (error) => {
      throw toRequestBodyError(error, maxBodyBytes) ?? error;
    },
  });
  return (ctx, next) => {
    acceptJsonRequestType(ctx);
    return parse(ctx, () => {
      refuseUndecodableText(ctx.request.rawBody);
      refuseDeepNesting(ctx.request.body, maxJsonDepth);
      return next();
    });
  };
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

/**
 * No SCIM message nests deeper than about 6 levels; the limit keeps
 * recursive code that walks a body within its stack.
 */
function refuseDeepNesting(body: unknown, maxDepth: number): void {
  if (exceedsJsonDepth(body, maxDepth)) {
    throw invalidSyntax(
      `The request body nests arrays and objects more than ${maxDepth} ` +
        'levels deep, which no SCIM message needs. Send a flatter body.',
    );
  }
}
