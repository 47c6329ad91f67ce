import { describe, expect, it } from 'vitest';

import { checkComparison } from '../../../../src/scim/filter/filter-comparison-check.js';
import { defineAttribute } from '../../../../src/scim/schema/attribute-definition.js';
import { resolveAttributePath } from '../../../../src/scim/schema/attribute-path.js';
import { scimErrorOf } from './filter-notation.js';

function pathOf(text: string) {
  const path = resolveAttributePath(text);
  if (!path) throw new Error(`${text} is not a User attribute`);
  return path;
}

const score = {
  schema: undefined,
  attribute: defineAttribute('score', 'decimal'),
  subAttribute: undefined,
};

describe('checkComparison', () => {
  it('reads a comparison on a multi-valued complex attribute as on value', () => {
    expect(checkComparison(pathOf('phoneNumbers'), 'eq', '555', 0)).toEqual({
      path: pathOf('phoneNumbers.value'),
      value: '555',
    });
  });

  it('passes numbers for numeric attributes and orders them', () => {
    expect(checkComparison(score, 'ge', 2.5, 0)).toEqual({
      path: score,
      value: 2.5,
    });
  });

  it('rejects substring operators and strings on numeric attributes', () => {
    expect(scimErrorOf(() => checkComparison(score, 'co', 2, 0)).detail).toBe(
      '"score" at character 1 is a decimal attribute, which "co" cannot ' +
        'compare (RFC 7644 §3.4.2.2).',
    );
    expect(scimErrorOf(() => checkComparison(score, 'eq', '2', 0)).detail).toBe(
      '"score" at character 1 must be compared with a number, such as 42.',
    );
  });

  it('accepts eq on binary values but not ordering', () => {
    const certificate = pathOf('x509Certificates.value');
    expect(checkComparison(certificate, 'eq', 'MIID', 0).value).toBe('MIID');
    expect(
      scimErrorOf(() => checkComparison(certificate, 'gt', 'MIID', 0)).scimType,
    ).toBe('invalidFilter');
  });
});
