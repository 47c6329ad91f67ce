import { describe, expect, it } from 'vitest';

import {
  searchFromBody,
  searchFromQuery,
  selectionFromQuery,
} from '../../../src/scim/search-request.js';

const LIMITS = { defaultPageSize: 100, maxPageSize: 200 };

describe('searchFromQuery', () => {
  it('reads every parameter, whatever the case of its name', () => {
    const search = searchFromQuery(
      {
        FILTER: 'userName eq "a"',
        startindex: '3',
        Count: '4',
        attributes: 'userName, emails',
      },
      LIMITS,
    );
    expect(search.filter?.kind).toBe('comparison');
    expect(search.page).toEqual({ startIndex: 3, count: 4 });
    expect(search.selection).toEqual({
      attributes: ['userName', 'emails'],
      excludedAttributes: [],
    });
  });

  it('has no filter when none is given', () => {
    expect(searchFromQuery({}, LIMITS).filter).toBe(undefined);
  });

  it('answers 400 invalidValue for a filter given twice', () => {
    expect(() =>
      searchFromQuery({ filter: ['active eq true', 'title pr'] }, LIMITS),
    ).toThrow(
      expect.objectContaining({
        status: 400,
        scimType: 'invalidValue',
      }) as Error,
    );
  });
});

describe('selectionFromQuery', () => {
  it('joins repeated attribute parameters', () => {
    expect(
      selectionFromQuery({ excludedAttributes: ['emails', 'meta,groups'] }),
    ).toEqual({
      attributes: [],
      excludedAttributes: ['emails', 'meta', 'groups'],
    });
  });
});

describe('searchFromBody', () => {
  it('reads a SearchRequest with attribute arrays and JSON numbers', () => {
    const search = searchFromBody(
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: 'active eq true',
        startIndex: 0,
        count: 500,
        excludedAttributes: ['emails'],
      },
      LIMITS,
    );
    expect(search.page).toEqual({ startIndex: 1, count: 200 });
    expect(search.selection).toEqual({
      attributes: [],
      excludedAttributes: ['emails'],
    });
  });

  it('accepts a body without schemas', () => {
    expect(searchFromBody({}, LIMITS).page).toEqual({
      startIndex: 1,
      count: 100,
    });
  });

  it('answers 400 for a body that is not an object or has a bad list', () => {
    expect(() => searchFromBody([], LIMITS)).toThrow(
      expect.objectContaining({ scimType: 'invalidSyntax' }) as Error,
    );
    expect(() => searchFromBody({ attributes: [1] }, LIMITS)).toThrow(
      expect.objectContaining({ scimType: 'invalidValue' }) as Error,
    );
    expect(() => searchFromBody({ filter: 7 }, LIMITS)).toThrow(
      expect.objectContaining({ scimType: 'invalidValue' }) as Error,
    );
  });
});
