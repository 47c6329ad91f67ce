import { randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import type { FerryMiddleware, FerryState } from '../ferry-state.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// Ids from a proxy or client are reused so one id follows a request through
// every system; anything else could forge log lines, so it is replaced.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id and a child logger carrying it, and echoes the
 * id so a client can quote it when reporting a problem.
 */
export function createRequestContextMiddleware(
  logger: Logger,
): FerryMiddleware {
  return async (ctx, next) => {
    const offered = ctx.get(REQUEST_ID_HEADER);
    const requestId = SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
    ctx.state.requestId = requestId;
    defineLazyLogger(ctx.state, logger, requestId);
    ctx.set(REQUEST_ID_HEADER, requestId);
    await next();
  };
}

/**
 * A pino child costs a bindings serialisation and a few objects; most
 * requests log nothing at the configured level, so the child is made on
 * first use only.
 */
function defineLazyLogger(
  state: FerryState,
  logger: Logger,
  requestId: string,
): void {
  let child: Logger | undefined;
  Object.defineProperty(state, 'logger', {
    configurable: true,
    enumerable: true,
    get: () => (child ??= logger.child({ requestId })),
  });
}
