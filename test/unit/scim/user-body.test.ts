import { describe, expect, it } from 'vitest';

import type { JsonObject } from '../../../src/scim/json.js';
import { ScimError } from '../../../src/scim/scim-error.js';
import { normaliseUserBody } from '../../../src/scim/user-body.js';
import { readFixture } from './fixtures/read-fixture.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function scimError(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

function errorOf(run: () => unknown) {
  const { status, scimType, detail } = scimError(run);
  return { status, scimType, detail };
}

describe('normaliseUserBody', () => {
  it("stores Okta's documented create body without password, groups or an empty value", () => {
    expect(normaliseUserBody(readFixture('okta-create-user.json'))).toEqual({
      schemas: [USER],
      externalId: '00ujl29u0le5T6Aj10h7',
      userName: 'test.user@okta.local',
      name: { familyName: 'User', givenName: 'Test' },
      displayName: 'Test User',
      locale: 'en-US',
      active: true,
      emails: [{ value: 'test.user@okta.local', type: 'work', primary: true }],
    });
  });

  it("stores Entra ID's documented create body, ignoring its meta and empty roles", () => {
    expect(normaliseUserBody(readFixture('entra-create-user.json'))).toEqual({
      schemas: [USER],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      name: {
        formatted: 'givenName familyName',
        familyName: 'familyName',
        givenName: 'givenName',
      },
      active: true,
      emails: [
        {
          value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com',
          type: 'work',
          primary: true,
        },
      ],
    });
  });

  it('reads a bare manager id as manager.value and ignores unknown extensions, id and meta', () => {
    const stored = normaliseUserBody(
      readFixture('entra-user-with-extensions.json'),
    );
    expect(stored).toEqual({
      schemas: [USER, ENTERPRISE],
      externalId: 'bjensen',
      userName: 'bjensen@testuser.com',
      name: { familyName: 'Jensen', givenName: 'Barbara' },
      active: true,
      [ENTERPRISE]: { manager: { value: '123456' } },
    });
  });

  it('writes keys in schema order, so equal users serialise equally', () => {
    const stored = normaliseUserBody({
      active: false,
      [ENTERPRISE]: { department: 'Sales' },
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      USERNAME: 'bjensen',
      schemas: [USER],
    });
    expect(JSON.stringify(stored)).toBe(
      JSON.stringify({
        schemas: [USER, ENTERPRISE],
        userName: 'bjensen',
        name: { familyName: 'Jensen', givenName: 'Barbara' },
        active: false,
        [ENTERPRISE]: { department: 'Sales' },
      }),
    );
  });

  it('matches attribute names, sub-attribute names and URNs in any case', () => {
    expect(
      normaliseUserBody({
        SCHEMAS: [USER.toUpperCase()],
        username: 'bjensen',
        Name: { GIVENNAME: 'Barbara' },
        EMAILS: [{ VALUE: 'b@example.com', Primary: 'TRUE' }],
        [ENTERPRISE.toLowerCase()]: { CostCenter: '4130' },
      }),
    ).toEqual({
      schemas: [USER, ENTERPRISE],
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      active: true,
      emails: [{ value: 'b@example.com', primary: true }],
      [ENTERPRISE]: { costCenter: '4130' },
    });
  });

  it('accepts booleans sent as the strings "True" and "False" in any case', () => {
    const body = { schemas: [USER], userName: 'bjensen', active: 'False' };
    expect(normaliseUserBody(body).active).toBe(false);
    expect(normaliseUserBody({ ...body, active: 'tRUE' }).active).toBe(true);
  });

  it('keeps userName exactly as sent', () => {
    const body = { schemas: [USER], userName: '  BJensen@Example.com ' };
    expect(normaliseUserBody(body).userName).toBe('  BJensen@Example.com ');
  });

  it('drops nulls, empty arrays and empty complex values as unassigned', () => {
    expect(
      normaliseUserBody({
        schemas: [USER],
        userName: 'bjensen',
        nickName: null,
        name: { givenName: null },
        emails: [],
        phoneNumbers: [null, {}],
        [ENTERPRISE]: { department: null },
      }),
    ).toEqual({ schemas: [USER], userName: 'bjensen', active: true });
  });

  it('keeps empty strings, which RFC 7643 §2.5 does not make unassigned', () => {
    const body = {
      schemas: [USER],
      userName: 'bjensen',
      name: { middleName: '' },
    };
    expect(normaliseUserBody(body).name).toEqual({ middleName: '' });
  });

  it('ignores read-only sub-attributes such as manager.displayName', () => {
    const body = {
      schemas: [USER],
      userName: 'bjensen',
      [ENTERPRISE]: {
        manager: {
          value: '26118915-6090-4610-87e4-49d8ca9f808d',
          displayName: 'John Smith',
        },
      },
    };
    expect(normaliseUserBody(body)[ENTERPRISE]).toEqual({
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
    });
  });

  it('accepts enterprise attributes whose URN the body leaves out of schemas', () => {
    const body = {
      schemas: [USER],
      userName: 'bjensen',
      [ENTERPRISE]: { employeeNumber: '701984' },
    };
    expect(normaliseUserBody(body).schemas).toEqual([USER, ENTERPRISE]);
  });

  it('ignores URN-qualified attribute names at the top level of a body', () => {
    const body = {
      schemas: [USER],
      userName: 'bjensen',
      [`${ENTERPRISE}:department`]: 'Sales',
    };
    expect(normaliseUserBody(body)).toEqual({
      schemas: [USER],
      userName: 'bjensen',
      active: true,
    });
  });

  it('never lets __proto__, constructor or prototype keys reach a prototype', () => {
    const body = JSON.parse(
      '{"schemas":["' +
        USER +
        '"],"userName":"bjensen",' +
        '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},' +
        '"name":{"__proto__":{"polluted":true},"givenName":"Barbara"},' +
        `"${ENTERPRISE}":{"__proto__":{"polluted":true},"prototype":1}}`,
    ) as unknown;
    const stored = normaliseUserBody(body);
    expect(stored).toEqual({
      schemas: [USER],
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      active: true,
    });
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(stored.name)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('when replacing a user (PUT)', () => {
    const previous: JsonObject = {
      schemas: [USER, ENTERPRISE],
      id: '23a35c27-23d3-4c03-b4c5-6443c09e7173',
      userName: 'test.user@okta.local',
      nickName: 'Testy',
      active: false,
      [ENTERPRISE]: { department: 'Sales' },
      meta: { resourceType: 'User', version: 'W/"3"' },
    };

    it("replaces every writable attribute with Okta's documented PUT body", () => {
      expect(
        normaliseUserBody(readFixture('okta-replace-user.json'), { previous }),
      ).toEqual({
        schemas: [USER],
        userName: 'test.user@okta.local',
        name: {
          familyName: 'User',
          givenName: 'Another',
          middleName: 'Excited',
        },
        active: true,
        emails: [
          {
            value: 'test.user@okta.local',
            display: 'test.user@okta.local',
            type: 'work',
            primary: true,
          },
        ],
      });
    });

    it('keeps the previous active state when active is left out', () => {
      const body = { schemas: [USER], userName: 'test.user@okta.local' };
      expect(normaliseUserBody(body, { previous })).toEqual({
        schemas: [USER],
        userName: 'test.user@okta.local',
        active: false,
      });
    });
  });

  describe('refuses', () => {
    it('a body that is not a JSON object with 400 invalidSyntax', () => {
      for (const body of [undefined, null, 'user', [], 42]) {
        expect(errorOf(() => normaliseUserBody(body))).toEqual({
          status: 400,
          scimType: 'invalidSyntax',
          detail:
            'The request body must be a JSON object holding a User resource ' +
            '(RFC 7644 §3.3).',
        });
      }
    });

    it('a body without the core User schema URN with 400 invalidSyntax', () => {
      const detail = `"schemas" must be an array that includes "${USER}" (RFC 7643 §3).`;
      for (const schemas of [undefined, USER, [], [ENTERPRISE], [42]]) {
        expect(
          errorOf(() => normaliseUserBody({ schemas, userName: 'bjensen' })),
        ).toEqual({ status: 400, scimType: 'invalidSyntax', detail });
      }
      expect(errorOf(() => normaliseUserBody({}))).toEqual({
        status: 400,
        scimType: 'invalidSyntax',
        detail,
      });
    });

    it('a missing, empty or blank userName with 400 invalidValue', () => {
      for (const userName of [undefined, null, '', '   \t']) {
        expect(
          errorOf(() => normaliseUserBody({ schemas: [USER], userName })),
        ).toEqual({
          status: 400,
          scimType: 'invalidValue',
          detail:
            'userName is required; send a value that is not empty or blank ' +
            '(RFC 7643 §2.2, §4.1.1).',
        });
      }
    });

    it('a number where a string belongs with 400 invalidValue naming the path', () => {
      expect(
        errorOf(() =>
          normaliseUserBody({
            schemas: [USER],
            userName: 'b',
            name: { givenName: 7 },
          }),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail: 'name.givenName must be a string; got a number.',
      });
      expect(
        errorOf(() =>
          normaliseUserBody({
            schemas: [USER],
            userName: 'b',
            [ENTERPRISE]: { employeeNumber: 701984 },
          }),
        ).detail,
      ).toBe(`${ENTERPRISE}:employeeNumber must be a string; got a number.`);
    });

    it('a boolean that is neither true nor false with 400 invalidValue', () => {
      expect(
        errorOf(() =>
          normaliseUserBody({ schemas: [USER], userName: 'b', active: 'yes' }),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail: 'active must be a boolean (true or false); got a string.',
      });
      expect(
        errorOf(() =>
          normaliseUserBody({
            schemas: [USER],
            userName: 'b',
            emails: [{ value: 'b@example.com', primary: 1 }],
          }),
        ).detail,
      ).toBe('emails.primary must be a boolean (true or false); got a number.');
    });

    it('a multi-valued attribute that is not an array with 400 invalidValue', () => {
      expect(
        errorOf(() =>
          normaliseUserBody({
            schemas: [USER],
            userName: 'b',
            emails: { value: 'b@example.com' },
          }),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail:
          'emails is multi-valued, so it must be an array (RFC 7643 §2.4); ' +
          'got an object.',
      });
    });

    it('a complex attribute that is not an object with 400 invalidValue', () => {
      expect(
        errorOf(() =>
          normaliseUserBody({
            schemas: [USER],
            userName: 'b',
            name: 'Barbara',
          }),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail:
          'name must be an object of sub-attributes (formatted, familyName, ' +
          'givenName, middleName, honorificPrefix, honorificSuffix); got a ' +
          'string.',
      });
      expect(
        errorOf(() =>
          normaliseUserBody({
            schemas: [USER],
            userName: 'b',
            emails: ['b@x.org'],
          }),
        ).detail,
      ).toBe(
        'emails must be an object of sub-attributes (value, display, type, ' +
          'primary); got a string.',
      );
    });

    it('an extension that is not an object with 400 invalidValue', () => {
      expect(
        errorOf(() =>
          normaliseUserBody({
            schemas: [USER],
            userName: 'b',
            [ENTERPRISE]: 'x',
          }),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail: `${ENTERPRISE} must be an object of extension attributes; got a string.`,
      });
    });

    it('two primary values in one attribute with 400 invalidValue', () => {
      expect(
        errorOf(() =>
          normaliseUserBody({
            schemas: [USER],
            userName: 'b',
            emails: [
              { value: 'a@example.com', primary: true },
              { value: 'b@example.com', primary: 'True' },
            ],
          }),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail:
          'emails has 2 values with "primary": true; at most one value may ' +
          'be primary (RFC 7643 §2.4).',
      });
    });

    it('an attribute sent twice in different case with 400 invalidSyntax', () => {
      expect(
        errorOf(() =>
          normaliseUserBody({ schemas: [USER], userName: 'a', USERNAME: 'b' }),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidSyntax',
        detail:
          'The User has both "userName" and "USERNAME"; names are ' +
          'case-insensitive (RFC 7643 §2.1), so send only one of them.',
      });
      expect(
        errorOf(() =>
          normaliseUserBody({
            schemas: [USER],
            userName: 'a',
            name: { givenName: 'a', givenname: 'b' },
          }),
        ).detail,
      ).toBe(
        'name has both "givenName" and "givenname"; names are ' +
          'case-insensitive (RFC 7643 §2.1), so send only one of them.',
      );
    });
  });
});
