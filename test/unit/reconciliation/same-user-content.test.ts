import { describe, expect, it } from 'vitest';

import { sameUserContent } from '../../../src/reconciliation/same-user-content.js';

describe('sameUserContent', () => {
  it('ignores id, meta and the order of keys', () => {
    const a = {
      userName: 'a',
      name: { givenName: 'A', familyName: 'B' },
      id: '1',
      meta: { version: 'W/"1"' },
    };
    const b = { name: { familyName: 'B', givenName: 'A' }, userName: 'a' };

    expect(sameUserContent(a, b)).toBe(true);
  });

  it('sees a changed, added or removed attribute', () => {
    expect(sameUserContent({ userName: 'a' }, { userName: 'A' })).toBe(false);
    expect(
      sameUserContent({ userName: 'a' }, { userName: 'a', title: 'x' }),
    ).toBe(false);
    expect(
      sameUserContent({ userName: 'a', active: false }, { userName: 'a' }),
    ).toBe(false);
  });

  it('sees a change in the order of a multi-valued attribute', () => {
    const first = { emails: [{ value: 'x' }, { value: 'y' }] };
    const second = { emails: [{ value: 'y' }, { value: 'x' }] };

    expect(sameUserContent(first, second)).toBe(false);
  });
});
