import { describe, expect, it } from 'vitest';

import { parsePatchPath } from '../../../../src/scim/filter/patch-path-parser.js';
import type { JsonObject, JsonValue } from '../../../../src/scim/json.js';
import { removeValue } from '../../../../src/scim/patch/remove-value.js';
import { ScimError } from '../../../../src/scim/scim-error.js';
import { ENTERPRISE, storedContent } from './user-fixture.js';

function remove(
  path: string,
  value?: JsonValue,
  resource: JsonObject = storedContent(),
): JsonObject {
  removeValue(resource, parsePatchPath(path), value);
  return resource;
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

const WORK = { value: 'bjensen@example.com', type: 'work', primary: true };
const HOME = { value: 'babs@jensen.org', type: 'home' };

describe('removeValue', () => {
  it('unassigns a single-valued attribute', () => {
    const { displayName: _removed, ...expected } = storedContent();
    expect(remove('displayName')).toEqual(expected);
  });

  it('unassigns a multi-valued attribute with all its values', () => {
    expect(remove('emails')).not.toHaveProperty('emails');
  });

  it('removes the values a filter selects and keeps the rest', () => {
    expect(remove('emails[type eq "work"]').emails).toEqual([HOME]);
    expect(
      remove('emails[type eq "work" and value ew "example.com"]').emails,
    ).toEqual([HOME]);
  });

  it('unassigns the attribute when the filter selects its last value', () => {
    expect(remove('addresses[type eq "work"]')).not.toHaveProperty('addresses');
  });

  it('changes nothing when the filter selects no value', () => {
    expect(remove('emails[type eq "other"]')).toEqual(storedContent());
    const { emails: _emails, ...withoutEmails } = storedContent();
    expect(remove('emails[type eq "work"]', undefined, withoutEmails)).toEqual(
      withoutEmails,
    );
  });

  it('removes a sub-attribute of the values a filter selects', () => {
    expect(remove('emails[type eq "work"].primary').emails).toEqual([
      { value: 'bjensen@example.com', type: 'work' },
      HOME,
    ]);
  });

  it('removes a sub-attribute of every value when the path has no filter', () => {
    expect(remove('emails.type').emails).toEqual([
      { value: 'bjensen@example.com', primary: true },
      { value: 'babs@jensen.org' },
    ]);
  });

  it('removes a sub-attribute of a complex value, and the value once it is empty', () => {
    expect(remove('name.formatted').name).toEqual({
      familyName: 'Jensen',
      givenName: 'Barbara',
    });
    const resource = storedContent();
    resource.name = { givenName: 'Barbara' };
    expect(remove('name.givenName', undefined, resource)).not.toHaveProperty(
      'name',
    );
  });

  it('removes the values a remove lists, as Entra ID does without its compliance flag', () => {
    expect(
      remove('emails', [{ value: 'babs@jensen.org', display: null }]).emails,
    ).toEqual([WORK]);
    expect(remove('emails', { value: 'nobody@example.com' }).emails).toEqual([
      WORK,
      HOME,
    ]);
  });

  it('removes every value when the listed values are null', () => {
    expect(remove('emails', null)).not.toHaveProperty('emails');
  });

  it('removes an enterprise attribute, and the extension once it is empty', () => {
    expect(remove(`${ENTERPRISE}:manager`)[ENTERPRISE]).toEqual({
      employeeNumber: '701984',
      department: 'Tour Operations',
    });
    const resource = storedContent();
    resource[ENTERPRISE] = { department: 'Tour Operations' };
    expect(
      remove(`${ENTERPRISE}:department`, undefined, resource),
    ).not.toHaveProperty(ENTERPRISE);
  });

  it('refuses to remove a required attribute with 400 invalidValue', () => {
    expect(errorOf(() => remove('userName'))).toEqual({
      status: 400,
      scimType: 'invalidValue',
      detail:
        'userName is required, so it cannot be removed (RFC 7643 §2.2); ' +
        'replace it instead.',
    });
  });

  it('refuses a value filter on a single-valued attribute with 400 invalidPath', () => {
    expect(errorOf(() => remove('name[givenName eq "Barbara"]'))).toEqual({
      status: 400,
      scimType: 'invalidPath',
      detail:
        'name holds a single value, so a value filter "[...]" cannot ' +
        'select among its values; leave the filter out.',
    });
  });
});
