import { describe, expect, it } from 'vitest';

import { parseDateTime } from '../../../../src/scim/filter/filter-date-time.js';

describe('parseDateTime', () => {
  it.each([
    ['2011-05-13T04:42:34Z', 1305261754000],
    ['2011-05-13T04:42:34.5Z', 1305261754500],
    ['2011-05-13T06:42:34+02:00', 1305261754000],
    ['2011-05-13T04:42:34', 1305261754000],
    ['2011-05-13t04:42:34z', 1305261754000],
  ])('reads %s as an instant', (text, milliseconds) => {
    expect(parseDateTime(text)).toBe(milliseconds);
  });

  it.each(['2011-05-13', '04:42:34', 'yesterday', '2011-13-01T00:00:00Z', ''])(
    'rejects %j',
    (text) => {
      expect(parseDateTime(text)).toBeUndefined();
    },
  );
});
