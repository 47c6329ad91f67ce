import { describe, expect, it } from 'vitest';

import {
  resolveFilterAttribute,
  resolveFilterSubAttribute,
  SCHEMAS_ATTRIBUTE,
} from '../../../../src/scim/filter/filter-attribute-resolver.js';
import { resolveAttributePath } from '../../../../src/scim/schema/attribute-path.js';
import { scimErrorOf } from './filter-notation.js';

describe('resolveFilterAttribute', () => {
  it('resolves schemas, which no schema definition lists', () => {
    expect(resolveFilterAttribute('SCHEMAS', 0)).toEqual({
      schema: undefined,
      attribute: SCHEMAS_ATTRIBUTE,
      subAttribute: undefined,
    });
    expect(SCHEMAS_ATTRIBUTE).toMatchObject({
      type: 'reference',
      multiValued: true,
      caseExact: false,
    });
  });

  it('resolves schema attributes as resolveAttributePath does', () => {
    expect(resolveFilterAttribute('meta.lastModified', 0)).toEqual(
      resolveAttributePath('meta.lastModified'),
    );
  });

  it('names the attribute and its position when it is unknown', () => {
    const error = scimErrorOf(() => resolveFilterAttribute('nick', 4));
    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toMatch(/^Unknown attribute "nick" at character 5\./);
  });
});

describe('resolveFilterSubAttribute', () => {
  const addresses = resolveAttributePath('addresses');
  if (!addresses) throw new Error('addresses is in the User schema');

  it('resolves a name inside brackets against the outer attribute', () => {
    expect(resolveFilterSubAttribute(addresses, 'POSTALCODE', 10)).toEqual(
      resolveAttributePath('addresses.postalCode'),
    );
  });

  it('rejects paths that are not a bare sub-attribute name', () => {
    const error = scimErrorOf(() =>
      resolveFilterSubAttribute(addresses, 'addresses.type', 10),
    );
    expect(error.detail).toBe(
      '"addresses.type" at character 11 is not a sub-attribute of ' +
        '"addresses"; inside addresses[...] use one of: formatted, ' +
        'streetAddress, locality, region, postalCode, country, type, primary.',
    );
  });
});
