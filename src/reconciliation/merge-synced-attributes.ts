import { isJsonObject, type JsonObject, type JsonValue } from '../scim/json.js';
import {
  ENTERPRISE_USER_SCHEMA,
  USER_SCHEMA,
} from '../scim/schema/schema-urns.js';

/** Top-level attributes an Okta sync owns; it sets or removes them. */
const SYNCED_ATTRIBUTES = [
  'userName',
  'displayName',
  'nickName',
  'title',
  'userType',
  'locale',
  'timezone',
  'active',
] as const;

const SYNCED_NAME_PARTS = ['formatted', 'familyName', 'givenName'] as const;

const SYNCED_ENTERPRISE_ATTRIBUTES = [
  'employeeNumber',
  'costCenter',
  'organization',
  'division',
  'department',
  'manager',
] as const;

/**
 * Lays the attributes a sync owns (from oktaUserToScimUser) over a stored
 * resource and returns the content to write, without `id` and `meta`.
 * Everything else a push wrote (externalId, phone numbers, addresses, other
 * name parts, non-work emails) stays as it was: Okta's user profile carries
 * no opinion on it, so the sync must not erase it.
 */
export function mergeSyncedAttributes(
  stored: JsonObject,
  synced: JsonObject,
): JsonObject {
  const next: JsonObject = { ...stored };
  delete next.id;
  delete next.meta;
  for (const attribute of SYNCED_ATTRIBUTES) {
    setOrRemove(next, attribute, synced[attribute]);
  }
  setOrRemove(
    next,
    'name',
    mergeParts(stored.name, synced.name, SYNCED_NAME_PARTS),
  );
  setOrRemove(next, 'emails', mergeEmails(stored.emails, synced.emails));

  const enterprise = mergeParts(
    stored[ENTERPRISE_USER_SCHEMA],
    synced[ENTERPRISE_USER_SCHEMA],
    SYNCED_ENTERPRISE_ATTRIBUTES,
  );
  setOrRemove(next, ENTERPRISE_USER_SCHEMA, enterprise);
  next.schemas =
    enterprise === undefined
      ? [USER_SCHEMA]
      : [USER_SCHEMA, ENTERPRISE_USER_SCHEMA];
  return next;
}

function mergeParts(
  stored: JsonValue | undefined,
  synced: JsonValue | undefined,
  owned: readonly string[],
): JsonObject | undefined {
  const merged: JsonObject = isJsonObject(stored) ? { ...stored } : {};
  const source = isJsonObject(synced) ? synced : {};
  for (const part of owned) setOrRemove(merged, part, source[part]);
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/**
 * Okta has one email, mapped as the primary work email. It replaces the
 * stored work emails and any entry with the same address; other entries
 * stay, no longer primary when Okta's is (RFC 7643 §2.4: at most one
 * primary value).
 */
function mergeEmails(
  stored: JsonValue | undefined,
  synced: JsonValue | undefined,
): JsonValue[] | undefined {
  const oktaEmail = Array.isArray(synced) ? synced[0] : undefined;
  const oktaAddress = isJsonObject(oktaEmail) ? oktaEmail.value : undefined;
  const kept = (Array.isArray(stored) ? stored : [])
    .filter(isJsonObject)
    .filter((entry) => !isWorkEmail(entry) && !sameAddress(entry, oktaAddress))
    .map((entry) => (oktaEmail === undefined ? entry : notPrimary(entry)));
  const emails = oktaEmail === undefined ? kept : [oktaEmail, ...kept];
  return emails.length > 0 ? emails : undefined;
}

function isWorkEmail(entry: JsonObject): boolean {
  return typeof entry.type === 'string' && entry.type.toLowerCase() === 'work';
}

function sameAddress(entry: JsonObject, address: JsonValue | undefined) {
  return (
    typeof entry.value === 'string' &&
    typeof address === 'string' &&
    entry.value.toLowerCase() === address.toLowerCase()
  );
}

function notPrimary(entry: JsonObject): JsonObject {
  const copy = { ...entry };
  delete copy.primary;
  return copy;
}

function setOrRemove(
  target: JsonObject,
  key: string,
  value: JsonValue | undefined,
): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
