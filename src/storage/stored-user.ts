import type { JsonObject } from '../scim/json.js';

/** Where a user's current state came from, for the push-wins rule. */
export interface UserProvenance {
  /** ISO time of the last SCIM write (create, replace, modify) to the user. */
  readonly lastPushAt?: string;
  /** ISO time of the last write an Okta sync made to the user. */
  readonly lastSyncAt?: string;
  /** Okta's user id, once a sync has joined the user to an Okta user. */
  readonly oktaId?: string;
  /** Okta's `lastUpdated` for the user as of the last sync write. */
  readonly oktaLastUpdated?: string;
}

/**
 * A user as Ferry keeps it. `resource` is the complete SCIM resource except
 * `meta.location`, which depends on the public URL and is added on the way
 * out: `id`, `schemas`, `meta.created`, `meta.lastModified`, `meta.version`
 * and `meta.resourceType` are all present, `password` never is.
 */
export interface StoredUser {
  readonly id: string;
  /** Starts at 1, grows by one with every write. */
  readonly version: number;
  readonly resource: JsonObject;
  readonly provenance: UserProvenance;
}

/** Who made a change, as the audit trail records it. */
export interface Actor {
  readonly kind: 'token' | 'sync';
  /** The token's name, or the sync run's id. */
  readonly name: string;
}
