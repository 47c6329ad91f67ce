/** What one sync run did, user by user. */
export interface SyncCounts {
  /** Users read from Okta, readable or not. */
  seen: number;
  created: number;
  updated: number;
  deactivated: number;
  /** Joined users whose synced attributes already matched Okta. */
  unchanged: number;
  /** Users Okta changed before their last SCIM push: the push wins. */
  skippedPushNewer: number;
  /** Writes refused because the user changed meanwhile or a userName clash. */
  conflicts: number;
  /** Okta users that could not be read (no id, login or known status). */
  errors: number;
}

export function emptySyncCounts(): SyncCounts {
  return {
    seen: 0,
    created: 0,
    updated: 0,
    deactivated: 0,
    unchanged: 0,
    skippedPushNewer: 0,
    conflicts: 0,
    errors: 0,
  };
}
