import { describe, expect, it } from 'vitest';

import type { OktaUser, OktaUserStatus } from '../../../src/okta/okta-user.js';
import {
  isActiveInOkta,
  oktaUserToScimUser,
} from '../../../src/reconciliation/okta-user-to-scim-user.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

function oktaUser(profile: Partial<OktaUser['profile']> = {}): OktaUser {
  return {
    id: '00u1',
    status: 'ACTIVE',
    lastUpdated: '2025-01-02T03:04:05.000Z',
    profile: { login: 'ada@example.com', ...profile },
  };
}

describe('oktaUserToScimUser', () => {
  it('maps every profile field Ferry syncs to its SCIM attribute', () => {
    const user = oktaUser({
      email: 'ada.lovelace@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      displayName: 'Ada L.',
      nickName: 'Ada',
      title: 'Analyst',
      locale: 'en_GB',
      timezone: 'Europe/London',
      userType: 'Employee',
      department: 'Engines',
      division: 'Research',
      organization: 'Analytical Society',
      costCenter: 'CC-1815',
      employeeNumber: '1815',
      managerId: '00umanager',
    });

    expect(oktaUserToScimUser(user)).toEqual({
      schemas: [CORE, ENTERPRISE],
      userName: 'ada@example.com',
      name: {
        formatted: 'Ada Lovelace',
        familyName: 'Lovelace',
        givenName: 'Ada',
      },
      displayName: 'Ada L.',
      nickName: 'Ada',
      title: 'Analyst',
      userType: 'Employee',
      locale: 'en_GB',
      timezone: 'Europe/London',
      active: true,
      emails: [
        { value: 'ada.lovelace@example.com', type: 'work', primary: true },
      ],
      [ENTERPRISE]: {
        employeeNumber: '1815',
        costCenter: 'CC-1815',
        organization: 'Analytical Society',
        division: 'Research',
        department: 'Engines',
        manager: { value: '00umanager' },
      },
    });
  });

  it('leaves out what Okta has no value for, and the enterprise schema with it', () => {
    expect(oktaUserToScimUser(oktaUser())).toEqual({
      schemas: [CORE],
      userName: 'ada@example.com',
      active: true,
    });
  });

  it('formats the name from whichever of first and last name exists', () => {
    expect(oktaUserToScimUser(oktaUser({ lastName: 'Lovelace' })).name).toEqual(
      {
        formatted: 'Lovelace',
        familyName: 'Lovelace',
      },
    );
  });

  it('maps DEPROVISIONED users to inactive ones', () => {
    const user: OktaUser = { ...oktaUser(), status: 'DEPROVISIONED' };

    expect(oktaUserToScimUser(user).active).toBe(false);
  });
});

describe('isActiveInOkta', () => {
  const cases: [OktaUserStatus, boolean][] = [
    ['ACTIVE', true],
    ['PROVISIONED', true],
    ['RECOVERY', true],
    ['PASSWORD_EXPIRED', true],
    ['LOCKED_OUT', true],
    ['STAGED', false],
    ['SUSPENDED', false],
    ['DEPROVISIONED', false],
  ];

  it.each(cases)('treats %s as active: %s', (status, active) => {
    expect(isActiveInOkta(status)).toBe(active);
  });
});
