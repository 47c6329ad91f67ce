import { ScimError } from '../scim/scim-error.js';
import type { FerryContext } from './ferry-state.js';

const ACCEPTED_REQUEST_TYPES = ['application/scim+json', 'application/json'];

/**
 * Accepts a request body sent as application/scim+json or application/json
 * (RFC 7644 §3.1 allows both), parameters such as charset included, or sent
 * with no Content-Type at all, which some identity providers do: it is read
 * as JSON. Anything else is answered 415. Only routes that read a body ask
 * (json-body-middleware.ts); a body on GET or DELETE is ignored whatever it
 * is labelled.
 */
export function acceptJsonRequestType(ctx: FerryContext): void {
  if (!hasBody(ctx)) return;
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
