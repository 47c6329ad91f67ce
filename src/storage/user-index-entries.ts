import { isJsonObject, type JsonObject } from '../scim/json.js';
import type { UserProvenance } from './stored-user.js';

export type MultiValuedIndexName = 'externalId' | 'email' | 'oktaId';

export interface IndexEntry {
  readonly index: MultiValuedIndexName;
  readonly value: string;
}

/** What a user contributes to the indexes (redis-keys.ts). */
export interface UserIndexEntries {
  /** The field of the unique userName index. */
  readonly userNameKey: string;
  readonly entries: readonly IndexEntry[];
}

/**
 * The userName index is case-insensitive because userName is not caseExact
 * (RFC 7643 §4.1.1): "Bob@x.com" and "bob@X.COM" are one name.
 */
export function userNameIndexKey(userName: string): string {
  return userName.toLowerCase();
}

/** emails.value is not caseExact either (RFC 7643 §4.1.2). */
export function emailIndexKey(email: string): string {
  return email.toLowerCase();
}

/** Thrown for a resource without a userName, which RFC 7643 §4.1.1 requires. */
export class MissingUserNameError extends Error {
  override readonly name = 'MissingUserNameError';
  readonly code = 'MISSING_USER_NAME';

  constructor() {
    super('a user needs a userName (RFC 7643 §4.1.1) to be stored');
  }
}

/**
 * Index entries of one user. Two are left out because the user's other
 * entries already lead to it, which saves about a quarter of the index
 * memory of a typical Okta user: an email equal to its userName (Okta's
 * default mapping), and an oktaId equal to its externalId (what Okta sends
 * as externalId). Lookups by email and by oktaId therefore consult both
 * indexes (scripts/find-users-script.ts).
 */
export function indexEntriesOf(
  resource: JsonObject,
  provenance: UserProvenance,
): UserIndexEntries {
  const userName = resource.userName;
  if (typeof userName !== 'string') throw new MissingUserNameError();
  const userNameKey = userNameIndexKey(userName);
  const externalId =
    typeof resource.externalId === 'string' ? resource.externalId : undefined;

  const entries: IndexEntry[] = [];
  if (externalId !== undefined) {
    entries.push({ index: 'externalId', value: externalId });
  }
  for (const email of emailKeysOf(resource)) {
    if (email !== userNameKey) entries.push({ index: 'email', value: email });
  }
  const { oktaId } = provenance;
  if (oktaId !== undefined && oktaId !== externalId) {
    entries.push({ index: 'oktaId', value: oktaId });
  }
  return { userNameKey, entries };
}

/** The entries a write removes and adds to go from `before` to `after`. */
export function indexChanges(
  before: readonly IndexEntry[],
  after: readonly IndexEntry[],
): { removals: IndexEntry[]; additions: IndexEntry[] } {
  const identify = (entry: IndexEntry) => `${entry.index}\n${entry.value}`;
  const beforeIds = new Set(before.map(identify));
  const afterIds = new Set(after.map(identify));
  return {
    removals: before.filter((entry) => !afterIds.has(identify(entry))),
    additions: after.filter((entry) => !beforeIds.has(identify(entry))),
  };
}

function emailKeysOf(resource: JsonObject): Set<string> {
  const keys = new Set<string>();
  const emails = resource.emails;
  if (!Array.isArray(emails)) return keys;
  for (const email of emails) {
    if (isJsonObject(email) && typeof email.value === 'string') {
      keys.add(emailIndexKey(email.value));
    }
  }
  return keys;
}
