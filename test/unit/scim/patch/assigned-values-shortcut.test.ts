import { describe, expect, it } from 'vitest';

import { canonicaliseUser } from '../../../../src/scim/canonical-user.js';
import type { JsonObject } from '../../../../src/scim/json.js';
import { applyPatch } from '../../../../src/scim/patch/apply-patch.js';
import { parsePatchRequest } from '../../../../src/scim/patch/patch-request.js';
import { ScimError } from '../../../../src/scim/scim-error.js';
import { PATCH_OP, storedUser } from './user-fixture.js';

// A PATCH that only assigns whole simple top-level values checks just the
// values it assigns. Its result must be exactly, key order included, what
// canonicalising the whole patched resource gives.
function viaPatch(operation: object): string {
  const operations = parsePatchRequest({
    schemas: [PATCH_OP],
    Operations: [operation],
  });
  return JSON.stringify(applyPatch(storedUser(), operations));
}

function viaWholeCanonicalisation(assigned: JsonObject): string {
  const previous = storedUser();
  return JSON.stringify(
    canonicaliseUser(
      { ...previous, ...assigned },
      { previous, omittedImmutable: 'reject' },
    ),
  );
}

function scimErrorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) {
      return {
        status: error.status,
        scimType: error.scimType,
        detail: error.detail,
      };
    }
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('a PATCH assigning simple top-level values', () => {
  it.each([
    [
      'Okta deactivation',
      { op: 'replace', value: { active: false } },
      { active: false },
    ],
    [
      "Entra's string boolean",
      { op: 'Replace', path: 'active', value: 'False' },
      { active: false },
    ],
    [
      'a path in another case',
      { op: 'replace', path: 'DISPLAYNAME', value: 'B' },
      { displayName: 'B' },
    ],
    [
      'externalId',
      { op: 'replace', value: { externalId: 'x-1' } },
      { externalId: 'x-1' },
    ],
    [
      'an attribute not set before',
      { op: 'add', path: 'title', value: 'Tour Guide' },
      { title: 'Tour Guide' },
    ],
    [
      'the required userName',
      { op: 'replace', path: 'userName', value: 'b@example.com' },
      { userName: 'b@example.com' },
    ],
    [
      'the same value again',
      { op: 'replace', value: { active: true } },
      { active: true },
    ],
  ])(
    'stores what whole canonicalisation stores: %s',
    (_name, operation, assigned) => {
      expect(viaPatch(operation)).toBe(viaWholeCanonicalisation(assigned));
    },
  );

  it('never drops id and meta into the stored form', () => {
    const result = JSON.parse(
      viaPatch({ op: 'replace', value: { active: false } }),
    ) as JsonObject;
    expect(Object.keys(result)).not.toContain('id');
    expect(Object.keys(result)).not.toContain('meta');
    expect(result.active).toBe(false);
  });

  it('refuses a wrong type, naming the operation', () => {
    const error = scimErrorOf(() =>
      viaPatch({ op: 'replace', value: { active: 'maybe' } }),
    );
    expect(error).toEqual({
      status: 400,
      scimType: 'invalidValue',
      detail:
        'Operations[0] (replace): active must be a boolean (true or false); ' +
        'got a string.',
    });
  });

  it('still refuses to blank the required userName', () => {
    const error = scimErrorOf(() =>
      viaPatch({ op: 'replace', path: 'userName', value: ' ' }),
    );
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toMatch(/^userName is required/);
  });
});
