import { describe, expect, it } from 'vitest';

import { parsePatchPath } from '../../../../src/scim/filter/patch-path-parser.js';
import type { JsonObject, JsonValue } from '../../../../src/scim/json.js';
import { addOrReplace } from '../../../../src/scim/patch/add-or-replace.js';
import { ScimError } from '../../../../src/scim/scim-error.js';
import { ENTERPRISE, storedContent } from './user-fixture.js';

function apply(
  op: 'add' | 'replace',
  path: string,
  value: JsonValue,
  resource: JsonObject = storedContent(),
): JsonObject {
  addOrReplace(resource, op, parsePatchPath(path), value);
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

describe('addOrReplace', () => {
  describe('add', () => {
    it('appends to a multi-valued attribute and skips values it already holds', () => {
      const other = { value: 'b@example.org', type: 'other' };
      expect(apply('add', 'emails', [HOME, other]).emails).toEqual([
        WORK,
        HOME,
        other,
      ]);
    });

    it('skips a value it already holds whatever the order of its members', () => {
      const resource = storedContent();
      apply('add', 'emails[type eq "home"]', { display: 'Home' }, resource);
      apply(
        'add',
        'emails',
        [{ display: 'Home', type: 'home', value: 'babs@jensen.org' }],
        resource,
      );
      expect(resource.emails).toEqual([WORK, { ...HOME, display: 'Home' }]);
    });

    it('takes a lone value for a multi-valued attribute as a list of one', () => {
      const phone = { value: '555-555-8377', type: 'work' };
      expect(apply('add', 'phoneNumbers', phone).phoneNumbers).toEqual([phone]);
    });

    it('replaces a single value, as RFC 7644 §3.5.2.1 says', () => {
      expect(apply('add', 'displayName', 'Barbara').displayName).toBe(
        'Barbara',
      );
      expect(apply('add', 'nickName', 'Babs').nickName).toBe('Babs');
    });

    it('sets the given sub-attributes of a complex value and keeps the others', () => {
      expect(
        apply('add', 'name', { givenName: 'Babs', honorificSuffix: null }).name,
      ).toEqual({
        formatted: 'Ms. Barbara J Jensen, III',
        familyName: 'Jensen',
        givenName: 'Babs',
      });
      expect(apply('add', 'name', { formatted: null }).name).toEqual({
        familyName: 'Jensen',
        givenName: 'Barbara',
      });
    });

    it('creates the value a filter of eq comparisons describes when none matches, as Entra ID expects', () => {
      const resource = apply(
        'add',
        'emails[type eq "other"].value',
        'b@example.org',
      );
      expect(resource.emails).toEqual([
        WORK,
        HOME,
        { value: 'b@example.org', type: 'other' },
      ]);
      const phone = apply(
        'add',
        'phoneNumbers[type eq "work" and primary eq true]',
        { value: '555-555-5555' },
      );
      expect(phone.phoneNumbers).toEqual([
        { value: '555-555-5555', type: 'work', primary: true },
      ]);
    });

    it('sets the sub-attribute of every value the filter matches', () => {
      expect(
        apply('add', 'emails[type eq "work"].value', 'babs@example.com').emails,
      ).toEqual([{ ...WORK, value: 'babs@example.com' }, HOME]);
    });

    it('merges into the values the filter matches when the path has no sub-attribute', () => {
      expect(
        apply('add', 'emails[type eq "home"]', { display: 'Home' }).emails,
      ).toEqual([WORK, { ...HOME, display: 'Home' }]);
    });

    it('creates the extension when it adds the first enterprise attribute', () => {
      const { [ENTERPRISE]: _extension, ...resource } = storedContent();
      apply('add', `${ENTERPRISE}:costCenter`, '4130', resource);
      expect(resource[ENTERPRISE]).toEqual({ costCenter: '4130' });
    });

    it('does nothing when it adds null to a multi-valued attribute', () => {
      expect(apply('add', 'emails', null).emails).toEqual([WORK, HOME]);
    });
  });

  describe('replace', () => {
    it('swaps all the values of a multi-valued attribute', () => {
      const other = { value: 'b@example.org', type: 'other' };
      expect(apply('replace', 'emails', [other]).emails).toEqual([other]);
    });

    it('unassigns with null or an empty list', () => {
      expect(apply('replace', 'emails', [])).not.toHaveProperty('emails');
      expect(apply('replace', 'emails', null)).not.toHaveProperty('emails');
      expect(apply('replace', 'displayName', null)).not.toHaveProperty(
        'displayName',
      );
      expect(apply('replace', 'name', null)).not.toHaveProperty('name');
    });

    it('leaves the sub-attributes a complex value does not name unchanged (RFC 7644 §3.5.2.3)', () => {
      expect(
        apply('replace', 'name', { familyName: 'Jensen-Smith' }).name,
      ).toEqual({
        formatted: 'Ms. Barbara J Jensen, III',
        familyName: 'Jensen-Smith',
        givenName: 'Barbara',
      });
    });

    it('sets a sub-attribute, creating its complex attribute if needed', () => {
      const { name: _name, ...resource } = storedContent();
      apply('replace', 'name.givenName', 'Babs', resource);
      expect(resource.name).toEqual({ givenName: 'Babs' });
    });

    it('replaces the streetAddress of the work address, as in RFC 7644 §3.5.2.3', () => {
      expect(
        apply(
          'replace',
          'addresses[type eq "work"].streetAddress',
          '1010 Broadway Ave',
        ).addresses,
      ).toEqual([
        {
          streetAddress: '1010 Broadway Ave',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'USA',
          type: 'work',
          primary: true,
        },
      ]);
    });

    it('replaces each whole value the filter matches, as in RFC 7644 §3.5.2.3', () => {
      const address = {
        type: 'work',
        streetAddress: '911 Universal City Plaza',
        locality: 'Hollywood',
        region: 'CA',
        postalCode: '91608',
        country: 'US',
        formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
        primary: true,
      };
      expect(
        apply('replace', 'addresses[type eq "work"]', address).addresses,
      ).toEqual([address]);
    });

    it('sets a sub-attribute of every value when the path has no filter', () => {
      expect(apply('replace', 'emails.display', 'Mail').emails).toEqual([
        { ...WORK, display: 'Mail' },
        { ...HOME, display: 'Mail' },
      ]);
    });

    it('replaces a bare manager id as the whole manager value', () => {
      const resource = storedContent();
      resource[ENTERPRISE] = {
        manager: { value: 'old', $ref: '../Users/old' },
      };
      apply('replace', `${ENTERPRISE}:manager`, 'new', resource);
      expect(resource[ENTERPRISE]).toEqual({ manager: { value: 'new' } });
    });
  });

  describe('primary', () => {
    it('clears primary on the other values when a filter makes one primary (RFC 7644 §3.5.2)', () => {
      expect(
        apply('replace', 'emails[type eq "home"].primary', 'True').emails,
      ).toEqual([
        { ...WORK, primary: false },
        { ...HOME, primary: true },
      ]);
    });

    it('clears primary on the held values when an add brings a primary one', () => {
      const other = { value: 'b@example.org', type: 'other', primary: true };
      expect(apply('add', 'emails', [other]).emails).toEqual([
        { ...WORK, primary: false },
        HOME,
        other,
      ]);
    });

    it('leaves primary alone when the written values are not primary', () => {
      expect(
        apply('replace', 'emails[type eq "home"].primary', false).emails,
      ).toEqual([WORK, { ...HOME, primary: false }]);
    });
  });

  describe('refuses', () => {
    it('a replace through a filter that matches nothing with 400 noTarget (RFC 7644 §3.5.2.3)', () => {
      expect(
        errorOf(() => apply('replace', 'emails[type eq "other"].value', 'x')),
      ).toEqual({
        status: 400,
        scimType: 'noTarget',
        detail: 'No value of emails matches the filter; use add to create one.',
      });
    });

    it('an add through a filter that matches nothing and is not made of eq comparisons with 400 noTarget', () => {
      expect(
        errorOf(() =>
          apply('add', 'emails[type eq "other" or type eq "home2"].value', 'x'),
        ),
      ).toEqual({
        status: 400,
        scimType: 'noTarget',
        detail:
          'No value of emails matches the filter, and an add creates one ' +
          'only from a filter of eq comparisons joined by and, such as ' +
          '[type eq "work"].',
      });
    });

    it('a sub-attribute of a multi-valued attribute that has no values with 400 noTarget', () => {
      expect(errorOf(() => apply('replace', 'ims.value', 'babs'))).toEqual({
        status: 400,
        scimType: 'noTarget',
        detail:
          'ims has no values whose value could be set; add whole values to ' +
          'it instead.',
      });
    });

    it('a value filter on a single-valued attribute with 400 invalidPath', () => {
      expect(
        errorOf(() =>
          apply('replace', 'name[givenName eq "Barbara"].familyName', 'J'),
        ),
      ).toEqual({
        status: 400,
        scimType: 'invalidPath',
        detail:
          'name holds a single value, so a value filter "[...]" cannot ' +
          'select among its values; leave the filter out.',
      });
    });

    it('a value of the wrong type with 400 invalidValue', () => {
      expect(errorOf(() => apply('replace', 'emails', [42]))).toEqual({
        status: 400,
        scimType: 'invalidValue',
        detail:
          'emails must be an object of sub-attributes (value, display, ' +
          'type, primary); got a number.',
      });
      expect(
        errorOf(() => apply('replace', 'emails[type eq "work"].value', 7))
          .detail,
      ).toBe('emails.value must be a string; got a number.');
      expect(
        errorOf(() => apply('replace', 'name', 'Barbara Jensen')).detail,
      ).toMatch(/^name must be an object of sub-attributes /);
    });
  });
});
