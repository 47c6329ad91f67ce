import type { RouterContext, RouterMiddleware } from '@koa/router';
import type { Middleware, ParameterizedContext } from 'koa';
import type { Logger } from 'pino';

import type { AuthenticatedToken } from '../auth/token-authenticator.js';

/** What Ferry's middleware keeps on `ctx.state` for one request. */
export interface FerryState {
  readonly requestId: string;
  /** A child of the process logger carrying `requestId`. */
  readonly logger: Logger;
  /** Set once the bearer token checked out. */
  token?: AuthenticatedToken;
}

export type FerryContext = ParameterizedContext<FerryState>;

export type FerryMiddleware = Middleware<FerryState>;

/** A context inside a matched route, with `ctx.params`. */
export type FerryRouteContext = RouterContext<FerryState>;

export type FerryRouteHandler = RouterMiddleware<FerryState>;
