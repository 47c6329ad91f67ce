import { describe, expect, it } from 'vitest';

import type { FilterExpression } from '../../../src/scim/filter/filter-expression.js';
import {
  resolveAttributePath,
  type AttributePath,
} from '../../../src/scim/schema/attribute-path.js';
import { planUserQuery } from '../../../src/storage/user-query-planner.js';

function path(text: string): AttributePath {
  const resolved = resolveAttributePath(text);
  if (!resolved) throw new Error(`no attribute ${text}`);
  return resolved;
}

function compare(
  text: string,
  operator: 'eq' | 'ne' | 'sw',
  value: string | boolean | null,
): FilterExpression {
  return { kind: 'comparison', path: path(text), operator, value };
}

const eq = (text: string, value: string) => compare(text, 'eq', value);
const and = (left: FilterExpression, right: FilterExpression) =>
  ({ kind: 'and', left, right }) as const;
const or = (left: FilterExpression, right: FilterExpression) =>
  ({ kind: 'or', left, right }) as const;

describe('planUserQuery', () => {
  it('reads pages straight from the order when there is no filter', () => {
    expect(planUserQuery(undefined)).toEqual({ kind: 'all' });
  });

  it('looks up id and externalId exactly, as both are caseExact', () => {
    expect(planUserQuery(eq('id', 'AbC-1'))).toEqual({
      kind: 'lookup',
      lookups: [{ kind: 'id', value: 'AbC-1' }],
    });
    expect(planUserQuery(eq('externalId', '00uAbC'))).toEqual({
      kind: 'lookup',
      lookups: [{ kind: 'externalId', value: '00uAbC' }],
    });
  });

  it('looks up userName and emails.value lower-cased, whatever the path case', () => {
    expect(planUserQuery(eq('USERNAME', 'Bob@X.com'))).toEqual({
      kind: 'lookup',
      lookups: [{ kind: 'userName', value: 'bob@x.com' }],
    });
    expect(
      planUserQuery(
        eq(
          'urn:ietf:params:scim:schemas:core:2.0:User:emails.Value',
          'B@X.com',
        ),
      ),
    ).toEqual({
      kind: 'lookup',
      lookups: [{ kind: 'email', value: 'b@x.com' }],
    });
  });

  it('looks up an emails value path by its inner filter', () => {
    const filter: FilterExpression = {
      kind: 'valuePath',
      path: path('emails'),
      filter: and(eq('emails.type', 'work'), eq('emails.value', 'A@x.com')),
    };
    expect(planUserQuery(filter)).toEqual({
      kind: 'lookup',
      lookups: [{ kind: 'email', value: 'a@x.com' }],
    });
  });

  it('narrows an and by whichever side is indexed', () => {
    const active = compare('active', 'eq', true);
    expect(planUserQuery(and(active, eq('userName', 'a')))).toEqual({
      kind: 'lookup',
      lookups: [{ kind: 'userName', value: 'a' }],
    });
    expect(
      planUserQuery(
        and(or(eq('userName', 'a'), eq('userName', 'b')), eq('id', 'x')),
      ),
    ).toEqual({ kind: 'lookup', lookups: [{ kind: 'id', value: 'x' }] });
  });

  it('unites an or of indexed sides, each lookup once', () => {
    expect(
      planUserQuery(
        or(eq('userName', 'A'), or(eq('externalId', 'e'), eq('userName', 'a'))),
      ),
    ).toEqual({
      kind: 'lookup',
      lookups: [
        { kind: 'userName', value: 'a' },
        { kind: 'externalId', value: 'e' },
      ],
    });
  });

  it('scans when no index can narrow the filter', () => {
    const scans: FilterExpression[] = [
      eq('displayName', 'Ann'),
      compare('userName', 'sw', 'a'),
      compare('userName', 'ne', 'a'),
      compare('userName', 'eq', null),
      eq('name.givenName', 'Ann'),
      eq(
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
        'x',
      ),
      { kind: 'present', path: path('userName') },
      { kind: 'not', expression: eq('userName', 'a') },
      or(eq('userName', 'a'), eq('title', 'CTO')),
      {
        kind: 'valuePath',
        path: path('emails'),
        filter: eq('emails.type', 'work'),
      },
    ];
    for (const filter of scans) {
      expect(planUserQuery(filter)).toEqual({ kind: 'scan' });
    }
  });
});
