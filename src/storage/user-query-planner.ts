import type { FilterExpression } from '../scim/filter/filter-expression.js';
import type { AttributePath } from '../scim/schema/attribute-path.js';
import { USER_SCHEMA } from '../scim/schema/schema-urns.js';
import { emailIndexKey, userNameIndexKey } from './user-index-entries.js';

/**
 * One index lookup. Filters produce the first four kinds; `oktaId` is not a
 * SCIM attribute and serves only UserRepository.getByOktaId. Values are
 * already in index form (lower-cased for userName and email).
 */
export interface UserLookup {
  readonly kind: 'id' | 'userName' | 'externalId' | 'email' | 'oktaId';
  readonly value: string;
}

/**
 * How a list query is answered:
 * - `all`: no filter; one page read by rank from the paging order.
 * - `lookup`: the union of the lookups holds every user the filter can
 *   match (and maybe more); each candidate is then checked in full.
 * - `scan`: no index narrows the filter; every user is read and checked.
 */
export type UserQueryPlan =
  | { readonly kind: 'all' }
  | { readonly kind: 'lookup'; readonly lookups: readonly UserLookup[] }
  | { readonly kind: 'scan' };

/**
 * Chooses the plan for a filter. Indexed: `eq` with a string value on `id`,
 * `externalId` (both caseExact, RFC 7643 §3.1), `userName` and
 * `emails.value` (not caseExact, so looked up lower-cased), `emails[...]`
 * value paths whose filter is indexed, `and` when either side is (the side
 * with fewer lookups), and `or` when both sides are.
 *
 *   userName eq "Bob@x.com" and active eq true
 *   → { kind: 'lookup', lookups: [{ kind: 'userName', value: 'bob@x.com' }] }
 */
export function planUserQuery(
  filter: FilterExpression | undefined,
): UserQueryPlan {
  if (filter === undefined) return { kind: 'all' };
  const lookups = lookupsFor(filter);
  return lookups ? { kind: 'lookup', lookups } : { kind: 'scan' };
}

function lookupsFor(filter: FilterExpression): UserLookup[] | undefined {
  switch (filter.kind) {
    case 'comparison':
      if (filter.operator !== 'eq' || typeof filter.value !== 'string') {
        return undefined;
      }
      return lookupForEquality(filter.path, filter.value);
    case 'valuePath':
      return lookupsFor(filter.filter);
    case 'and':
      return narrower(lookupsFor(filter.left), lookupsFor(filter.right));
    case 'or':
      return union(lookupsFor(filter.left), lookupsFor(filter.right));
    case 'present':
    case 'not':
      return undefined;
  }
}

function lookupForEquality(
  path: AttributePath,
  value: string,
): UserLookup[] | undefined {
  const attribute = path.attribute.name;
  const subAttribute = path.subAttribute?.name;
  if (path.schema === undefined && subAttribute === undefined) {
    if (attribute === 'id') return [{ kind: 'id', value }];
    if (attribute === 'externalId') return [{ kind: 'externalId', value }];
    return undefined;
  }
  if (path.schema?.id !== USER_SCHEMA) return undefined;
  if (attribute === 'userName' && subAttribute === undefined) {
    return [{ kind: 'userName', value: userNameIndexKey(value) }];
  }
  if (attribute === 'emails' && subAttribute === 'value') {
    return [{ kind: 'email', value: emailIndexKey(value) }];
  }
  return undefined;
}

function narrower(
  left: UserLookup[] | undefined,
  right: UserLookup[] | undefined,
): UserLookup[] | undefined {
  if (left === undefined) return right;
  if (right === undefined) return left;
  return right.length < left.length ? right : left;
}

function union(
  left: UserLookup[] | undefined,
  right: UserLookup[] | undefined,
): UserLookup[] | undefined {
  if (left === undefined || right === undefined) return undefined;
  const seen = new Set<string>();
  return [...left, ...right].filter((lookup) => {
    const identity = `${lookup.kind}\n${lookup.value}`;
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}
