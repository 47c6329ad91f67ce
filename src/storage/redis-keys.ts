/**
 * Every Redis key Ferry's user store uses, built from one prefix. The prefix
 * carries a hash tag (`{ferry}`), so all of them hash to one Redis Cluster
 * slot and a multi-key script may touch any of them.
 *
 * | key                              | type   | holds                              |
 * | -------------------------------- | ------ | ---------------------------------- |
 * | `<prefix>:user:<id>`             | string | the user record (user-record.ts)   |
 * | `<prefix>:users:by-user-name`    | hash   | lower-cased userName → id          |
 * | `<prefix>:users:by-external-id`  | hash   | externalId → ids                   |
 * | `<prefix>:users:by-email`        | hash   | lower-cased emails[].value → ids   |
 * | `<prefix>:users:by-okta-id`      | hash   | provenance.oktaId → ids            |
 * | `<prefix>:users:order`           | zset   | id scored by its creation sequence |
 * | `<prefix>:users:sequence`        | string | the last creation sequence issued  |
 * | `<prefix>:events`                | stream | the audit trail                    |
 *
 * "ids" is a space-separated list: externalId and email are not unique
 * (RFC 7643 §3.1, §4.1.2), though nearly always held by one user.
 */
export interface UserStoreKeys {
  /** Prefix of every user record key; the id follows. */
  readonly userKeyPrefix: string;
  readonly userNameIndex: string;
  readonly externalIdIndex: string;
  readonly emailIndex: string;
  readonly oktaIdIndex: string;
  readonly order: string;
  readonly sequence: string;
  readonly events: string;
  user(id: string): string;
}

/** Thrown for a prefix without a hash tag, which Redis Cluster cannot use. */
export class KeyPrefixWithoutHashTagError extends Error {
  override readonly name = 'KeyPrefixWithoutHashTagError';
  readonly code = 'KEY_PREFIX_WITHOUT_HASH_TAG';

  constructor(readonly keyPrefix: string) {
    super(
      `Redis key prefix "${keyPrefix}" has no hash tag; wrap a name in ` +
        'braces, e.g. "{ferry}", so that every key lands in one slot',
    );
  }
}

export function userStoreKeys(keyPrefix: string): UserStoreKeys {
  if (!/\{[^}]+\}/.test(keyPrefix)) {
    throw new KeyPrefixWithoutHashTagError(keyPrefix);
  }
  const userKeyPrefix = `${keyPrefix}:user:`;
  return {
    userKeyPrefix,
    userNameIndex: `${keyPrefix}:users:by-user-name`,
    externalIdIndex: `${keyPrefix}:users:by-external-id`,
    emailIndex: `${keyPrefix}:users:by-email`,
    oktaIdIndex: `${keyPrefix}:users:by-okta-id`,
    order: `${keyPrefix}:users:order`,
    sequence: `${keyPrefix}:users:sequence`,
    events: `${keyPrefix}:events`,
    user: (id) => `${userKeyPrefix}${id}`,
  };
}
