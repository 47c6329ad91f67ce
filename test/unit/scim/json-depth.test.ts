import { describe, expect, it } from 'vitest';

import { exceedsJsonDepth } from '../../../src/scim/json-depth.js';

describe('exceedsJsonDepth', () => {
  it('counts each array and object as one level, scalars as none', () => {
    expect(exceedsJsonDepth('text', 0)).toBe(false);
    expect(exceedsJsonDepth({}, 0)).toBe(true);
    expect(exceedsJsonDepth({}, 1)).toBe(false);
    expect(exceedsJsonDepth({ a: [1] }, 1)).toBe(true);
    expect(exceedsJsonDepth({ a: [1] }, 2)).toBe(false);
    expect(exceedsJsonDepth([{ b: { c: null } }, 'x'], 3)).toBe(false);
    expect(exceedsJsonDepth([{ b: { c: [] } }, 'x'], 3)).toBe(true);
  });

  it('finds the deep branch beside shallow ones', () => {
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      name: { givenName: 'Ann' },
      deep: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown,
    };
    expect(exceedsJsonDepth(body, 32)).toBe(true);
    expect(exceedsJsonDepth({ ...body, deep: [] }, 32)).toBe(false);
  });

  it('walks a million levels without exhausting the stack', () => {
    const hostile = JSON.parse(
      `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`,
    ) as unknown;
    expect(exceedsJsonDepth(hostile, 32)).toBe(true);
  });
});
