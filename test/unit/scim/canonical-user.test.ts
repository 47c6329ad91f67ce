import { describe, expect, it } from 'vitest';

import {
  canonicaliseUser,
  type ResourceSchemas,
} from '../../../src/scim/canonical-user.js';
import { defineAttribute } from '../../../src/scim/schema/attribute-definition.js';
import { COMMON_ATTRIBUTES } from '../../../src/scim/schema/common-attributes.js';
import { ScimError } from '../../../src/scim/scim-error.js';

const CORE = 'urn:example:schemas:Badge';
const EXTENSION = 'urn:example:schemas:extension:Badge';

// The User has no immutable or required extension attribute, so a small
// resource type stands in to show how they are handled.
const BADGES: ResourceSchemas = {
  core: {
    id: CORE,
    name: 'Badge',
    description: '',
    attributes: [
      defineAttribute('serial', 'string', { mutability: 'immutable' }),
      defineAttribute('holder', 'string'),
    ],
  },
  extensions: [
    {
      id: EXTENSION,
      name: 'BadgeExtension',
      description: '',
      attributes: [defineAttribute('site', 'string', { required: true })],
    },
  ],
  common: COMMON_ATTRIBUTES,
};

const previous = {
  schemas: [CORE, EXTENSION],
  id: 'b1',
  serial: 'S-1',
  holder: 'bjensen',
  [EXTENSION]: { site: 'Hollywood' },
};

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

describe('canonicaliseUser', () => {
  it('sets an immutable attribute that had no value', () => {
    expect(
      canonicaliseUser(
        { serial: 'S-1', [EXTENSION]: { site: 'Hollywood' } },
        { omittedImmutable: 'reject', schemas: BADGES },
      ),
    ).toEqual({
      schemas: [CORE, EXTENSION],
      serial: 'S-1',
      [EXTENSION]: { site: 'Hollywood' },
    });
  });

  it('keeps an immutable value that a replacement leaves out', () => {
    expect(
      canonicaliseUser(
        { holder: 'babs', [EXTENSION]: { site: 'Hollywood' } },
        { previous, omittedImmutable: 'keep', schemas: BADGES },
      ),
    ).toEqual({
      schemas: [CORE, EXTENSION],
      serial: 'S-1',
      holder: 'babs',
      [EXTENSION]: { site: 'Hollywood' },
    });
  });

  it('refuses to change an immutable value with 400 mutability', () => {
    expect(
      errorOf(() =>
        canonicaliseUser(
          { serial: 'S-2', [EXTENSION]: { site: 'Hollywood' } },
          { previous, omittedImmutable: 'keep', schemas: BADGES },
        ),
      ),
    ).toEqual({
      status: 400,
      scimType: 'mutability',
      detail:
        'serial is immutable: once set it cannot be changed or removed ' +
        '(RFC 7643 §2.2). Send its current value or leave it out.',
    });
  });

  it('refuses to remove an immutable value when omission means removal', () => {
    expect(
      errorOf(() =>
        canonicaliseUser(
          { holder: 'babs', [EXTENSION]: { site: 'Hollywood' } },
          { previous, omittedImmutable: 'reject', schemas: BADGES },
        ),
      ).scimType,
    ).toBe('mutability');
  });

  it('refuses a missing required extension attribute with 400 invalidValue', () => {
    expect(
      errorOf(() =>
        canonicaliseUser(
          { serial: 'S-1' },
          { omittedImmutable: 'keep', schemas: BADGES },
        ),
      ),
    ).toEqual({
      status: 400,
      scimType: 'invalidValue',
      detail:
        `${EXTENSION}:site is required; send a value that is not empty or ` +
        'blank (RFC 7643 §2.2, §4.1.1).',
    });
  });

  it('uses a fallback for a core attribute left unassigned, and only then', () => {
    const options = {
      omittedImmutable: 'keep' as const,
      fallback: { active: true },
    };
    expect(canonicaliseUser({ userName: 'b' }, options).active).toBe(true);
    expect(
      canonicaliseUser({ userName: 'b', active: null }, options).active,
    ).toBe(true);
    expect(
      canonicaliseUser({ userName: 'b', active: false }, options).active,
    ).toBe(false);
  });
});
