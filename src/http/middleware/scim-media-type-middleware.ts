import type { FerryContext, FerryMiddleware } from '../ferry-state.js';

/** RFC 7644 §3.1: SCIM responses are application/scim+json. */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

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
 * Labels every SCIM response that has a body application/scim+json; Koa
 * would say application/json. Request bodies are checked where they are
 * read (request-media-type.ts).
 */
export function createScimMediaTypeMiddleware(): FerryMiddleware {
  return async (ctx, next) => {
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
