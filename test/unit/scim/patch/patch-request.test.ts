import { describe, expect, it } from 'vitest';

import { parsePatchPath } from '../../../../src/scim/filter/patch-path-parser.js';
import {
  DEFAULT_MAX_PATCH_OPERATIONS,
  parsePatchRequest,
} from '../../../../src/scim/patch/patch-request.js';
import { ScimError } from '../../../../src/scim/scim-error.js';
import { readFixture } from '../fixtures/read-fixture.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function request(...operations: unknown[]) {
  return { schemas: [PATCH_OP], Operations: operations };
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

describe('parsePatchRequest', () => {
  it("reads Okta's documented deactivation", () => {
    expect(parsePatchRequest(readFixture('okta-deactivate-user.json'))).toEqual(
      [{ index: 0, op: 'replace', path: undefined, value: { active: false } }],
    );
  });

  it("reads Entra ID's operations, whose op is capitalised, with parsed paths", () => {
    const text = 'emails[type eq "work"].value';
    expect(
      parsePatchRequest(readFixture('entra-update-multi-valued.json')),
    ).toEqual([
      {
        index: 0,
        op: 'replace',
        path: { text, parsed: parsePatchPath(text) },
        value: 'updatedEmail@microsoft.com',
      },
      {
        index: 1,
        op: 'replace',
        path: {
          text: 'name.familyName',
          parsed: parsePatchPath('name.familyName'),
        },
        value: 'updatedFamilyName',
      },
    ]);
  });

  it('matches member names and the PatchOp URN in any case', () => {
    expect(
      parsePatchRequest({
        SCHEMAS: [PATCH_OP.toUpperCase()],
        operations: [{ OP: 'ADD', Path: 'nickName', VALUE: 'Babs' }],
      }),
    ).toEqual([
      {
        index: 0,
        op: 'add',
        path: { text: 'nickName', parsed: parsePatchPath('nickName') },
        value: 'Babs',
      },
    ]);
  });

  it('keeps a remove value, which Entra ID uses to name the values to remove', () => {
    const [operation] = parsePatchRequest(
      request({ op: 'Remove', path: 'emails', value: [{ value: 'a@b.c' }] }),
    );
    expect(operation?.value).toEqual([{ value: 'a@b.c' }]);
  });

  it('drops operations on attributes of schemas the User does not have', () => {
    const custom =
      'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
    expect(
      parsePatchRequest(
        request(
          { op: 'replace', path: `${custom}:tag`, value: '701984' },
          { op: 'remove', path: `${custom}:tag` },
          { op: 'replace', path: 'title', value: 'Tour Guide' },
        ),
      ),
    ).toEqual([
      {
        index: 2,
        op: 'replace',
        path: { text: 'title', parsed: parsePatchPath('title') },
        value: 'Tour Guide',
      },
    ]);
  });

  it('turns a path that is the enterprise URN into a value keyed by it', () => {
    expect(
      parsePatchRequest(
        request(
          { op: 'add', path: ENTERPRISE, value: { department: 'Sales' } },
          { op: 'remove', path: ENTERPRISE.toLowerCase() },
        ),
      ),
    ).toEqual([
      {
        index: 0,
        op: 'add',
        path: undefined,
        value: { [ENTERPRISE]: { department: 'Sales' } },
      },
      {
        index: 1,
        op: 'replace',
        path: undefined,
        value: { [ENTERPRISE]: null },
      },
    ]);
  });

  it('allows null as the value of an add or replace with a path', () => {
    const [operation] = parsePatchRequest(
      request({ op: 'replace', path: 'nickName', value: null }),
    );
    expect(operation?.value).toBeNull();
  });

  describe('refuses', () => {
    it('a body that is not a JSON object with 400 invalidSyntax', () => {
      expect(errorOf(() => parsePatchRequest([]))).toEqual({
        status: 400,
        scimType: 'invalidSyntax',
        detail:
          'The request body must be a JSON object holding a PatchOp message ' +
          '(RFC 7644 §3.5.2).',
      });
    });

    it('a body without the PatchOp URN with 400 invalidSyntax', () => {
      for (const schemas of [
        undefined,
        PATCH_OP,
        ['urn:ietf:params:scim:schemas:core:2.0:User'],
      ]) {
        expect(
          errorOf(() =>
            parsePatchRequest({
              schemas,
              Operations: [{ op: 'replace', value: { active: false } }],
            }),
          ),
        ).toEqual({
          status: 400,
          scimType: 'invalidSyntax',
          detail: `"schemas" must be an array that includes "${PATCH_OP}" (RFC 7644 §3.5.2).`,
        });
      }
    });

    it('missing or empty Operations with 400 invalidSyntax', () => {
      for (const body of [
        { schemas: [PATCH_OP] },
        request(),
        { schemas: [PATCH_OP], Operations: {} },
      ]) {
        expect(errorOf(() => parsePatchRequest(body))).toEqual({
          status: 400,
          scimType: 'invalidSyntax',
          detail:
            '"Operations" must be an array of one or more operations ' +
            '(RFC 7644 §3.5.2).',
        });
      }
    });

    it('more operations than the limit with 400 invalidValue', () => {
      const operation = { op: 'replace', path: 'nickName', value: 'Babs' };
      const many = Array.from(
        { length: DEFAULT_MAX_PATCH_OPERATIONS + 1 },
        () => operation,
      );
      expect(errorOf(() => parsePatchRequest(request(...many)))).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail:
          '"Operations" holds 1001 operations; Ferry takes at most 1000 in ' +
          'one PATCH. Split the change into several requests.',
      });
      expect(
        errorOf(() =>
          parsePatchRequest(request(operation, operation, operation), {
            maxOperations: 2,
          }),
        ).detail,
      ).toMatch(/^"Operations" holds 3 operations; Ferry takes at most 2 /);
      expect(
        parsePatchRequest(request(operation, operation), { maxOperations: 2 }),
      ).toHaveLength(2);
    });

    it('an operation that is not an object with 400 invalidSyntax', () => {
      expect(errorOf(() => parsePatchRequest(request('replace')))).toEqual({
        status: 400,
        scimType: 'invalidSyntax',
        detail:
          'Operations[0] must be an object with "op" and "path" or "value".',
      });
    });

    it('an unknown or missing op with 400 invalidSyntax', () => {
      for (const op of ['copy', undefined, 1]) {
        expect(
          errorOf(() =>
            parsePatchRequest(
              request(
                { op: 'add', path: 'title', value: 'x' },
                { op, path: 'title' },
              ),
            ),
          ),
        ).toEqual({
          status: 400,
          scimType: 'invalidSyntax',
          detail:
            'Operations[1].op must be "add", "remove" or "replace" (RFC 7644 §3.5.2).',
        });
      }
    });

    it('a path that is not a string with 400 invalidSyntax', () => {
      expect(
        errorOf(() =>
          parsePatchRequest(request({ op: 'remove', path: ['title'] })),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidSyntax',
        detail: 'Operations[0].path must be a string such as "name.givenName".',
      });
    });

    it('a remove without a path with 400 noTarget (RFC 7644 §3.5.2.2)', () => {
      expect(
        errorOf(() => parsePatchRequest(request({ op: 'remove' }))),
      ).toEqual({
        status: 400,
        scimType: 'noTarget',
        detail:
          'Operations[0]: a remove needs a "path" naming what to remove ' +
          '(RFC 7644 §3.5.2.2).',
      });
    });

    it('an add or replace without a path whose value is not an object with 400 invalidValue', () => {
      for (const value of [undefined, 'x', [{ active: false }]]) {
        expect(
          errorOf(() => parsePatchRequest(request({ op: 'replace', value }))),
        ).toEqual({
          status: 400,
          scimType: 'invalidValue',
          detail:
            'Operations[0]: a replace without a "path" needs a "value" ' +
            'object holding the attributes to set (RFC 7644 §3.5.2).',
        });
      }
    });

    it('an add or replace with a path but no value with 400 invalidValue', () => {
      expect(
        errorOf(() => parsePatchRequest(request({ op: 'add', path: 'title' }))),
      ).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail:
          'Operations[0]: an add needs a "value" (RFC 7644 §3.5.2.1, §3.5.2.3).',
      });
    });

    it('a path that names no attribute with 400 invalidPath, saying which operation', () => {
      const error = errorOf(() =>
        parsePatchRequest(request({ op: 'remove', path: 'shoeSize' })),
      );
      expect(error).toMatchObject({ status: 400, scimType: 'invalidPath' });
      expect(error.detail).toMatch(
        /^Operations\[0\]: The PATCH path "shoeSize" names no User attribute\./,
      );
    });

    it('paths that reach for prototypes, or are only the core URN, with 400 invalidPath', () => {
      for (const path of [
        '__proto__',
        'constructor.prototype',
        'name.__proto__',
        'urn:ietf:params:scim:schemas:core:2.0:User',
      ]) {
        expect(
          errorOf(() =>
            parsePatchRequest(request({ op: 'replace', path, value: {} })),
          ),
        ).toMatchObject({ status: 400, scimType: 'invalidPath' });
      }
    });

    it('a malformed value filter with 400 invalidFilter, saying which operation', () => {
      const error = errorOf(() =>
        parsePatchRequest(
          request(
            { op: 'add', path: 'title', value: 'x' },
            { op: 'remove', path: 'emails[type eq]' },
          ),
        ),
      );
      expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
      expect(error.detail).toMatch(/^Operations\[1\]: /);
    });
  });
});
