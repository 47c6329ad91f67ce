import { describe, expect, it } from 'vitest';

import { changedAttributes } from '../../../src/audit/changed-attributes.js';
import {
  ENTERPRISE_USER_SCHEMA,
  USER_SCHEMA,
} from '../../../src/scim/schema/schema-urns.js';

const ENTERPRISE = ENTERPRISE_USER_SCHEMA;

const bjensen = {
  schemas: [USER_SCHEMA],
  id: '2819c223-7f76-453a-919d-413861904646',
  userName: 'bjensen@example.com',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  active: true,
  meta: {
    resourceType: 'User',
    created: '2025-01-01T00:00:00.000Z',
    lastModified: '2025-01-01T00:00:00.000Z',
    version: 'W/"1"',
  },
};

describe('changedAttributes', () => {
  it('reports nothing when only server-maintained attributes differ', () => {
    const later = {
      ...bjensen,
      schemas: [USER_SCHEMA, ENTERPRISE],
      meta: { ...bjensen.meta, version: 'W/"2"' },
    };
    expect(changedAttributes(bjensen, later)).toEqual([]);
  });

  it('names the sub-attributes of name that changed, appeared or went', () => {
    const later = {
      ...bjensen,
      name: { givenName: 'Babs', middleName: 'J' },
    };
    expect(changedAttributes(bjensen, later)).toEqual([
      'name.familyName',
      'name.givenName',
      'name.middleName',
    ]);
  });

  it('names a multi-valued attribute whole, whatever changed inside it', () => {
    const later = {
      ...bjensen,
      emails: [{ value: 'bjensen@example.com', type: 'home', primary: true }],
    };
    expect(changedAttributes(bjensen, later)).toEqual(['emails']);
  });

  it('ignores the order of an object’s keys but not of an array’s items', () => {
    const reordered = {
      ...bjensen,
      name: { familyName: 'Jensen', givenName: 'Barbara' },
      emails: [{ primary: true, type: 'work', value: 'bjensen@example.com' }],
    };
    expect(changedAttributes(bjensen, reordered)).toEqual([]);
    const twoEmails = [{ value: 'a@example.com' }, { value: 'b@example.com' }];
    expect(
      changedAttributes(
        { ...bjensen, emails: twoEmails },
        { ...bjensen, emails: [...twoEmails].reverse() },
      ),
    ).toEqual(['emails']);
  });

  it('names enterprise attributes by their URN-qualified path (RFC 7644 §3.10)', () => {
    const before = {
      ...bjensen,
      [ENTERPRISE]: {
        department: 'Sales',
        manager: { value: 'm-1', displayName: 'Mia' },
      },
    };
    const after = {
      ...bjensen,
      [ENTERPRISE]: {
        department: 'Sales',
        costCenter: '4130',
        manager: { value: 'm-2', displayName: 'Mia' },
      },
    };
    expect(changedAttributes(before, after)).toEqual([
      `${ENTERPRISE}:costCenter`,
      `${ENTERPRISE}:manager.value`,
    ]);
    expect(changedAttributes(before, bjensen)).toEqual([
      `${ENTERPRISE}:department`,
      `${ENTERPRISE}:manager.displayName`,
      `${ENTERPRISE}:manager.value`,
    ]);
  });

  it('names every attribute present for a creation and for a deletion', () => {
    const expected = [
      'active',
      'emails',
      'name.familyName',
      'name.givenName',
      'userName',
    ];
    expect(changedAttributes(undefined, bjensen)).toEqual(expected);
    expect(changedAttributes(bjensen, undefined)).toEqual(expected);
  });

  it('never names password, even if one reaches it', () => {
    expect(
      changedAttributes(bjensen, { ...bjensen, password: 't1meMa$heen' }),
    ).toEqual([]);
  });

  it('names a singular complex attribute whole when its value is not an object', () => {
    expect(
      changedAttributes({ ...bjensen, name: 'B' }, { ...bjensen, name: 'C' }),
    ).toEqual(['name']);
  });
});
