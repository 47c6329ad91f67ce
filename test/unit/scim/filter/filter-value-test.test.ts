import { describe, expect, it } from 'vitest';

import {
  buildValueTest,
  isNonEmpty,
} from '../../../../src/scim/filter/filter-value-test.js';
import { defineAttribute } from '../../../../src/scim/schema/attribute-definition.js';

const title = defineAttribute('title', 'string');
const id = defineAttribute('id', 'string', { caseExact: true });
const lastModified = defineAttribute('lastModified', 'dateTime');

describe('buildValueTest', () => {
  it('folds case for eq, including characters that lengthen when lowered', () => {
    const equalsDotted = buildValueTest(title, 'eq', 'i\u0307stanbul');
    expect(equalsDotted('\u0130STANBUL')).toBe(true);
    expect(equalsDotted('i\u0307stanbul!')).toBe(false);
    expect(buildValueTest(title, 'eq', 'Straße')('STRASSE')).toBe(false);
  });

  it('keeps case for caseExact attributes', () => {
    expect(buildValueTest(id, 'eq', 'ABC')('abc')).toBe(false);
    expect(buildValueTest(id, 'sw', 'AB')('ABC')).toBe(true);
    expect(buildValueTest(id, 'gt', 'a')('B')).toBe(false);
  });

  it('orders strings by code unit after folding', () => {
    expect(buildValueTest(title, 'gt', 'a')('B')).toBe(true);
    expect(buildValueTest(title, 'lt', 'b')('A')).toBe(true);
    expect(buildValueTest(title, 'ge', 'ABC')('abc')).toBe(true);
  });

  it('orders dateTimes chronologically and never matches unparseable ones', () => {
    const after = buildValueTest(lastModified, 'gt', '2011-05-13T04:42:34Z');
    expect(after('2011-05-13T04:42:35Z')).toBe(true);
    expect(after('2011-05-13T05:42:34+02:00')).toBe(false);
    expect(after('not a date')).toBe(false);
  });

  it('compares booleans only for equality', () => {
    expect(buildValueTest(title, 'eq', true)(true)).toBe(true);
    expect(buildValueTest(title, 'gt', true)(true)).toBe(false);
  });
});

describe('isNonEmpty', () => {
  it.each([
    [null, false],
    ['', false],
    [[], false],
    [[null, ''], false],
    [{}, false],
    [{ value: '' }, false],
    ['x', true],
    [0, true],
    [false, true],
    [[{ value: 'x' }], true],
  ])('%j is %s', (value, expected) => {
    expect(isNonEmpty(value)).toBe(expected);
  });
});
