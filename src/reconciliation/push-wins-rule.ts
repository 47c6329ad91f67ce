import type { UserProvenance } from '../storage/stored-user.js';

/**
 * Pushes win: a sync may change what a SCIM push wrote only when Okta
 * changed the user after that push. A push at the very same instant wins,
 * and a user never pushed is the sync's to write. Times are compared as
 * instants, so differently written ISO 8601 forms agree; when either time
 * cannot be read, the push is kept.
 */
export function oktaChangeIsNewerThanPush(
  oktaLastUpdated: string,
  provenance: UserProvenance,
): boolean {
  if (provenance.lastPushAt === undefined) return true;
  return Date.parse(oktaLastUpdated) > Date.parse(provenance.lastPushAt);
}
