import { describe, expect, it } from 'vitest';

import { keepOnlyWrittenPrimary } from '../../../../src/scim/patch/primary-value.js';

describe('keepOnlyWrittenPrimary', () => {
  const work = { value: 'a@example.com', type: 'work', primary: true };
  const home = { value: 'b@example.com', type: 'home' };

  it('sets primary to false on the values the operation did not write', () => {
    const chosen = { ...home, primary: true };
    expect(keepOnlyWrittenPrimary([work, chosen], [chosen])).toEqual([
      { ...work, primary: false },
      chosen,
    ]);
  });

  it('changes nothing when no written value is primary', () => {
    expect(keepOnlyWrittenPrimary([work, home], [home])).toEqual([work, home]);
  });

  it('keeps a held value that equals the written primary one', () => {
    expect(keepOnlyWrittenPrimary([work, home], [{ ...work }])).toEqual([
      work,
      home,
    ]);
  });
});
