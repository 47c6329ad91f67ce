import type { OktaUser } from '../okta/okta-user.js';
import type { StoredUser, UserProvenance } from '../storage/stored-user.js';
import type { UserContent } from '../storage/user-repository.js';
import { mergeSyncedAttributes } from './merge-synced-attributes.js';
import { oktaUserToScimUser } from './okta-user-to-scim-user.js';
import { oktaChangeIsNewerThanPush } from './push-wins-rule.js';
import { sameUserContent } from './same-user-content.js';

/**
 * What a sync does about one Okta user. `link` writes provenance only (the
 * resource stays as stored) so that later runs join the user by Okta id;
 * `countAs` says which count of the run it belongs to.
 */
export type UserChange =
  | { readonly kind: 'create'; readonly content: UserContent }
  | {
      readonly kind: 'update';
      readonly current: StoredUser;
      readonly next: UserContent;
    }
  | {
      readonly kind: 'link';
      readonly current: StoredUser;
      readonly next: UserContent;
      readonly countAs: 'unchanged' | 'skippedPushNewer';
    }
  | { readonly kind: 'unchanged'; readonly current: StoredUser }
  | { readonly kind: 'skippedPushNewer'; readonly current: StoredUser };

/**
 * Plans the change for one Okta user against the stored user it was joined
 * to (or none). Pure: the caller supplies the time of the run (`now`, ISO).
 * A user whose synced attributes already match is `unchanged` whoever wrote
 * them last; one that differs is updated only when Okta changed it after the
 * last push (push-wins-rule). Re-planning an unchanged Okta user against the
 * result of its own write yields `unchanged`, so a repeated sync writes
 * nothing.
 */
export function planUserChange(
  oktaUser: OktaUser,
  stored: StoredUser | undefined,
  now: string,
): UserChange {
  const synced = oktaUserToScimUser(oktaUser);
  if (stored === undefined) {
    return {
      kind: 'create',
      content: {
        resource: synced,
        provenance: syncProvenance({}, oktaUser, now),
      },
    };
  }

  const linked = stored.provenance.oktaId === oktaUser.id;
  const resource = mergeSyncedAttributes(stored.resource, synced);
  if (sameUserContent(resource, stored.resource)) {
    return linked
      ? { kind: 'unchanged', current: stored }
      : linkOnly(stored, oktaUser, now, 'unchanged');
  }
  if (!oktaChangeIsNewerThanPush(oktaUser.lastUpdated, stored.provenance)) {
    return linked
      ? { kind: 'skippedPushNewer', current: stored }
      : linkOnly(stored, oktaUser, now, 'skippedPushNewer');
  }
  return {
    kind: 'update',
    current: stored,
    next: {
      resource,
      provenance: syncProvenance(stored.provenance, oktaUser, now),
    },
  };
}

function linkOnly(
  stored: StoredUser,
  oktaUser: OktaUser,
  now: string,
  countAs: 'unchanged' | 'skippedPushNewer',
): UserChange {
  const resource = { ...stored.resource };
  delete resource.id;
  delete resource.meta;
  return {
    kind: 'link',
    current: stored,
    next: {
      resource,
      provenance: syncProvenance(stored.provenance, oktaUser, now),
    },
    countAs,
  };
}

/** Sync writes record themselves and keep the time of the last push. */
export function syncProvenance(
  previous: UserProvenance,
  oktaUser: OktaUser,
  now: string,
): UserProvenance {
  return {
    ...previous,
    lastSyncAt: now,
    oktaId: oktaUser.id,
    oktaLastUpdated: oktaUser.lastUpdated,
  };
}
