import { describe, expect, it } from 'vitest';

import {
  MAX_VALUES_PER_ATTRIBUTE,
  normaliseAttributeValue,
  normaliseElementValue,
  readSubAttributes,
} from '../../../src/scim/attribute-value.js';
import { defineAttribute } from '../../../src/scim/schema/attribute-definition.js';
import { ScimError } from '../../../src/scim/scim-error.js';

const count = defineAttribute('loginCount', 'integer');
const score = defineAttribute('score', 'decimal');
const seen = defineAttribute('lastSeen', 'dateTime');
const photo = defineAttribute('photo', 'reference');
const tags = defineAttribute('tags', 'string', { multiValued: true });
const badge = defineAttribute('badge', 'complex', {
  subAttributes: [
    defineAttribute('value', 'string'),
    defineAttribute('issuedBy', 'string', { mutability: 'readOnly' }),
  ],
});

function detailOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError && error.scimType === 'invalidValue') {
      return error.detail;
    }
    throw error;
  }
  throw new Error('expected an invalidValue ScimError');
}

describe('normaliseAttributeValue', () => {
  it('accepts integers for integer attributes and numbers for decimal ones', () => {
    expect(normaliseAttributeValue(count, 3, 'loginCount')).toBe(3);
    expect(normaliseAttributeValue(score, 2.5, 'score')).toBe(2.5);
    expect(
      detailOf(() => normaliseAttributeValue(count, 2.5, 'loginCount')),
    ).toBe('loginCount must be an integer; got a number.');
    expect(detailOf(() => normaliseAttributeValue(score, '2.5', 'score'))).toBe(
      'score must be a number; got a string.',
    );
  });

  it('accepts xsd:dateTime values as sent and refuses anything else', () => {
    for (const value of [
      '2008-01-23T04:56:22Z',
      '2011-05-13T04:42:34.123+02:00',
      '2011-05-13T04:42:34',
    ]) {
      expect(normaliseAttributeValue(seen, value, 'lastSeen')).toBe(value);
    }
    for (const value of [
      '2008-01-23',
      '23/01/2008 04:56',
      '2008-13-45T99:00:00Z',
      1200000000,
    ]) {
      expect(
        detailOf(() => normaliseAttributeValue(seen, value, 'lastSeen')),
      ).toBe(
        'lastSeen must be a date and time such as "2024-05-01T09:30:00Z" ' +
          '(xsd:dateTime, RFC 7643 §2.3.5).',
      );
    }
  });

  it('takes references as strings', () => {
    expect(
      normaliseAttributeValue(
        photo,
        'https://photos.example.com/b.jpg',
        'photo',
      ),
    ).toBe('https://photos.example.com/b.jpg');
  });

  it('drops null elements of a multi-valued attribute and unassigns an empty one', () => {
    expect(normaliseAttributeValue(tags, ['a', null, 'b'], 'tags')).toEqual([
      'a',
      'b',
    ]);
    expect(normaliseAttributeValue(tags, [null], 'tags')).toBeUndefined();
    expect(normaliseAttributeValue(tags, null, 'tags')).toBeUndefined();
  });

  it('refuses more values than one attribute may hold with 400 invalidValue', () => {
    const many = Array.from(
      { length: MAX_VALUES_PER_ATTRIBUTE },
      (_, i) => `t${i}`,
    );
    expect(normaliseAttributeValue(tags, many, 'tags')).toHaveLength(1000);
    expect(
      detailOf(() => normaliseAttributeValue(tags, [...many, 'x'], 'tags')),
    ).toBe(
      'tags has 1001 values; Ferry keeps at most 1000 values in one attribute.',
    );
  });
});

describe('normaliseElementValue', () => {
  it('reads a bare string as the value sub-attribute of a single-valued complex attribute', () => {
    expect(normaliseElementValue(badge, 'gold', 'badge')).toEqual({
      value: 'gold',
    });
  });

  it('unassigns a complex value that sets no sub-attribute', () => {
    expect(
      normaliseElementValue(badge, { issuedBy: 'HR' }, 'badge'),
    ).toBeUndefined();
  });
});

describe('readSubAttributes', () => {
  it('lists the set sub-attributes in schema order, unset ones as undefined, read-only ones never', () => {
    expect(
      readSubAttributes(badge, { issuedBy: 'HR', VALUE: null }, 'badge'),
    ).toEqual([{ definition: badge.subAttributes?.[0], value: undefined }]);
  });
});
