import {
  normaliseAttributeValue,
  normaliseElementValue,
  readSubAttributes,
} from '../attribute-value.js';
import { matchesValueFilter } from '../filter/filter-evaluator.js';
import type { FilterExpression } from '../filter/filter-expression.js';
import type { PatchPath } from '../filter/patch-path.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import {
  formatAttributePath,
  type AttributePath,
} from '../schema/attribute-path.js';
import { invalidPath, noTarget } from '../scim-error.js';
import { readSlot, readValues, writeSlot } from './attribute-slot.js';
import { keepOnlyWrittenPrimary } from './primary-value.js';
import { valueFromFilter } from './value-from-filter.js';

/**
 * Applies one add or replace (RFC 7644 §3.5.2.1, §3.5.2.3) to `resource`,
 * in place. What the two share: a single-valued attribute is set; a
 * complex one has the given sub-attributes set and keeps the others; null
 * unassigns. Where they differ: add appends to a multi-valued attribute,
 * skipping values it already holds, while replace swaps all its values; and
 * through a value filter that matches nothing, replace fails with noTarget
 * while add creates the value the filter describes (see valueFromFilter).
 */
export function addOrReplace(
  resource: JsonObject,
  op: 'add' | 'replace',
  path: PatchPath,
  value: JsonValue,
): void {
  const target = path.attribute;
  if (path.valueFilter) {
    writeFiltered(resource, op, target, path.valueFilter, value);
  } else if (target.subAttribute) {
    writeSubAttribute(resource, target, target.subAttribute, value);
  } else if (target.attribute.multiValued) {
    writeValues(resource, op, target, value);
  } else if (target.attribute.type === 'complex' && isJsonObject(value)) {
    writeSlot(
      resource,
      target,
      mergeInto(readSlot(resource, target), target, value),
    );
  } else {
    // Includes a bare `"manager": "<id>"`, which stands for the whole value.
    const label = formatAttributePath(target);
    writeSlot(
      resource,
      target,
      normaliseAttributeValue(target.attribute, value, label),
    );
  }
}

/** `base` with the sub-attributes `value` sets; null ones are removed. */
export function mergeInto(
  base: JsonValue | undefined,
  target: AttributePath,
  value: JsonValue,
): JsonObject {
  const label = formatAttributePath(target);
  const merged: JsonObject = isJsonObject(base) ? { ...base } : {};
  for (const sub of readSubAttributes(target.attribute, value, label)) {
    setMember(merged, sub.definition, sub.value);
  }
  return merged;
}

/** A copy of `element` with one sub-attribute set or, if undefined, removed. */
export function withMember(
  element: JsonValue,
  definition: AttributeDefinition,
  value: JsonValue | undefined,
): JsonValue {
  if (!isJsonObject(element)) return element;
  const copy = { ...element };
  setMember(copy, definition, value);
  return copy;
}

function setMember(
  object: JsonObject,
  definition: AttributeDefinition,
  value: JsonValue | undefined,
): void {
  if (value === undefined) delete object[definition.name];
  else object[definition.name] = value;
}

function writeValues(
  resource: JsonObject,
  op: 'add' | 'replace',
  target: AttributePath,
  value: JsonValue,
): void {
  // A lone value for a multi-valued attribute is common in PATCH bodies
  // (`"value": {"type": "work", "value": "…"}`), so it is taken as a list.
  const list = Array.isArray(value) || value === null ? value : [value];
  const label = formatAttributePath(target);
  const incoming = normaliseAttributeValue(target.attribute, list, label);
  const written = Array.isArray(incoming) ? incoming : [];
  const values = op === 'add' ? readValues(resource, target) : [];
  const held = new Set(values.map(valueKey));
  for (const candidate of written) {
    const key = valueKey(candidate);
    if (held.has(key)) continue;
    held.add(key);
    values.push(candidate);
  }
  writeSlot(resource, target, keepOnlyWrittenPrimary(values, written));
}

// Equal values give equal keys whatever the order of their members, so
// duplicates are found in one pass rather than by comparing every pair.
function valueKey(value: JsonValue): string {
  return JSON.stringify(value, (_name, member: JsonValue) =>
    isJsonObject(member)
      ? Object.fromEntries(
          Object.entries(member).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : member,
  );
}

function writeSubAttribute(
  resource: JsonObject,
  target: AttributePath,
  sub: AttributeDefinition,
  value: JsonValue,
): void {
  const label = formatAttributePath(target);
  const normalised = normaliseAttributeValue(sub, value, label);
  if (!target.attribute.multiValued) {
    const current = readSlot(resource, target);
    writeSlot(resource, target, withMember(current ?? {}, sub, normalised));
    return;
  }

  // Without a filter, `emails.type` addresses that sub-attribute of every
  // value (RFC 7644 §3.5.2.3 does the same for all the values a filter
  // matches).
  const values = readValues(resource, target);
  if (values.length === 0) {
    throw noTarget(
      `${target.attribute.name} has no values whose ${sub.name} could be ` +
        'set; add whole values to it instead.',
    );
  }
  const written = values.map((element) => withMember(element, sub, normalised));
  writeSlot(resource, target, keepOnlyWrittenPrimary(written, written));
}

function writeFiltered(
  resource: JsonObject,
  op: 'add' | 'replace',
  target: AttributePath,
  filter: FilterExpression,
  value: JsonValue,
): void {
  requireMultiValued(target);
  const values = readValues(resource, target);
  const matched = values.map((element) => matchesValueFilter(element, filter));
  if (!matched.includes(true)) {
    if (op === 'add' && value === null) return;
    const created = createFromFilter(op, target, filter, value);
    writeSlot(
      resource,
      target,
      keepOnlyWrittenPrimary([...values, created], [created]),
    );
    return;
  }

  const written: JsonValue[] = [];
  const next = values.map((element, index) => {
    if (!matched[index]) return element;
    const updated = updateElement(op, target, element, value);
    written.push(updated);
    return updated;
  });
  writeSlot(resource, target, keepOnlyWrittenPrimary(next, written));
}

function updateElement(
  op: 'add' | 'replace',
  target: AttributePath,
  element: JsonValue,
  value: JsonValue,
): JsonValue {
  const label = formatAttributePath(target);
  if (target.subAttribute) {
    const sub = normaliseAttributeValue(target.subAttribute, value, label);
    return withMember(element, target.subAttribute, sub);
  }
  // RFC 7644 §3.5.2.3: replace swaps each matched value for the new one.
  if (op === 'replace') {
    return normaliseElementValue(target.attribute, value, label) ?? {};
  }
  return mergeInto(element, target, value);
}

function createFromFilter(
  op: 'add' | 'replace',
  target: AttributePath,
  filter: FilterExpression,
  value: JsonValue,
): JsonValue {
  const name = target.attribute.name;
  const base = op === 'add' ? valueFromFilter(target, filter) : undefined;
  if (!base) {
    // RFC 7644 §3.5.2.3 for replace; for add, see valueFromFilter.
    throw noTarget(
      `No value of ${name} matches the filter` +
        (op === 'add'
          ? ', and an add creates one only from a filter of eq comparisons ' +
            'joined by and, such as [type eq "work"].'
          : '; use add to create one.'),
    );
  }
  const element = target.subAttribute
    ? withMember(base, target.subAttribute, value)
    : mergeInto(base, { ...target, subAttribute: undefined }, value);
  const label = formatAttributePath({ ...target, subAttribute: undefined });
  return normaliseElementValue(target.attribute, element, label) ?? {};
}

/** RFC 7644 §3.5.2: a value filter selects values of a multi-valued one. */
export function requireMultiValued(target: AttributePath): void {
  if (target.attribute.multiValued) return;
  throw invalidPath(
    `${target.attribute.name} holds a single value, so a value filter ` +
      '"[...]" cannot select among its values; leave the filter out.',
  );
}
