/**
 * Okta's user statuses (the `UserStatus` enum of Okta's management API). A
 * status outside this list makes the user unreadable rather than guessed at.
 */
export const OKTA_USER_STATUSES = [
  'ACTIVE',
  'DEPROVISIONED',
  'LOCKED_OUT',
  'PASSWORD_EXPIRED',
  'PROVISIONED',
  'RECOVERY',
  'STAGED',
  'SUSPENDED',
] as const;

export type OktaUserStatus = (typeof OKTA_USER_STATUSES)[number];

/** The Okta profile attributes Ferry maps; all but `login` may be absent. */
export interface OktaUserProfile {
  readonly login: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly displayName?: string;
  readonly nickName?: string;
  readonly title?: string;
  readonly locale?: string;
  readonly timezone?: string;
  readonly userType?: string;
  readonly department?: string;
  readonly division?: string;
  readonly organization?: string;
  readonly costCenter?: string;
  readonly employeeNumber?: string;
  readonly managerId?: string;
}

/** The subset of an Okta user that the sync reads. */
export interface OktaUser {
  readonly id: string;
  readonly status: OktaUserStatus;
  /** ISO 8601; the SDK hands it over as a Date, Okta's JSON as a string. */
  readonly lastUpdated: string;
  readonly profile: OktaUserProfile;
}

/** One page of a listing, in Okta's order. */
export interface OktaUserPage {
  readonly users: readonly OktaUser[];
  /** Items without an id, login, known status or lastUpdated. */
  readonly unreadable: number;
}

const PROFILE_TEXT_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'displayName',
  'nickName',
  'title',
  'locale',
  'timezone',
  'userType',
  'department',
  'division',
  'organization',
  'costCenter',
  'employeeNumber',
  'managerId',
] as const satisfies readonly (keyof OktaUserProfile)[];

/**
 * Reads an item of a listing (an SDK `User` model or plain JSON) into an
 * OktaUser, or undefined when a field the sync depends on is missing. Empty
 * and null profile values count as absent, as Okta treats them.
 */
export function readOktaUser(item: unknown): OktaUser | undefined {
  if (!isRecord(item) || !isRecord(item.profile)) return undefined;
  const id = text(item.id);
  const login = text(item.profile.login);
  const status = readStatus(item.status);
  const lastUpdated = isoTime(item.lastUpdated);
  if (!id || !login || !status || !lastUpdated) return undefined;

  const profile: { [field: string]: string; login: string } = { login };
  for (const field of PROFILE_TEXT_FIELDS) {
    const value = text(item.profile[field]);
    if (value !== undefined) profile[field] = value;
  }
  return { id, status, lastUpdated, profile };
}

function readStatus(value: unknown): OktaUserStatus | undefined {
  return OKTA_USER_STATUSES.find((status) => status === value);
}

function isoTime(value: unknown): string | undefined {
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string'
        ? Date.parse(value)
        : NaN;
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? undefined : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
