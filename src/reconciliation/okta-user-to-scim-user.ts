import type {
  OktaUser,
  OktaUserProfile,
  OktaUserStatus,
} from '../okta/okta-user.js';
import type { JsonObject } from '../scim/json.js';
import {
  ENTERPRISE_USER_SCHEMA,
  USER_SCHEMA,
} from '../scim/schema/schema-urns.js';

/**
 * Statuses in which the person can still sign in to Okta, or is about to
 * (PROVISIONED: activation pending). STAGED, SUSPENDED and DEPROVISIONED
 * users cannot, so they are inactive in Ferry.
 */
const ACTIVE_STATUSES: ReadonlySet<OktaUserStatus> = new Set<OktaUserStatus>([
  'ACTIVE',
  'PROVISIONED',
  'RECOVERY',
  'PASSWORD_EXPIRED',
  'LOCKED_OUT',
]);

export function isActiveInOkta(status: OktaUserStatus): boolean {
  return ACTIVE_STATUSES.has(status);
}

/**
 * Maps an Okta user to the SCIM attributes an Okta sync owns, as a User
 * resource without `id` and `meta` (RFC 7643 §4.1 core attributes, §4.3
 * enterprise extension). Absent Okta values are left out, never null
 * (RFC 7643 §2.5).
 */
export function oktaUserToScimUser(user: OktaUser): JsonObject {
  const profile = user.profile;
  const resource: JsonObject = {
    schemas: [USER_SCHEMA],
    userName: profile.login,
  };
  assignDefined(resource, 'name', nameOf(profile));
  assignDefined(resource, 'displayName', profile.displayName);
  assignDefined(resource, 'nickName', profile.nickName);
  assignDefined(resource, 'title', profile.title);
  assignDefined(resource, 'userType', profile.userType);
  assignDefined(resource, 'locale', profile.locale);
  assignDefined(resource, 'timezone', profile.timezone);
  resource.active = isActiveInOkta(user.status);
  if (profile.email !== undefined) {
    resource.emails = [{ value: profile.email, type: 'work', primary: true }];
  }

  const enterprise = enterpriseOf(profile);
  if (enterprise !== undefined) {
    resource.schemas = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA];
    resource[ENTERPRISE_USER_SCHEMA] = enterprise;
  }
  return resource;
}

function nameOf(profile: OktaUserProfile): JsonObject | undefined {
  const parts = [profile.firstName, profile.lastName].filter(
    (part) => part !== undefined,
  );
  if (parts.length === 0) return undefined;
  const name: JsonObject = { formatted: parts.join(' ') };
  assignDefined(name, 'familyName', profile.lastName);
  assignDefined(name, 'givenName', profile.firstName);
  return name;
}

function enterpriseOf(profile: OktaUserProfile): JsonObject | undefined {
  const enterprise: JsonObject = {};
  assignDefined(enterprise, 'employeeNumber', profile.employeeNumber);
  assignDefined(enterprise, 'costCenter', profile.costCenter);
  assignDefined(enterprise, 'organization', profile.organization);
  assignDefined(enterprise, 'division', profile.division);
  assignDefined(enterprise, 'department', profile.department);
  if (profile.managerId !== undefined) {
    enterprise.manager = { value: profile.managerId };
  }
  return Object.keys(enterprise).length > 0 ? enterprise : undefined;
}

function assignDefined(
  target: JsonObject,
  key: string,
  value: string | JsonObject | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
