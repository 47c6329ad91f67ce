/** `ferry tokens create` was given a name another token already has. */
export class TokenNameTakenError extends Error {
  override readonly name = 'TokenNameTakenError';
  readonly code = 'TOKEN_NAME_TAKEN';

  constructor(readonly tokenName: string) {
    super(
      `A token named "${tokenName}" already exists. Choose another name, ` +
        `or revoke it first with: ferry tokens revoke --name ${tokenName}`,
    );
  }
}

/** No token has the name given to revoke. */
export class TokenNotFoundError extends Error {
  override readonly name = 'TokenNotFoundError';
  readonly code = 'TOKEN_NOT_FOUND';

  constructor(readonly tokenName: string) {
    super(
      `No token is named "${tokenName}". ` +
        'List the existing tokens with: ferry tokens list',
    );
  }
}

/** A token name Ferry will not store (it appears in logs and audit events). */
export class InvalidTokenNameError extends Error {
  override readonly name = 'InvalidTokenNameError';
  readonly code = 'INVALID_TOKEN_NAME';

  constructor(readonly tokenName: string) {
    super(
      `"${tokenName}" is not a usable token name: use 1 to 64 letters, ` +
        'digits, dots, dashes or underscores, starting with a letter or digit',
    );
  }
}
