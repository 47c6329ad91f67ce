// Request bodies shaped like the ones Okta sends to a SCIM 2.0 app, after
// the examples in Okta's SCIM 2.0 reference: create with a password and an
// empty `groups`, full replace echoing `id` and `meta`, and the deactivate
// PatchOp without a `path`.

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The user a body describes; `n` varies names so records differ. */
export interface BenchUser {
  readonly userName: string;
  readonly n: number;
}

/** The unique userName of the n-th user of a batch. */
export function benchUserName(batch: string, n: number): string {
  return `${batch}.user${n}@example.com`;
}

export function oktaCreateBody(user: BenchUser): string {
  return JSON.stringify({
    schemas: [USER_SCHEMA],
    userName: user.userName,
    name: { givenName: `Given${user.n}`, familyName: `Family${user.n}` },
    emails: [{ primary: true, value: user.userName, type: 'work' }],
    displayName: `Given${user.n} Family${user.n}`,
    locale: 'en-US',
    externalId: oktaUserId(user.n),
    groups: [],
    password: `pw-${user.n}-Aa1!`,
    active: true,
  });
}

/**
 * Okta's PUT sends the whole user back, with `id` and `meta`; `revision`
 * changes the middle name so that every replace really writes.
 */
export function oktaReplaceBody(
  id: string,
  user: BenchUser,
  revision: number,
): string {
  return JSON.stringify({
    schemas: [USER_SCHEMA],
    id,
    userName: user.userName,
    name: {
      givenName: `Given${user.n}`,
      middleName: `Rev${revision}`,
      familyName: `Family${user.n}`,
    },
    emails: [{ primary: true, value: user.userName, type: 'work' }],
    displayName: `Given${user.n} Family${user.n}`,
    locale: 'en-US',
    externalId: oktaUserId(user.n),
    active: true,
    groups: [],
    meta: { resourceType: 'User' },
  });
}

/** Okta deactivates (and reactivates) with a path-less replace. */
export function oktaActivePatchBody(active: boolean): string {
  return JSON.stringify({
    schemas: [PATCH_OP_SCHEMA],
    Operations: [{ op: 'replace', value: { active } }],
  });
}

/** Okta's existence check before a create (Okta SCIM 2.0 reference). */
export function oktaExistencePath(userName: string): string {
  const filter = encodeURIComponent(`userName eq "${userName}"`);
  return `/Users?filter=${filter}&startIndex=1&count=100`;
}

// Okta user ids are 20 characters starting with 00u.
function oktaUserId(n: number): string {
  return `00u${n.toString(36).padStart(17, '0')}`;
}
