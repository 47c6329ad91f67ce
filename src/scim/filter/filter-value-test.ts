import type { AttributeDefinition } from '../schema/attribute-definition.js';
import type { JsonValue } from '../json.js';
import type {
  ComparisonOperator,
  ComparisonValue,
} from './filter-expression.js';
import { parseDateTime } from './filter-date-time.js';

/** Whether one stored value satisfies a comparison. */
export type ValueTest = (value: JsonValue) => boolean;

type OrderingOperator = 'eq' | 'gt' | 'ge' | 'lt' | 'le';

const ORDER: Readonly<
  Record<OrderingOperator, (comparison: number) => boolean>
> = {
  eq: (comparison) => comparison === 0,
  gt: (comparison) => comparison > 0,
  ge: (comparison) => comparison >= 0,
  lt: (comparison) => comparison < 0,
  le: (comparison) => comparison <= 0,
};

const NEVER: ValueTest = () => false;

/**
 * Builds the test for `operator value` on one stored value of an attribute
 * with `definition`, per RFC 7644 §3.4.2.2, Table 3: strings honour
 * caseExact and order lexicographically (by UTF-16 code unit), dateTimes
 * chronologically, numbers numerically. Everything that can be is worked out
 * here, once, so a scan only runs the returned closure. The evaluator builds
 * `ne` from the `eq` test, since `ne` also matches an absent attribute. A
 * stored value of another JSON type never satisfies the test.
 */
export function buildValueTest(
  definition: AttributeDefinition,
  operator: Exclude<ComparisonOperator, 'ne'>,
  value: Exclude<ComparisonValue, null>,
): ValueTest {
  if (typeof value === 'boolean') {
    return operator === 'eq' ? (stored) => stored === value : NEVER;
  }
  if (typeof value === 'number') return numberTest(operator, value);
  if (definition.type === 'dateTime' && isOrdering(operator)) {
    const instant = parseDateTime(value);
    return instant === undefined ? NEVER : dateTimeTest(operator, instant);
  }
  return stringTest(operator, value, definition.caseExact);
}

/** RFC 7644 §3.4.2.2 `pr`: not null, not "", not [], not an empty object. */
export function isNonEmpty(value: JsonValue): boolean {
  if (value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.some(isNonEmpty);
  if (typeof value === 'object') {
    for (const key in value) {
      const member = value[key];
      if (member !== undefined && isNonEmpty(member)) return true;
    }
    return false;
  }
  return true;
}

function isOrdering(
  operator: ComparisonOperator,
): operator is OrderingOperator {
  return operator in ORDER;
}

function numberTest(operator: ComparisonOperator, wanted: number): ValueTest {
  if (!isOrdering(operator)) return NEVER;
  const order = ORDER[operator];
  return (stored) => typeof stored === 'number' && order(stored - wanted);
}

function dateTimeTest(operator: OrderingOperator, instant: number): ValueTest {
  const order = ORDER[operator];
  // An unparseable stored value gives NaN, which satisfies no ordering.
  return (stored) =>
    typeof stored === 'string' && order(Date.parse(stored) - instant);
}

function stringTest(
  operator: Exclude<ComparisonOperator, 'ne'>,
  operand: string,
  caseExact: boolean,
): ValueTest {
  const wanted = caseExact ? operand : operand.toLowerCase();
  const fold = caseExact ? keepCase : lowerCase;
  switch (operator) {
    case 'eq':
      // Lower-casing never shortens a string, so a longer stored value can
      // be rejected without folding (and allocating) it.
      return (stored) =>
        typeof stored === 'string' &&
        stored.length <= wanted.length &&
        fold(stored) === wanted;
    case 'co':
      return (stored) =>
        typeof stored === 'string' && fold(stored).includes(wanted);
    case 'sw':
      return (stored) =>
        typeof stored === 'string' && fold(stored).startsWith(wanted);
    case 'ew':
      return (stored) =>
        typeof stored === 'string' && fold(stored).endsWith(wanted);
    default: {
      const order = ORDER[operator];
      return (stored) =>
        typeof stored === 'string' &&
        order(compareStrings(fold(stored), wanted));
    }
  }
}

function keepCase(text: string): string {
  return text;
}

function lowerCase(text: string): string {
  return text.toLowerCase();
}

function compareStrings(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
