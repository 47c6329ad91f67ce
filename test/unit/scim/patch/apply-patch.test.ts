import { describe, expect, it } from 'vitest';

import type { JsonObject } from '../../../../src/scim/json.js';
import { applyPatch } from '../../../../src/scim/patch/apply-patch.js';
import { parsePatchRequest } from '../../../../src/scim/patch/patch-request.js';
import { ScimError } from '../../../../src/scim/scim-error.js';
import { readFixture } from '../fixtures/read-fixture.js';
import {
  ENTERPRISE,
  PATCH_OP,
  USER,
  storedContent,
  storedUser,
} from './user-fixture.js';

function patch(resource: JsonObject, ...operations: unknown[]): JsonObject {
  const body = { schemas: [PATCH_OP], Operations: operations };
  return applyPatch(resource, parsePatchRequest(body));
}

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    const { status, scimType, detail } = error;
    return { status, scimType, detail };
  }
  throw new Error('expected a ScimError');
}

describe('applyPatch', () => {
  it("deactivates a user with Okta's documented request", () => {
    const operations = parsePatchRequest(
      readFixture('okta-deactivate-user.json'),
    );
    expect(applyPatch(storedUser(), operations)).toEqual({
      ...storedContent(),
      active: false,
    });
  });

  it('deactivates a user with Entra ID\'s "False" string', () => {
    const operations = parsePatchRequest(
      readFixture('entra-disable-user-legacy.json'),
    );
    expect(applyPatch(storedUser(), operations).active).toBe(false);
  });

  it("applies Entra ID's documented multi-valued update", () => {
    const operations = parsePatchRequest(
      readFixture('entra-update-multi-valued.json'),
    );
    const expected = storedContent();
    expected.name = {
      formatted: 'Ms. Barbara J Jensen, III',
      familyName: 'updatedFamilyName',
      givenName: 'Barbara',
    };
    expected.emails = [
      { value: 'updatedEmail@microsoft.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ];
    expect(applyPatch(storedUser(), operations)).toEqual(expected);
  });

  it("applies Entra ID's replace of several attributes, before and after its compliance flag", () => {
    const legacy = parsePatchRequest(
      readFixture('entra-replace-attributes-legacy.json'),
    );
    expect(applyPatch(storedUser(), legacy)).toMatchObject({
      externalId: 'Eqpj',
      name: { familyName: 'Pkqf', givenName: 'Gtfd' },
      displayName: 'Pvlo',
      emails: [
        { value: 'TestBcwqnm@test.microsoft.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      [ENTERPRISE]: { employeeNumber: 'Eqpj' },
    });

    const compliant = parsePatchRequest(
      readFixture('entra-replace-attributes.json'),
    );
    const expected = storedContent();
    expected.name = {
      formatted: 'Ms. Barbara J Jensen, III',
      familyName: 'Unua',
      givenName: 'Kkom',
    };
    expected.displayName = 'Bjfe';
    expected.emails = [
      { value: 'TestMhvaes@test.microsoft.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ];
    expected[ENTERPRISE] = {
      employeeNumber: 'Aklq',
      department: 'Tour Operations',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
    };
    expect(applyPatch(storedUser(), compliant)).toEqual(expected);
  });

  it('applies the add without a path of RFC 7644 §3.5.2.1', () => {
    const result = patch(storedUser(), {
      op: 'add',
      value: {
        emails: [{ value: 'babs@jensen.org', type: 'home' }],
        nickname: 'Babs',
      },
    });
    expect(result).toEqual({ ...storedContent(), nickName: 'Babs' });
  });

  it('applies the replace without a path of RFC 7644 §3.5.2.3', () => {
    const result = patch(storedUser(), {
      op: 'replace',
      value: {
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
        nickname: 'Babs',
      },
    });
    expect(result).toEqual({ ...storedContent(), nickName: 'Babs' });
  });

  it('sets the enterprise manager from a bare id, replacing the whole value', () => {
    const resource = storedUser();
    resource[ENTERPRISE] = {
      manager: {
        value: '26118915-6090-4610-87e4-49d8ca9f808d',
        $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d',
      },
    };
    const result = patch(resource, {
      op: 'Add',
      path: `${ENTERPRISE}:manager`,
      value: '2819c223-7f76-453a-919d-413861904646',
    });
    expect(result[ENTERPRISE]).toEqual({
      manager: { value: '2819c223-7f76-453a-919d-413861904646' },
    });
  });

  it('drops the enterprise URN from schemas once no enterprise attribute is left', () => {
    const result = patch(
      storedUser(),
      { op: 'remove', path: `${ENTERPRISE}:employeeNumber` },
      { op: 'replace', value: { [ENTERPRISE]: { department: null } } },
      { op: 'remove', path: `${ENTERPRISE}:manager` },
    );
    const { [ENTERPRISE]: _extension, ...expected } = storedContent();
    expect(result).toEqual({ ...expected, schemas: [USER] });
  });

  it('accepts a password with or without a path and stores none', () => {
    const result = patch(
      storedUser(),
      { op: 'replace', path: 'password', value: 't1meMa$heen' },
      { op: 'replace', value: { password: 't1meMa$heen', nickName: 'Babs' } },
      { op: 'remove', path: 'password' },
    );
    expect(result).toEqual({ ...storedContent(), nickName: 'Babs' });
  });

  it('ignores read-only attributes inside a value without a path, as Okta repeats id there', () => {
    const result = patch(storedUser(), {
      op: 'replace',
      value: {
        id: 'another-id',
        meta: { created: '2020-01-01T00:00:00Z' },
        groups: [{ value: 'e9e30dba-f08f-4109-8486-d5c6a331660a' }],
        displayName: 'Barbara Jensen',
      },
    });
    expect(result).toEqual({
      ...storedContent(),
      displayName: 'Barbara Jensen',
    });
  });

  it('returns a new resource without id and meta and leaves the input as it was', () => {
    const resource = storedUser();
    const result = patch(resource, {
      op: 'add',
      path: 'emails',
      value: [{ value: 'b@example.org', type: 'other' }],
    });
    expect(resource).toEqual(storedUser());
    expect(result).not.toHaveProperty('id');
    expect(result).not.toHaveProperty('meta');
    expect(result.emails).toHaveLength(3);
  });

  describe('with operations that only set whole top-level values', () => {
    // `add` of no e-mail changes nothing but needs the deep copy, so the
    // same request with it appended takes the general path.
    const forcesGeneralPath = { op: 'add', path: 'emails', value: [] };
    const requests: Record<string, unknown[]> = {
      "Okta's deactivation": [{ op: 'replace', value: { active: false } }],
      'a replace with a path': [
        { op: 'replace', path: 'displayName', value: 'Babs' },
      ],
      'an unassigning add': [
        { op: 'add', value: { nickName: null, title: 'Tour guide' } },
      ],
      'a URN-qualified member': [
        { op: 'replace', value: { [`${USER}:active`]: 'False' } },
      ],
    };

    for (const [name, operations] of Object.entries(requests)) {
      it(`gives for ${name} exactly what the general path gives`, () => {
        const fast = patch(storedUser(), ...operations);
        const general = patch(storedUser(), ...operations, forcesGeneralPath);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(general));
      });
    }

    it('leaves the input as it was', () => {
      const resource = storedUser();
      patch(resource, { op: 'replace', value: { active: false } });
      expect(resource).toEqual(storedUser());
    });
  });

  it('leaves the resource untouched when one operation fails (atomicity)', () => {
    const resource = storedUser();
    const error = errorOf(() =>
      patch(
        resource,
        { op: 'replace', path: 'displayName', value: 'Changed' },
        { op: 'remove', path: 'emails[type eq "home"]' },
        { op: 'replace', path: 'emails[type eq "pager"].value', value: 'x' },
      ),
    );
    expect(error).toEqual({
      status: 400,
      scimType: 'noTarget',
      detail:
        'Operations[2] (replace emails[type eq "pager"].value): No value of ' +
        'emails matches the filter; use add to create one.',
    });
    expect(resource).toEqual(storedUser());
  });

  it('keeps prototypes clean when a value holds __proto__ or constructor keys', () => {
    const body = JSON.parse(
      `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","value":` +
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},' +
        '"name":{"__proto__":{"polluted":true},"givenName":"Babs"}}}]}',
    ) as unknown;
    const result = applyPatch(storedUser(), parsePatchRequest(body));
    expect(result.name).toEqual({
      formatted: 'Ms. Barbara J Jensen, III',
      familyName: 'Jensen',
      givenName: 'Babs',
    });
    expect(Object.getPrototypeOf(result.name)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('refuses', () => {
    it('a change to a read-only attribute with 400 mutability', () => {
      const cases = [
        ['replace', 'id', 'id'],
        ['add', 'meta.created', 'meta.created'],
        ['add', 'groups', 'groups'],
        ['remove', 'groups[value eq "e9e30dba"]', 'groups'],
        [
          'replace',
          `${ENTERPRISE}:manager.displayName`,
          `${ENTERPRISE}:manager.displayName`,
        ],
      ];
      for (const [op, path, name] of cases) {
        expect(
          errorOf(() => patch(storedUser(), { op, path, value: 'x' })),
        ).toEqual({
          status: 400,
          scimType: 'mutability',
          detail:
            `Operations[0] (${op} ${path}): ${name} is read-only: Ferry ` +
            `assigns it, so a PATCH cannot ${op} it (RFC 7643 §2.2).`,
        });
      }
    });

    it('a value of the wrong type with 400 invalidValue naming the operation', () => {
      expect(
        errorOf(() =>
          patch(
            storedUser(),
            { op: 'replace', path: 'title', value: 'Tour Guide' },
            { op: 'replace', path: 'active', value: 'no' },
          ),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail:
          'Operations[1] (replace active): active must be a boolean (true ' +
          'or false); got a string.',
      });
      expect(
        errorOf(() =>
          patch(storedUser(), { op: 'add', value: { displayName: 42 } }),
        ).detail,
      ).toBe(
        'Operations[0] (add): displayName must be a string; got a number.',
      );
    });

    it('a result without a userName, as a PUT would, with 400 invalidValue', () => {
      for (const value of ['', '  ', null]) {
        expect(
          errorOf(() =>
            patch(storedUser(), { op: 'replace', path: 'userName', value }),
          ),
        ).toEqual({
          status: 400,
          scimType: 'invalidValue',
          detail:
            'userName is required; send a value that is not empty or blank ' +
            '(RFC 7643 §2.2, §4.1.1).',
        });
      }
    });

    it('the removal of userName with 400 invalidValue', () => {
      expect(
        errorOf(() => patch(storedUser(), { op: 'remove', path: 'userName' })),
      ).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail:
          'Operations[0] (remove userName): userName is required, so it ' +
          'cannot be removed (RFC 7643 §2.2); replace it instead.',
      });
    });

    it('two primary values after the patch with 400 invalidValue', () => {
      expect(
        errorOf(() =>
          patch(storedUser(), {
            op: 'replace',
            path: 'emails.primary',
            value: true,
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
  });
});
