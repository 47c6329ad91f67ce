import type { IndexedUser } from './user-join-index.js';

export interface DeactivationPlan {
  /** Empty when the brake held. */
  readonly toDeactivate: readonly IndexedUser[];
  /** Users Okta no longer lists, whether or not they will be deactivated. */
  readonly missing: number;
  /** Active users joined to Okta: the population the share is taken of. */
  readonly population: number;
  /** Set when the brake held, for the run's messages. */
  readonly brakeMessage: string | undefined;
}

/**
 * After a complete listing, the active users a sync joined to Okta before
 * and Okta no longer lists are deactivated (never deleted: Okta itself only
 * deactivates over SCIM). Users never joined to an Okta user (created by a
 * push from another client, or pushed under a userName Ferry cannot match
 * to a login) are not the sync's to judge. When the missing users exceed
 * `maxShare` of the population, none are deactivated: a listing that lost
 * many users at once is more likely a wrong scope or an Okta fault than a
 * mass departure.
 */
export function planDeactivations(
  linkedUsers: readonly IndexedUser[],
  seenOktaIds: ReadonlySet<string>,
  maxShare: number,
): DeactivationPlan {
  const activeLinked = linkedUsers.filter((user) => user.active);
  const missing = activeLinked.filter(
    (user) => user.oktaId !== undefined && !seenOktaIds.has(user.oktaId),
  );
  const population = activeLinked.length;
  const share = population === 0 ? 0 : missing.length / population;
  if (share <= maxShare) {
    return {
      toDeactivate: missing,
      missing: missing.length,
      population,
      brakeMessage: undefined,
    };
  }
  return {
    toDeactivate: [],
    missing: missing.length,
    population,
    brakeMessage:
      `deactivation brake: ${count(missing.length)} of ${count(population)} ` +
      `(${percent(share)}) exceeds ${percent(maxShare)}; none deactivated ` +
      '(SYNC_MAX_DEACTIVATION_SHARE sets the limit)',
  };
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}
