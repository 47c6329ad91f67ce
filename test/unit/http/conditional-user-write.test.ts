import { describe, expect, it } from 'vitest';

import { writeUserConditionally } from '../../../src/http/conditional-user-write.js';
import { ScimError } from '../../../src/scim/scim-error.js';
import {
  UserNotFoundError,
  VersionConflictError,
} from '../../../src/storage/storage-errors.js';
import type { StoredUser } from '../../../src/storage/stored-user.js';
import type { UserRepository } from '../../../src/storage/user-repository.js';
import { storedUser } from '../../support/stored-user-builder.js';

/** A repository whose user moves on by one version on every read. */
function movingUser(): { users: UserRepository; reads: () => number } {
  let version = 0;
  const users = {
    getById: (id: string): Promise<StoredUser | undefined> => {
      version += 1;
      return Promise.resolve(
        id === 'missing' ? undefined : storedUser({}, {}, { id, version }),
      );
    },
  } as unknown as UserRepository;
  return { users, reads: () => version };
}

function conflictOnce(): (current: StoredUser) => Promise<number> {
  let calls = 0;
  return (current) => {
    calls += 1;
    if (calls === 1) {
      return Promise.reject(new VersionConflictError(current.id, 1, 2));
    }
    return Promise.resolve(current.version);
  };
}

describe('writeUserConditionally', () => {
  it('passes the user it read to the write', async () => {
    const { users } = movingUser();
    const version = await writeUserConditionally(
      { users, userId: 'u1', ifMatch: '' },
      (current) => Promise.resolve(current.version),
    );
    expect(version).toBe(1);
  });

  it('plans again on a fresh read after a conflict when If-Match is absent', async () => {
    const { users, reads } = movingUser();
    const version = await writeUserConditionally(
      { users, userId: 'u1', ifMatch: '' },
      conflictOnce(),
    );
    expect(version).toBe(2);
    expect(reads()).toBe(2);
  });

  it('answers 409, never 412, for a user still changing after 64 attempts', async () => {
    const { users, reads } = movingUser();
    await expect(
      writeUserConditionally({ users, userId: 'u1', ifMatch: '' }, (current) =>
        Promise.reject(new VersionConflictError(current.id, 1, 2)),
      ),
    ).rejects.toMatchObject({ status: 409, scimType: undefined });
    expect(reads()).toBe(64);
  });

  it('never retries a conflict when If-Match was given', async () => {
    const { users, reads } = movingUser();
    await expect(
      writeUserConditionally(
        { users, userId: 'u1', ifMatch: 'W/"1"' },
        conflictOnce(),
      ),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect(reads()).toBe(1);
  });

  it('answers 412 before writing when If-Match names another version', async () => {
    const { users } = movingUser();
    let wrote = false;
    await expect(
      writeUserConditionally({ users, userId: 'u1', ifMatch: 'W/"5"' }, () => {
        wrote = true;
        return Promise.resolve();
      }),
    ).rejects.toThrow(ScimError);
    expect(wrote).toBe(false);
  });

  it('throws UserNotFoundError for an unknown id', async () => {
    const { users } = movingUser();
    await expect(
      writeUserConditionally({ users, userId: 'missing', ifMatch: '' }, () =>
        Promise.resolve(),
      ),
    ).rejects.toEqual(new UserNotFoundError('missing'));
  });
});
