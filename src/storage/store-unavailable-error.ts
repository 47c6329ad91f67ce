import { MaxRetriesPerRequestError, ReplyError } from 'ioredis';

/**
 * Redis could not serve a request in time: the connection is down or
 * re-establishing, a reply did not arrive within FERRY_REDIS_TIMEOUT_MS, or
 * the server is not serving yet (loading its data after a restart, a
 * failover in progress). Nothing was written, or a write's outcome is
 * unknown: the store's writes are single Lua scripts, so never half done.
 * Answered 503 with Retry-After at the HTTP edge.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'STORE_UNAVAILABLE';

  constructor(options?: { cause?: unknown }) {
    super('Redis is unavailable', options);
  }
}

/**
 * Error replies of a Redis that cannot serve for now: loading its data
 * set, a script running too long, a replica or cluster between primaries,
 * or full (`OOM` under `noeviction`: writes are refused, reads still
 * served). The code is the reply's first word (the protocol's contract),
 * never the text after it.
 */
const TRANSIENT_REPLY_CODES: ReadonlySet<string> = new Set([
  'OOM',
  'LOADING',
  'BUSY',
  'MASTERDOWN',
  'READONLY',
  'CLUSTERDOWN',
  'TRYAGAIN',
]);

type ErrorClass = abstract new (...args: never[]) => Error;

const REPLY_ERROR = ReplyError as ErrorClass;

/**
 * True for failures of Redis as a service rather than of a request: a lost
 * or absent connection, a reply that timed out, a transient error reply.
 * ioredis reports an undeliverable command, a closed connection and a
 * timed-out reply as plain Error instances (it has no classes for them),
 * while every error Ferry's store raises itself is a typed class.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (error instanceof MaxRetriesPerRequestError) return true;
  if (error instanceof REPLY_ERROR) {
    return TRANSIENT_REPLY_CODES.has(error.message.split(' ', 1)[0] ?? '');
  }
  return (
    error instanceof Error && Object.getPrototypeOf(error) === Error.prototype
  );
}

/** The error to throw on: StoreUnavailableError for a Redis outage. */
export function asStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  return isRedisUnavailable(error)
    ? new StoreUnavailableError({ cause: error })
    : error;
}
