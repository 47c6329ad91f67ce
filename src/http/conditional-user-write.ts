import {
  UserNotFoundError,
  VersionConflictError,
} from '../storage/storage-errors.js';
import type { StoredUser } from '../storage/stored-user.js';
import type { UserRepository } from '../storage/user-repository.js';
import { assertIfMatch } from './entity-tag.js';

export interface ConditionalWrite {
  readonly users: UserRepository;
  readonly userId: string;
  /** The If-Match header, '' when absent. */
  readonly ifMatch: string;
}

/** Attempts in all when a write without If-Match meets a concurrent one. */
const MAX_ATTEMPTS = 3;

/**
 * Reads the user, checks If-Match against it, and runs `write`, which must
 * make its repository write conditional on the version read. With If-Match
 * a conflict is the client's precondition failing, so it surfaces as 412;
 * without, the client asked for no precondition, so the change is planned
 * again on a fresh read, a few times, before giving up with 412.
 */
export async function writeUserConditionally<T>(
  request: ConditionalWrite,
  write: (current: StoredUser) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await request.users.getById(request.userId);
    if (!current) throw new UserNotFoundError(request.userId);
    assertIfMatch(request.ifMatch, current.id, current.version);
    try {
      return await write(current);
    } catch (error) {
      const retry =
        error instanceof VersionConflictError &&
        request.ifMatch === '' &&
        attempt < MAX_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}
