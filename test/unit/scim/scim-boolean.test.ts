import { describe, expect, it } from 'vitest';

import { parseScimBoolean } from '../../../src/scim/scim-boolean.js';

describe('parseScimBoolean', () => {
  it('reads JSON booleans', () => {
    expect(parseScimBoolean(true)).toBe(true);
    expect(parseScimBoolean(false)).toBe(false);
  });

  it('reads "True" and "False" in any case, as Entra ID sends them', () => {
    expect(parseScimBoolean('True')).toBe(true);
    expect(parseScimBoolean('FALSE')).toBe(false);
    expect(parseScimBoolean('false')).toBe(false);
  });

  it('reads nothing else as a boolean', () => {
    for (const value of ['yes', '1', '', ' true', 1, 0, null, [], {}]) {
      expect(parseScimBoolean(value)).toBeUndefined();
    }
  });
});
