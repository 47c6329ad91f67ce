import type { AttributeDefinition } from '../schema/attribute-definition.js';
import {
  findAttribute,
  formatAttributePath,
  type AttributePath,
} from '../schema/attribute-path.js';
import { invalidFilter, type ScimError } from '../scim-error.js';
import type {
  ComparisonOperator,
  ComparisonValue,
} from './filter-expression.js';
import { parseDateTime } from './filter-date-time.js';
import { describePosition } from './filter-tokenizer.js';

export interface CheckedComparison {
  readonly path: AttributePath;
  readonly value: ComparisonValue;
}

const ORDERING: ReadonlySet<ComparisonOperator> = new Set([
  'gt',
  'ge',
  'lt',
  'le',
]);
const SUBSTRING: ReadonlySet<ComparisonOperator> = new Set(['co', 'sw', 'ew']);

/**
 * Checks `path operator value` against the attribute's definition, as
 * RFC 7644 §3.4.2.2 and Table 9 (invalidFilter: "the specified attribute and
 * filter comparison combination is not supported") require, and returns the
 * path and value to evaluate.
 */
export function checkComparison(
  path: AttributePath,
  operator: ComparisonOperator,
  value: ComparisonValue,
  start: number,
): CheckedComparison {
  const target = impliedValuePath(path, start);
  const definition = target.subAttribute ?? target.attribute;
  const where = `"${formatAttributePath(target)}" ${describePosition(start)}`;
  if (value === null) {
    // RFC 7643 §2.5: null and unassigned are the same state, so only
    // equality with null has a meaning.
    if (operator === 'eq' || operator === 'ne') return { path: target, value };
    throw invalidFilter(`${where}: null can only be compared with eq or ne.`);
  }
  return {
    path: target,
    value: checkValue(definition, operator, value, where),
  };
}

/**
 * RFC 7644 §3.4.2.2 asks for a sub-attribute of complex attributes, yet its
 * own example `emails co "example.com"` compares a multi-valued complex
 * attribute directly. Such a comparison is read as one on the `value`
 * sub-attribute (RFC 7643 §2.4: "the attribute's significant value"), so the
 * example works; other complex attributes must name a sub-attribute.
 */
function impliedValuePath(path: AttributePath, start: number): AttributePath {
  const { attribute, subAttribute } = path;
  if (subAttribute || attribute.type !== 'complex') return path;
  const value = attribute.multiValued
    ? findAttribute(attribute.subAttributes ?? [], 'value')
    : undefined;
  if (value) return { ...path, subAttribute: value };
  const name = formatAttributePath(path);
  const example = attribute.subAttributes?.[0]?.name ?? 'value';
  throw invalidFilter(
    `"${name}" ${describePosition(start)} is complex: compare one of its ` +
      `sub-attributes, such as ${name}.${example}, or test it with pr.`,
  );
}

function checkValue(
  definition: AttributeDefinition,
  operator: ComparisonOperator,
  value: string | number | boolean,
  where: string,
): string | number | boolean {
  switch (definition.type) {
    case 'boolean':
      // RFC 7644 §3.4.2.2, Table 3: ordering on booleans SHALL be 400
      // invalidFilter; substring operators have no meaning for them either.
      rejectOperators(definition, operator, [ORDERING, SUBSTRING], where);
      return booleanValue(value, where);
    case 'integer':
    case 'decimal':
      rejectOperators(definition, operator, [SUBSTRING], where);
      if (typeof value === 'number') return value;
      throw wrongValue(where, 'a number, such as 42');
    case 'binary':
      // Table 3 again: ordering on binary attributes SHALL fail.
      rejectOperators(definition, operator, [ORDERING], where);
      return stringValue(value, where);
    case 'dateTime':
      return dateTimeValue(operator, stringValue(value, where), where);
    default:
      return stringValue(value, where);
  }
}

function rejectOperators(
  definition: AttributeDefinition,
  operator: ComparisonOperator,
  groups: readonly ReadonlySet<ComparisonOperator>[],
  where: string,
): void {
  if (groups.some((group) => group.has(operator))) {
    throw invalidFilter(
      `${where} is a ${definition.type} attribute, which "${operator}" ` +
        'cannot compare (RFC 7644 §3.4.2.2).',
    );
  }
}

// Some clients write booleans as strings ("True"), so those are accepted.
function booleanValue(value: string | number | boolean, where: string) {
  if (typeof value === 'boolean') return value;
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  if (lower === 'true' || lower === 'false') return lower === 'true';
  throw wrongValue(where, 'true or false');
}

function stringValue(value: string | number | boolean, where: string) {
  if (typeof value === 'string') return value;
  throw wrongValue(where, 'a string in double quotes');
}

function dateTimeValue(
  operator: ComparisonOperator,
  value: string,
  where: string,
): string {
  if (SUBSTRING.has(operator) || parseDateTime(value) !== undefined) {
    return value;
  }
  throw wrongValue(where, 'a dateTime such as "2011-05-13T04:42:34Z"');
}

function wrongValue(where: string, expected: string): ScimError {
  return invalidFilter(`${where} must be compared with ${expected}.`);
}
