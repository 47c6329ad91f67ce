import {
  logStoreUnavailable,
  logUnexpectedError,
} from '../logging/http-log-lines.js';
import { ERROR_SCHEMA } from '../scim/schema/schema-urns.js';
import { ScimError } from '../scim/scim-error.js';
import {
  UserNameTakenError,
  UserNotFoundError,
  VersionConflictError,
} from '../storage/storage-errors.js';
import { StoreUnavailableError } from '../storage/store-unavailable-error.js';
import type { FerryContext } from './ferry-state.js';
import { setScimBody } from './middleware/scim-media-type-middleware.js';
import { RequestBodyError } from './request-body-error.js';

/**
 * The one place where a thrown error becomes a response: an RFC 7644 §3.12
 * error body. Handlers and the SCIM modules only throw; the request edge
 * (request-edge-middleware.ts) calls this. Errors Ferry did not anticipate
 * reach the client as a generic 500 and the log in full.
 */
export function respondWithError(ctx: FerryContext, error: unknown): void {
  const scimError = toScimError(error, ctx.state.requestId);
  if (error instanceof StoreUnavailableError) {
    logStoreUnavailable(ctx.state.logger, error);
  } else if (scimError.status >= 500) {
    logUnexpectedError(ctx.state.logger, error);
  }
  ctx.status = scimError.status;
  for (const [name, value] of Object.entries(scimError.headers)) {
    ctx.set(name, value);
  }
  setScimBody(ctx, {
    schemas: [ERROR_SCHEMA],
    // RFC 7644 §3.12: status is a string in the error body.
    status: String(scimError.status),
    ...(scimError.scimType ? { scimType: scimError.scimType } : {}),
    detail: scimError.detail,
  });
}

/** Seconds a client is asked to wait while Redis is away. */
const STORE_RETRY_AFTER_SECONDS = 5;

export function toScimError(error: unknown, requestId: string): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof UserNotFoundError) {
    return new ScimError(
      404,
      undefined,
      `No user has id "${error.userId}". It may have been deleted; ` +
        'search by userName to find its current id.',
    );
  }
  if (error instanceof UserNameTakenError) {
    return new ScimError(
      409,
      'uniqueness',
      `userName "${error.userName}" is already taken by another user ` +
        '(userName is compared case-insensitively). Choose another userName, ' +
        'or update the existing user.',
    );
  }
  if (error instanceof VersionConflictError) {
    return new ScimError(
      412,
      undefined,
      `User "${error.userId}" changed while this request was applied: it is ` +
        `now at version W/"${error.actualVersion}". Read it again and ` +
        'retry with its current ETag.',
    );
  }
  if (error instanceof StoreUnavailableError) {
    // Identity providers retry a 503; Retry-After says when (RFC 9110
    // §10.2.3). The store's writes are atomic, so nothing is half done.
    return new ScimError(
      503,
      undefined,
      "Ferry's data store cannot serve requests right now. Retry in a few " +
        'seconds. A write answered this way was not applied, unless the ' +
        'store failed while answering: read the user before repeating it.',
      { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) },
    );
  }
  if (error instanceof RequestBodyError) {
    const scimType =
      error.problem === 'malformed' ? 'invalidSyntax' : undefined;
    return new ScimError(error.status, scimType, error.detail);
  }
  return new ScimError(
    500,
    undefined,
    'Ferry could not complete the request because of an internal error. ' +
      `Retry later; if it persists, report request id ${requestId}.`,
  );
}
