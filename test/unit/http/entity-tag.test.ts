import { describe, expect, it } from 'vitest';

import {
  assertIfMatch,
  entityTag,
  headerMatchesVersion,
} from '../../../src/http/entity-tag.js';

describe('entityTag', () => {
  it('is the version as a weak tag', () => {
    expect(entityTag(3)).toBe('W/"3"');
  });
});

describe('headerMatchesVersion', () => {
  it('matches weak and strong forms of the same version', () => {
    expect(headerMatchesVersion('W/"3"', 3)).toBe(true);
    expect(headerMatchesVersion('"3"', 3)).toBe(true);
    expect(headerMatchesVersion('W/"4"', 3)).toBe(false);
  });

  it('matches any entry of a list, and * matches every version', () => {
    expect(headerMatchesVersion('W/"1", W/"3"', 3)).toBe(true);
    expect(headerMatchesVersion('W/"1",W/"2"', 3)).toBe(false);
    expect(headerMatchesVersion(' * ', 3)).toBe(true);
  });

  it('matches nothing for a malformed header', () => {
    expect(headerMatchesVersion('3', 3)).toBe(false);
  });
});

describe('assertIfMatch', () => {
  it('passes when If-Match is absent or names the version', () => {
    expect(() => assertIfMatch('', 'u1', 2)).not.toThrow();
    expect(() => assertIfMatch('W/"2"', 'u1', 2)).not.toThrow();
  });

  it('answers 412 naming the current version otherwise', () => {
    expect(() => assertIfMatch('W/"1"', 'u1', 2)).toThrow(
      expect.objectContaining({
        status: 412,
        detail:
          'User "u1" is at version W/"2", not the one If-Match names. ' +
          'Read it again and retry with its current ETag.',
      }) as Error,
    );
  });
});
