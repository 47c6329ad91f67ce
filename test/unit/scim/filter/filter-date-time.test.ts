import { describe, expect, it } from 'vitest';

import { parseDateTime } from '../../../../src/scim/filter/filter-date-time.js';

describe('parseDateTime', () => {
  it.each([
    ['2011-05-13T04:42:34Z', 1305261754000],
    ['2011-05-13T04:42:34.5Z', 1305261754500],
    ['2011-05-13T06:42:34+02:00', 1305261754000],
    ['2011-05-13T04:42:34', 1305261754000],
    ['2011-05-13t04:42:34z', 1305261754000],
    ['2011-05-13T04:42:34.0500000001Z', 1305261754000 + 50.0000001],
    ['2011-05-13T04:42:34.0574Z', 1305261754057.4],
    ['2011-05-13T00:12:34-04:30', 1305261754000],
  ])('reads %s as an instant', (text, milliseconds) => {
    expect(parseDateTime(text)).toBe(milliseconds);
  });

  it('orders a seven-digit fraction after the millisecond it starts with', () => {
    expect(parseDateTime('2026-12-03T17:06:13.0574Z')).toBeGreaterThan(
      parseDateTime('2026-12-03T17:06:13.057Z') ?? Infinity,
    );
  });

  it.each([
    '2011-05-13',
    '04:42:34',
    'yesterday',
    '2011-13-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:60:00Z',
    '',
  ])('rejects %j', (text) => {
    expect(parseDateTime(text)).toBeUndefined();
  });
});
