import type { Logger } from 'pino';

import type { AuthenticatedToken } from '../auth/token-authenticator.js';
import type { FerryState } from './ferry-state.js';

/**
 * `ctx.state` for one request. The logger carrying the request id is made
 * on first use: a pino child costs a bindings serialisation and a few
 * objects, and most requests log nothing at the configured level.
 */
export class RequestState implements FerryState {
  token?: AuthenticatedToken;
  #logger: Logger | undefined;

  constructor(
    readonly requestId: string,
    private readonly processLogger: Logger,
  ) {}

  get logger(): Logger {
    return (this.#logger ??= this.processLogger.child({
      requestId: this.requestId,
    }));
  }
}
