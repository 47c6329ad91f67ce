import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { matchMembers } from './json-members.js';
import type { AttributeDefinition } from './schema/attribute-definition.js';
import { findAttribute } from './schema/attribute-path.js';
import { parseScimBoolean } from './scim-boolean.js';
import { invalidValue } from './scim-error.js';

/** A sub-attribute a request sets; `value` undefined means unassigned. */
export interface SubAttributeValue {
  readonly definition: AttributeDefinition;
  readonly value: JsonValue | undefined;
}

/**
 * RFC 7643 sets no bound on the values of a multi-valued attribute. This
 * one bounds the work of a PATCH that compares values with values, and is
 * far above what a user's e-mails or roles need.
 */
export const MAX_VALUES_PER_ATTRIBUTE = 1000;

// xsd:dateTime as RFC 7643 §2.3.5 requires; the time zone is optional there.
const DATE_TIME =
  /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Checks a request's value for one attribute against its definition and
 * returns it in canonical form: sub-attribute names in canonical case and
 * schema order, booleans as booleans. Returns undefined when the value is
 * unassigned: null, an empty array or an empty complex value (RFC 7643
 * §2.5). `label` names the attribute in error details.
 */
export function normaliseAttributeValue(
  definition: AttributeDefinition,
  value: JsonValue,
  label: string,
): JsonValue | undefined {
  if (value === null) return undefined;
  if (!definition.multiValued) {
    return normaliseElementValue(definition, value, label);
  }

  const values = requireList(value, label).flatMap((element) => {
    const normalised =
      element === null
        ? undefined
        : normaliseElementValue(definition, element, label);
    return normalised === undefined ? [] : [normalised];
  });
  requireAtMostOnePrimary(values, label);
  return values.length > 0 ? values : undefined;
}

/**
 * Checks one value of `definition`: the value of a single-valued attribute,
 * or one element of a multi-valued one.
 */
export function normaliseElementValue(
  definition: AttributeDefinition,
  value: JsonValue,
  label: string,
): JsonValue | undefined {
  switch (definition.type) {
    case 'complex':
      return buildComplex(readSubAttributes(definition, value, label));
    case 'boolean':
      return requireBoolean(value, label);
    case 'integer':
    case 'decimal':
      return requireNumber(definition, value, label);
    case 'dateTime':
      return requireDateTime(value, label);
    case 'string':
    case 'reference':
    case 'binary':
      return requireString(value, label);
  }
}

/**
 * The sub-attributes a complex value sets, in schema order, each checked.
 * Unknown sub-attributes are ignored like unknown attributes; read-only ones
 * are ignored as RFC 7644 §3.3 requires. A bare string stands for the
 * `value` sub-attribute of a single-valued complex attribute: Microsoft
 * Entra ID sends the enterprise `manager` as `"manager": "<id>"`.
 */
export function readSubAttributes(
  definition: AttributeDefinition,
  value: JsonValue,
  label: string,
): SubAttributeValue[] {
  const subAttributes = definition.subAttributes ?? [];
  const object = expandBareValue(definition, value);
  if (!isJsonObject(object)) {
    throw invalidValue(
      `${label} must be an object of sub-attributes ` +
        `(${subAttributes.map((sub) => sub.name).join(', ')}); ` +
        `got ${describeJsonType(value)}.`,
    );
  }

  // Ordered by the schema, not the request: the stored form is canonical.
  const members = matchMembers(object, (key) => subAttributeOf(key), label);
  const read: SubAttributeValue[] = [];
  for (const definition of subAttributes) {
    if (definition.mutability === 'readOnly') continue;
    const member = members.find((candidate) => candidate.match === definition);
    if (member === undefined) continue;
    read.push({
      definition,
      value: normaliseAttributeValue(
        definition,
        member.value,
        `${label}.${definition.name}`,
      ),
    });
  }
  return read;

  function subAttributeOf(key: string): AttributeDefinition | undefined {
    return findAttribute(subAttributes, key);
  }
}

// A complex value from its sub-attributes; undefined when none is set.
function buildComplex(
  subAttributes: readonly SubAttributeValue[],
): JsonObject | undefined {
  let object: JsonObject | undefined;
  for (const { definition, value } of subAttributes) {
    if (value !== undefined) (object ??= {})[definition.name] = value;
  }
  return object;
}

/** How a value is named in an error detail, without echoing its content. */
export function describeJsonType(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' ? 'a number' : `a ${typeof value}`;
}

function expandBareValue(
  definition: AttributeDefinition,
  value: JsonValue,
): JsonValue {
  const hasValue = findAttribute(definition.subAttributes ?? [], 'value');
  return typeof value === 'string' && !definition.multiValued && hasValue
    ? { value }
    : value;
}

function requireList(value: JsonValue, label: string): JsonValue[] {
  if (!Array.isArray(value)) {
    throw invalidValue(
      `${label} is multi-valued, so it must be an array (RFC 7643 §2.4); ` +
        `got ${describeJsonType(value)}.`,
    );
  }
  if (value.length > MAX_VALUES_PER_ATTRIBUTE) {
    throw invalidValue(
      `${label} has ${value.length} values; Ferry keeps at most ` +
        `${MAX_VALUES_PER_ATTRIBUTE} values in one attribute.`,
    );
  }
  return value;
}

/** RFC 7643 §2.4: "primary" true MUST appear no more than once. */
function requireAtMostOnePrimary(values: JsonValue[], label: string): void {
  const primaries = values.filter(
    (value) => isJsonObject(value) && value.primary === true,
  ).length;
  if (primaries > 1) {
    throw invalidValue(
      `${label} has ${primaries} values with "primary": true; at most one ` +
        'value may be primary (RFC 7643 §2.4).',
    );
  }
}

function requireBoolean(value: JsonValue, label: string): boolean {
  const parsed = parseScimBoolean(value);
  if (parsed === undefined) {
    throw invalidValue(
      `${label} must be a boolean (true or false); ` +
        `got ${describeJsonType(value)}.`,
    );
  }
  return parsed;
}

function requireString(value: JsonValue, label: string): string {
  if (typeof value !== 'string') {
    throw invalidValue(
      `${label} must be a string; got ${describeJsonType(value)}.`,
    );
  }
  return value;
}

function requireNumber(
  definition: AttributeDefinition,
  value: JsonValue,
  label: string,
): number {
  const integer = definition.type === 'integer';
  const valid =
    typeof value === 'number' &&
    (integer ? Number.isInteger(value) : Number.isFinite(value));
  if (!valid) {
    throw invalidValue(
      `${label} must be ${integer ? 'an integer' : 'a number'}; ` +
        `got ${describeJsonType(value)}.`,
    );
  }
  return value;
}

function requireDateTime(value: JsonValue, label: string): string {
  const valid =
    typeof value === 'string' &&
    DATE_TIME.test(value) &&
    !Number.isNaN(Date.parse(value));
  if (!valid) {
    throw invalidValue(
      `${label} must be a date and time such as "2024-05-01T09:30:00Z" ` +
        '(xsd:dateTime, RFC 7643 §2.3.5).',
    );
  }
  return value;
}
