import { describe, expect, it } from 'vitest';

import {
  parseAttributeList,
  projectAttributes,
} from '../../../src/scim/attribute-projection.js';
import type { JsonObject } from '../../../src/scim/json.js';
import { ENTERPRISE, USER } from './patch/user-fixture.js';

const META = {
  resourceType: 'User',
  created: '2010-01-23T04:56:22Z',
  lastModified: '2011-05-13T04:42:34Z',
  version: 'W/"3"',
  location: 'https://example.com/scim/v2/Users/2819c223',
};

function user(): JsonObject {
  return {
    schemas: [USER, ENTERPRISE],
    id: '2819c223',
    externalId: '701984',
    userName: 'bjensen@example.com',
    name: { familyName: 'Jensen', givenName: 'Barbara' },
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    [ENTERPRISE]: {
      department: 'Tour Operations',
      manager: { value: '26118915' },
    },
    meta: META,
  };
}

describe('parseAttributeList', () => {
  it('splits on commas and drops blanks', () => {
    expect(parseAttributeList(' userName, name.givenName ,,emails ')).toEqual([
      'userName',
      'name.givenName',
      'emails',
    ]);
    expect(parseAttributeList('')).toEqual([]);
    expect(parseAttributeList(undefined)).toEqual([]);
  });
});

describe('projectAttributes', () => {
  it('returns every default attribute when nothing is asked for', () => {
    expect(projectAttributes(user(), {})).toEqual(user());
  });

  it('never returns a password, even one that reached the resource', () => {
    const resource = { ...user(), password: 'secret' };
    expect(projectAttributes(resource, {})).toEqual(user());
    expect(projectAttributes(resource, { attributes: ['password'] })).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223',
      userName: 'bjensen@example.com',
    });
  });

  it('returns the asked-for attributes plus schemas, id and userName', () => {
    expect(
      projectAttributes(user(), { attributes: ['displayName', 'active'] }),
    ).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223',
      userName: 'bjensen@example.com',
      active: true,
    });
  });

  it('returns only the asked-for sub-attributes, in every value', () => {
    expect(
      projectAttributes(user(), {
        attributes: ['name.givenName', 'EMAILS.value', 'meta.version'],
      }),
    ).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223',
      userName: 'bjensen@example.com',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
      meta: { version: 'W/"3"' },
    });
  });

  it('returns a whole extension, or one URN-qualified attribute of it', () => {
    expect(projectAttributes(user(), { attributes: [ENTERPRISE] })).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223',
      userName: 'bjensen@example.com',
      [ENTERPRISE]: user()[ENTERPRISE],
    });
    expect(
      projectAttributes(user(), {
        attributes: [`${ENTERPRISE}:manager.value`],
      }),
    ).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223',
      userName: 'bjensen@example.com',
      [ENTERPRISE]: { manager: { value: '26118915' } },
    });
  });

  it('leaves out excluded attributes, sub-attributes and extensions', () => {
    const {
      emails: _emails,
      meta: _meta,
      [ENTERPRISE]: _extension,
      ...rest
    } = user();
    expect(
      projectAttributes(user(), {
        excludedAttributes: ['emails', 'meta', 'name.familyName', ENTERPRISE],
      }),
    ).toEqual({
      ...rest,
      name: { givenName: 'Barbara' },
    });
  });

  it('never leaves out id, userName or schemas', () => {
    expect(
      projectAttributes(user(), {
        attributes: ['name'],
        excludedAttributes: ['id', 'userName', 'schemas', 'name.givenName'],
      }),
    ).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223',
      userName: 'bjensen@example.com',
      name: { familyName: 'Jensen' },
    });
  });

  it('drops values and attributes that are left with nothing to show', () => {
    expect(
      projectAttributes(user(), {
        attributes: ['emails.display', `${ENTERPRISE}:costCenter`],
      }),
    ).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223',
      userName: 'bjensen@example.com',
    });
  });

  it('ignores names of no User attribute', () => {
    expect(
      projectAttributes(user(), {
        attributes: ['shoeSize', 'name.shoeSize', 'urn:example:Unknown'],
        excludedAttributes: ['nonsense..path'],
      }),
    ).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223',
      userName: 'bjensen@example.com',
    });
  });

  describe('without attributes or excludedAttributes', () => {
    // A name of no attribute leaves the selection empty but takes the
    // general path, which the default one must stay equal to.
    const generalPath = { excludedAttributes: ['noSuchAttribute'] };
    const resources: Record<string, JsonObject> = {
      'a stored user': user(),
      'members out of schema order': {
        ...user(),
        meta: { ...META, resourceType: 'User' },
        name: { givenName: 'Barbara', familyName: 'Jensen' },
        emails: [{ primary: true, value: 'bjensen@example.com' }],
      },
      'unknown members and empty values': {
        ...user(),
        password: 'secret',
        nickName: 'Babs',
        name: { familyName: 'Jensen', middle: 'J' },
        emails: [],
        phoneNumbers: [{}, { value: '555-555-8377' }],
        addresses: [{}],
        [ENTERPRISE]: { manager: {}, division: 'Theme Park' },
      },
      'an extension with nothing returned': {
        ...user(),
        [ENTERPRISE]: { manager: {} },
      },
    };

    for (const [name, resource] of Object.entries(resources)) {
      it(`returns for ${name} what the general path returns, in its order`, () => {
        expect(JSON.stringify(projectAttributes(resource, {}))).toBe(
          JSON.stringify(projectAttributes(resource, generalPath)),
        );
      });
    }

    it('reuses stored values instead of copying them', () => {
      const resource = user();
      const projected = projectAttributes(resource, {});
      expect(projected.emails).toBe(resource.emails);
      expect(projected.name).toBe(resource.name);
    });
  });
});
