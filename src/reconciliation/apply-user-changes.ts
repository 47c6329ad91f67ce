import {
  UserNameTakenError,
  UserNotFoundError,
  VersionConflictError,
} from '../storage/storage-errors.js';
import type { Actor, StoredUser } from '../storage/stored-user.js';
import type {
  UserContent,
  UserRepository,
} from '../storage/user-repository.js';

/** One write a sync wants to make. Replaces are conditional on `current`. */
export type UserWrite =
  | { readonly kind: 'create'; readonly content: UserContent }
  | {
      readonly kind: 'replace';
      readonly current: StoredUser;
      readonly next: UserContent;
    };

export type WriteOutcome =
  | { readonly kind: 'written'; readonly user: StoredUser }
  /** The user changed or vanished after it was read: the other write wins. */
  | { readonly kind: 'conflict'; readonly userId: string }
  | { readonly kind: 'userNameTaken'; readonly error: UserNameTakenError };

/** How many writes are in flight at once; each is one atomic script. */
export const DEFAULT_WRITE_BATCH_SIZE = 25;

/**
 * Makes the writes in batches and reports each one's outcome, in order.
 * Every replace is conditional on the version it was planned against, so a
 * SCIM push that landed meanwhile is never overwritten: its write wins and
 * the sync's comes back as a conflict. Errors other than the store's refusals
 * (Redis down, say) end the whole batch.
 */
export async function applyUserChanges(
  repository: UserRepository,
  writes: readonly UserWrite[],
  actor: Actor,
  batchSize = DEFAULT_WRITE_BATCH_SIZE,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (let start = 0; start < writes.length; start += batchSize) {
    const batch = writes.slice(start, start + batchSize);
    outcomes.push(
      ...(await Promise.all(
        batch.map((write) => applyOne(repository, write, actor)),
      )),
    );
  }
  return outcomes;
}

async function applyOne(
  repository: UserRepository,
  write: UserWrite,
  actor: Actor,
): Promise<WriteOutcome> {
  try {
    const user =
      write.kind === 'create'
        ? await repository.create(write.content, actor)
        : await repository.replace(write.current, write.next, actor);
    return { kind: 'written', user };
  } catch (error) {
    if (error instanceof UserNameTakenError) {
      return { kind: 'userNameTaken', error };
    }
    if (
      error instanceof VersionConflictError ||
      error instanceof UserNotFoundError
    ) {
      return { kind: 'conflict', userId: error.userId };
    }
    throw error;
  }
}
