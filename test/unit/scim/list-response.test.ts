import { describe, expect, it } from 'vitest';

import {
  buildListResponse,
  parsePageRequest,
} from '../../../src/scim/list-response.js';
import { ScimError } from '../../../src/scim/scim-error.js';

const LIMITS = { defaultPageSize: 100, maxPageSize: 200 };

describe('parsePageRequest', () => {
  it('uses startIndex 1 and the default count when both are absent', () => {
    expect(parsePageRequest({}, LIMITS)).toEqual({
      startIndex: 1,
      count: 100,
    });
  });

  it('reads query-string text and JSON numbers alike', () => {
    expect(
      parsePageRequest({ startIndex: '101', count: '50' }, LIMITS),
    ).toEqual({ startIndex: 101, count: 50 });
    expect(parsePageRequest({ startIndex: 101, count: 50 }, LIMITS)).toEqual({
      startIndex: 101,
      count: 50,
    });
  });

  it('reads a startIndex below 1 as 1 (RFC 7644 §3.4.2.4)', () => {
    expect(parsePageRequest({ startIndex: '0' }, LIMITS).startIndex).toBe(1);
    expect(parsePageRequest({ startIndex: '-5' }, LIMITS).startIndex).toBe(1);
  });

  it('reads a negative count as 0 and caps a large one at the maximum', () => {
    expect(parsePageRequest({ count: '-1' }, LIMITS).count).toBe(0);
    expect(parsePageRequest({ count: '0' }, LIMITS).count).toBe(0);
    expect(parsePageRequest({ count: '201' }, LIMITS).count).toBe(200);
  });

  it('applies the same reading to whole numbers past 2^53', () => {
    const huge = '99999999999999999999';
    expect(parsePageRequest({ count: `-${huge}` }, LIMITS).count).toBe(0);
    expect(parsePageRequest({ count: huge }, LIMITS).count).toBe(200);
    expect(
      parsePageRequest({ startIndex: `-${huge}` }, LIMITS).startIndex,
    ).toBe(1);
    expect(parsePageRequest({ startIndex: huge }, LIMITS).startIndex).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('reads a null count from a .search body as absent', () => {
    expect(parsePageRequest({ count: null }, LIMITS).count).toBe(100);
  });

  it.each([
    ['1.5'],
    ['abc'],
    [''],
    [['1', '2']],
    [2.5],
    [true],
    ['1e3'],
    [Infinity],
  ])('answers 400 invalidValue for %j', (value) => {
    const read = () => parsePageRequest({ count: value }, LIMITS);
    expect(read).toThrow(ScimError);
    expect(read).toThrow(
      expect.objectContaining({
        status: 400,
        scimType: 'invalidValue',
      }) as Error,
    );
  });

  it('names the parameter in the detail', () => {
    expect(() => parsePageRequest({ startIndex: 'x' }, LIMITS)).toThrow(
      'startIndex must be a whole number, such as startIndex=1; got "x".',
    );
  });
});

describe('buildListResponse', () => {
  it('counts what it returns and keeps an empty Resources', () => {
    expect(buildListResponse([], { totalResults: 0, startIndex: 1 })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    expect(
      buildListResponse([{ id: 'a' }, { id: 'b' }], {
        totalResults: 7,
        startIndex: 3,
      }),
    ).toMatchObject({ totalResults: 7, startIndex: 3, itemsPerPage: 2 });
  });
});
