import {
  UserNotFoundError,
  VersionConflictError,
} from '../storage/storage-errors.js';
import type { StoredUser } from '../storage/stored-user.js';
import type { UserRepository } from '../storage/user-repository.js';
import { ScimError } from '../scim/scim-error.js';
import { assertIfMatch, assertIfNoneMatch } from './entity-tag.js';

export interface ConditionalWrite {
  readonly users: UserRepository;
  readonly userId: string;
  /** The If-Match header, '' when absent. */
  readonly ifMatch: string;
  /** The If-None-Match header, '' when absent. */
  readonly ifNoneMatch?: string;
}

/**
 * Attempts in all when a write without If-Match meets concurrent ones. Each
 * failed attempt means another write to the same user succeeded, so n
 * writers racing for one user all finish within n attempts; the bound only
 * stops a user that never stops changing from holding a request forever.
 */
const MAX_ATTEMPTS = 64;

/**
 * Reads the user, checks If-Match against it, and runs `write`, which must
 * make its repository write conditional on the version read. With If-Match
 * a conflict is the client's precondition failing, so it surfaces as 412.
 * Without, the client set no precondition (RFC 9110 §13.1.1: then no 412),
 * so the change is planned again on a fresh read until it applies; a user
 * still changing after MAX_ATTEMPTS answers 409.
 */
export async function writeUserConditionally<T>(
  request: ConditionalWrite,
  write: (current: StoredUser) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await request.users.getById(request.userId);
    if (!current) throw new UserNotFoundError(request.userId);
    assertIfMatch(request.ifMatch, current.id, current.version);
    assertIfNoneMatch(request.ifNoneMatch ?? '', current.id, current.version);
    try {
      return await write(current);
    } catch (error) {
      if (!(error instanceof VersionConflictError) || request.ifMatch !== '') {
        throw error;
      }
      if (attempt >= MAX_ATTEMPTS) throw keptChanging(request.userId);
    }
  }
}

function keptChanging(userId: string): ScimError {
  return new ScimError(
    409,
    undefined,
    `User "${userId}" kept changing while this request was applied ` +
      `${MAX_ATTEMPTS} times over; nothing was written. Retry the request.`,
  );
}
