import { describe, expect, it } from 'vitest';

import { parsePatchPath } from '../../../../src/scim/filter/patch-path-parser.js';
import { valueFromFilter } from '../../../../src/scim/patch/value-from-filter.js';

function fromPath(text: string) {
  const { attribute, valueFilter } = parsePatchPath(text);
  if (!valueFilter) throw new Error(`${text} has no value filter`);
  return valueFromFilter(attribute, valueFilter);
}

describe('valueFromFilter', () => {
  it('builds the value an eq comparison describes', () => {
    expect(fromPath('emails[type eq "work"].value')).toEqual({ type: 'work' });
  });

  it('builds the value several eq comparisons joined by and describe', () => {
    expect(
      fromPath(
        'phoneNumbers[type eq "work" and primary eq true and display eq "Desk"]',
      ),
    ).toEqual({ type: 'work', primary: true, display: 'Desk' });
  });

  it('gives nothing for any other filter', () => {
    for (const path of [
      'emails[type eq "work" or type eq "home"]',
      'emails[type ne "work"]',
      'emails[value ew "@example.com"]',
      'emails[not (type eq "work")]',
      'emails[type pr]',
      'emails[type eq null]',
      'emails[type eq "work" and type eq "home"]',
    ]) {
      expect(fromPath(path)).toBeUndefined();
    }
  });
});
