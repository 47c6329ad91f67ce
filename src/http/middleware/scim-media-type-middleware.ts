import { ScimError } from '../../scim/scim-error.js';
import type { FerryContext, FerryMiddleware } from '../ferry-state.js';

/** RFC 7644 §3.1: SCIM responses are application/scim+json. */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

const ACCEPTED_REQUEST_TYPES = ['application/scim+json', 'application/json'];

/**
 * Makes `body` the response as application/scim+json. Serialised here and
 * labelled first, Koa takes it as text already typed: it neither labels it
 * application/json on the way nor serialises it again when responding.
 */
export function setScimBody(ctx: FerryContext, body: unknown): void {
  ctx.set('Content-Type', SCIM_CONTENT_TYPE);
  ctx.body = JSON.stringify(body);
}

/**
 * Accepts request bodies sent as application/scim+json or application/json
 * (RFC 7644 §3.1 allows both), parameters such as charset included, and
 * bodies sent with no Content-Type at all, which some identity providers
 * do: those are read as JSON. Anything else is answered 415. Every response
 * with a body is labelled application/scim+json; Koa would say
 * application/json.
 */
export function createScimMediaTypeMiddleware(): FerryMiddleware {
  return async (ctx, next) => {
    if (hasBody(ctx)) acceptRequestType(ctx);
    await next();
    if (
      ctx.body !== undefined &&
      ctx.body !== null &&
      ctx.response.get('Content-Type') !== SCIM_CONTENT_TYPE
    ) {
      ctx.type = SCIM_CONTENT_TYPE;
    }
  };
}

function acceptRequestType(ctx: FerryContext): void {
  const contentType = ctx.get('Content-Type');
  if (contentType === '') {
    // The body parser reads only what is labelled JSON.
    ctx.request.headers['content-type'] = 'application/json';
    return;
  }
  if (ctx.is(ACCEPTED_REQUEST_TYPES) === false) {
    throw new ScimError(
      415,
      undefined,
      `Ferry reads request bodies as application/scim+json or ` +
        `application/json, not ${contentType.split(';')[0]?.trim()}. ` +
        'Send the body as JSON with one of those Content-Types.',
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    // RFC 8259 §8.1: JSON exchanged between systems is UTF-8. Reading
    // another charset as UTF-8 would store mangled names.
    throw new ScimError(
      415,
      undefined,
      `Ferry reads request bodies as UTF-8, not ${charset}. Send the body ` +
        'in UTF-8, with charset=utf-8 or no charset.',
    );
  }
}

/** The test type-is uses (RFC 9112 §6.3): a length or a transfer coding. */
function hasBody(ctx: FerryContext): boolean {
  const headers = ctx.request.headers;
  return (
    headers['transfer-encoding'] !== undefined ||
    (headers['content-length'] !== undefined &&
      headers['content-length'] !== '0')
  );
}
