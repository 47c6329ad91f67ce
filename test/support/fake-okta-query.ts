/**
 * The subset of Okta's `filter` and `search` expressions the fake org
 * evaluates: clauses `attr op "value"` (or `attr pr`) joined by `and` and
 * `or` (and binding tighter), no parentheses. `filter` accepts only the
 * attributes and operators Okta documents for it.
 */
export type UserPredicate = (user: FakeOktaUserView) => boolean;

export interface FakeOktaUserView {
  readonly id: string;
  readonly status: string;
  readonly created: string;
  readonly lastUpdated: string;
  readonly profile: Readonly<Record<string, string | null>>;
}

/** A query Okta would refuse with 400. */
export class UnsupportedQueryError extends Error {
  override readonly name = 'UnsupportedQueryError';
}

const FILTER_ATTRIBUTES = new Set([
  'status',
  'lastUpdated',
  'id',
  'profile.login',
  'profile.email',
  'profile.firstName',
  'profile.lastName',
]);

const CLAUSE =
  /^([A-Za-z.]+)\s+(eq|sw|co|gt|ge|lt|le|pr)(?:\s+"((?:[^"\\]|\\.)*)")?$/i;

export function parseUserQuery(
  expression: string,
  kind: 'filter' | 'search',
): UserPredicate {
  const groups = expression
    .split(/\s+or\s+/i)
    .map((group) => group.split(/\s+and\s+/i).map((c) => clause(c, kind)));
  return (user) => groups.some((group) => group.every((test) => test(user)));
}

function clause(text: string, kind: 'filter' | 'search'): UserPredicate {
  const match = CLAUSE.exec(text.trim());
  if (!match) throw new UnsupportedQueryError(`cannot parse ${text}`);
  const [, attribute = '', rawOperator = '', rawValue] = match;
  const operator = rawOperator.toLowerCase();
  if (kind === 'filter') checkFilterClause(attribute, operator);
  if (operator === 'pr')
    return (user) => valueOf(user, attribute) !== undefined;
  if (rawValue === undefined) {
    throw new UnsupportedQueryError(`${operator} needs a value`);
  }
  const expected = rawValue.replace(/\\(.)/g, '$1');
  return (user) =>
    compare(valueOf(user, attribute), operator, expected, attribute);
}

function checkFilterClause(attribute: string, operator: string): void {
  if (!FILTER_ATTRIBUTES.has(attribute)) {
    throw new UnsupportedQueryError(`filter does not support ${attribute}`);
  }
  const ordered = ['gt', 'ge', 'lt', 'le'].includes(operator);
  if (operator !== 'eq' && !(ordered && attribute === 'lastUpdated')) {
    throw new UnsupportedQueryError(`filter does not support ${operator}`);
  }
}

function valueOf(
  user: FakeOktaUserView,
  attribute: string,
): string | undefined {
  if (attribute.startsWith('profile.')) {
    return user.profile[attribute.slice('profile.'.length)] ?? undefined;
  }
  const top: Record<string, string> = {
    id: user.id,
    status: user.status,
    created: user.created,
    lastUpdated: user.lastUpdated,
  };
  return top[attribute];
}

function compare(
  actual: string | undefined,
  operator: string,
  expected: string,
  attribute: string,
): boolean {
  if (actual === undefined) return false;
  if (attribute === 'lastUpdated' || attribute === 'created') {
    return order(Date.parse(actual) - Date.parse(expected), operator);
  }
  const a = actual.toLowerCase();
  const e = expected.toLowerCase();
  if (operator === 'sw') return a.startsWith(e);
  if (operator === 'co') return a.includes(e);
  return order(a < e ? -1 : a > e ? 1 : 0, operator);
}

function order(difference: number, operator: string): boolean {
  switch (operator) {
    case 'eq':
      return difference === 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
    default:
      throw new UnsupportedQueryError(`unsupported operator ${operator}`);
  }
}
