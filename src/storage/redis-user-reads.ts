import type { Redis } from 'ioredis';

import type { UserStoreKeys } from './redis-keys.js';
import { replyArray, replyNumber, replyString } from './redis-reply.js';
import type { StoredUser } from './stored-user.js';
import type { UserLookup } from './user-query-planner.js';
import { decodeUserRecord } from './user-record.js';
import type { UserListQuery, UserPage } from './user-repository.js';
import {
  FIND_USER_BY_USER_NAME,
  FIND_USERS,
  LIST_USERS_PAGE,
  SCAN_USERS,
} from './user-store-scripts.js';

export interface SequencedUser {
  /** Position in the paging order: the user's creation sequence. */
  readonly sequence: number;
  readonly user: StoredUser;
}

/** One page by rank in the paging order, with the total; one round trip. */
export async function readUserPage(
  redis: Redis,
  keys: UserStoreKeys,
  query: UserListQuery,
): Promise<UserPage> {
  const reply = await LIST_USERS_PAGE.run(
    redis,
    [keys.order],
    [keys.userKeyPrefix, query.startIndex - 1, query.count],
  );
  const [total, ...pairs] = replyArray(reply);
  const users: StoredUser[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const json = pairs[i + 1];
    if (typeof json !== 'string') continue;
    users.push(decodeUserRecord(replyString(pairs[i]), json));
  }
  return { totalResults: replyNumber(total), users };
}

/** The user holding a userName (index key: lower-cased), if any. */
export async function findUserByUserName(
  redis: Redis,
  keys: UserStoreKeys,
  userNameKey: string,
): Promise<StoredUser | undefined> {
  const reply = await FIND_USER_BY_USER_NAME.run(
    redis,
    [keys.userNameIndex],
    [keys.userKeyPrefix, userNameKey],
  );
  const [id, json] = replyArray(reply);
  return id === undefined
    ? undefined
    : decodeUserRecord(replyString(id), replyString(json));
}

/** The users the lookups lead to, each once, in paging order. */
export async function findUsers(
  redis: Redis,
  keys: UserStoreKeys,
  lookups: readonly UserLookup[],
): Promise<SequencedUser[]> {
  const reply = await FIND_USERS.run(
    redis,
    [
      keys.userNameIndex,
      keys.externalIdIndex,
      keys.emailIndex,
      keys.oktaIdIndex,
      keys.order,
    ],
    [
      keys.userKeyPrefix,
      ...lookups.flatMap((lookup) => [lookup.kind, lookup.value]),
    ],
  );
  return sequencedUsers(reply).sort((a, b) => a.sequence - b.sequence);
}

/**
 * Up to `limit` users following `after` in paging order, where `after` is
 * `-inf` or `(<sequence>`.
 */
export async function scanUsersAfter(
  redis: Redis,
  keys: UserStoreKeys,
  after: string,
  limit: number,
): Promise<SequencedUser[]> {
  const reply = await SCAN_USERS.run(
    redis,
    [keys.order],
    [keys.userKeyPrefix, after, limit],
  );
  return sequencedUsers(reply);
}

/** Parses (id, sequence, record JSON) triples. */
function sequencedUsers(reply: unknown): SequencedUser[] {
  const values = replyArray(reply);
  const users: SequencedUser[] = [];
  for (let i = 0; i + 2 < values.length; i += 3) {
    const json = values[i + 2];
    if (typeof json !== 'string') continue;
    users.push({
      sequence: replyNumber(values[i + 1]),
      user: decodeUserRecord(replyString(values[i]), json),
    });
  }
  return users;
}
