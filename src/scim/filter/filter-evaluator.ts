import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { AttributePath } from '../schema/attribute-path.js';
import { USER_SCHEMA_DEFINITION } from '../schema/user-schema.js';
import type { FilterExpression } from './filter-expression.js';
import {
  buildValueTest,
  isNonEmpty,
  type ValueTest,
} from './filter-value-test.js';

/** A compiled filter: true when the stored resource matches. */
export type ResourcePredicate = (resource: JsonObject) => boolean;

/** A compiled value filter: true when one element of the attribute matches. */
export type ElementPredicate = (element: JsonValue) => boolean;

// Calls `test` on each value at a path inside `target` (a resource, or one
// element of a multi-valued attribute) until one passes.
type ValueVisitor = (target: JsonObject, test: ValueTest) => boolean;
type Predicate = (target: JsonObject) => boolean;
type Scope = 'resource' | 'element';

const compiledFilters = new WeakMap<FilterExpression, ResourcePredicate>();
const compiledValueFilters = new WeakMap<FilterExpression, ElementPredicate>();

const ANY_VALUE: ValueTest = () => true;

/**
 * Compiles a parsed filter into a predicate over stored User resources (core
 * and common attributes at the top level, extension attributes under their
 * URN key). Semantics, RFC 7644 §3.4.2.2:
 * - a multi-valued attribute matches if any of its values does; a value
 *   path matches if one element satisfies the whole bracketed filter;
 * - `pr` needs a value that is not null, "", [] or an empty object;
 * - `eq null` matches an absent attribute and `ne null` a present one, as
 *   RFC 7643 §2.5 makes null and unassigned the same state;
 * - `ne` matches when some value differs or there is no value at all: an
 *   unassigned attribute is not equal to any value.
 * Compile once per query and run the predicate across a scan.
 */
export function compileFilter(filter: FilterExpression): ResourcePredicate {
  return compile(filter, 'resource');
}

/** One-off evaluation; repeated calls with one filter reuse its compilation. */
export function matchesFilter(
  resource: JsonObject,
  filter: FilterExpression,
): boolean {
  let predicate = compiledFilters.get(filter);
  if (!predicate) {
    predicate = compileFilter(filter);
    compiledFilters.set(filter, predicate);
  }
  return predicate(resource);
}

/**
 * Compiles the value filter of a PATCH path (`type eq "work"` in
 * `emails[type eq "work"].value`, RFC 7644 §3.5.2) into a test of one
 * element of the attribute. Non-object elements never match.
 */
export function compileValueFilter(filter: FilterExpression): ElementPredicate {
  const predicate = compile(filter, 'element');
  return (element) => isJsonObject(element) && predicate(element);
}

/** One-off evaluation of a PATCH value filter against one element. */
export function matchesValueFilter(
  element: JsonValue,
  filter: FilterExpression,
): boolean {
  let predicate = compiledValueFilters.get(filter);
  if (!predicate) {
    predicate = compileValueFilter(filter);
    compiledValueFilters.set(filter, predicate);
  }
  return predicate(element);
}

function compile(expression: FilterExpression, scope: Scope): Predicate {
  switch (expression.kind) {
    case 'and':
      return every(flatten(expression).map((term) => compile(term, scope)));
    case 'or':
      return some(flatten(expression).map((term) => compile(term, scope)));
    case 'not': {
      const inner = compile(expression.expression, scope);
      return (target) => !inner(target);
    }
    case 'present': {
      const visit = buildVisitor(expression.path, scope);
      return (target) => visit(target, isNonEmpty);
    }
    case 'valuePath': {
      const visit = buildVisitor(expression.path, scope);
      const inner = compile(expression.filter, 'element');
      const test: ValueTest = (element) =>
        isJsonObject(element) && inner(element);
      return (target) => visit(target, test);
    }
    case 'comparison':
      return compileComparison(
        expression,
        buildVisitor(expression.path, scope),
      );
  }
}

function compileComparison(
  expression: FilterExpression & { kind: 'comparison' },
  visit: ValueVisitor,
): Predicate {
  const { operator, value, path } = expression;
  if (value === null) {
    return operator === 'eq'
      ? (target) => !visit(target, isNonEmpty)
      : (target) => visit(target, isNonEmpty);
  }
  const definition = path.subAttribute ?? path.attribute;
  if (operator !== 'ne') {
    const test = buildValueTest(definition, operator, value);
    return (target) => visit(target, test);
  }
  const equals = buildValueTest(definition, 'eq', value);
  const differs: ValueTest = (stored) => !equals(stored);
  return (target) => !visit(target, ANY_VALUE) || visit(target, differs);
}

// Collects an and/or chain's terms without recursion, in order, so a long
// chain costs no stack when compiling and one loop when evaluating.
function flatten(
  expression: FilterExpression & { kind: 'and' | 'or' },
): FilterExpression[] {
  const terms: FilterExpression[] = [];
  const pending: FilterExpression[] = [expression];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.kind === expression.kind) {
      pending.push(next.right, next.left);
    } else {
      terms.push(next);
    }
  }
  return terms;
}

function every(predicates: readonly Predicate[]): Predicate {
  return (target) => {
    for (const predicate of predicates) if (!predicate(target)) return false;
    return true;
  };
}

function some(predicates: readonly Predicate[]): Predicate {
  return (target) => {
    for (const predicate of predicates) if (predicate(target)) return true;
    return false;
  };
}

function buildVisitor(path: AttributePath, scope: Scope): ValueVisitor {
  const subName = path.subAttribute?.name;
  if (scope === 'element') {
    // Inside brackets every path names a sub-attribute of the element.
    if (subName === undefined) return () => false;
    return (element, test) => anyValue(element[subName], test);
  }
  const extensionKey =
    path.schema && path.schema !== USER_SCHEMA_DEFINITION
      ? path.schema.id
      : undefined;
  const name = path.attribute.name;
  return (resource, test) => {
    const container =
      extensionKey === undefined ? resource : resource[extensionKey];
    if (!isJsonObject(container)) return false;
    const value = container[name];
    if (subName === undefined) return anyValue(value, test);
    if (Array.isArray(value)) {
      for (const element of value) {
        if (isJsonObject(element) && anyValue(element[subName], test)) {
          return true;
        }
      }
      return false;
    }
    return isJsonObject(value) && anyValue(value[subName], test);
  };
}

function anyValue(value: JsonValue | undefined, test: ValueTest): boolean {
  if (value === undefined || value === null) return false;
  if (!Array.isArray(value)) return test(value);
  for (const item of value) if (item !== null && test(item)) return true;
  return false;
}
