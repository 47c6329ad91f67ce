/** No user has the id (or it was deleted meanwhile). */
export class UserNotFoundError extends Error {
  override readonly name = 'UserNotFoundError';
  readonly code = 'USER_NOT_FOUND';

  constructor(readonly userId: string) {
    super(`no user has id ${userId}`);
  }
}

/** Another user already holds the userName (compared case-insensitively). */
export class UserNameTakenError extends Error {
  override readonly name = 'UserNameTakenError';
  readonly code = 'USER_NAME_TAKEN';

  constructor(
    readonly userName: string,
    readonly holderId: string,
  ) {
    super(`userName ${userName} is already taken`);
  }
}

/** The record changed since the version the write was planned against. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  readonly code = 'VERSION_CONFLICT';

  constructor(
    readonly userId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      `user ${userId} is at version ${actualVersion}, not ${expectedVersion}`,
    );
  }
}
