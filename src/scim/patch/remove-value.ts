import { isDeepStrictEqual } from 'node:util';

import { normaliseAttributeValue } from '../attribute-value.js';
import { matchesValueFilter } from '../filter/filter-evaluator.js';
import type { PatchPath } from '../filter/patch-path.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import {
  formatAttributePath,
  type AttributePath,
} from '../schema/attribute-path.js';
import { invalidValue } from '../scim-error.js';
import { requireMultiValued, withMember } from './add-or-replace.js';
import { readSlot, readValues, writeSlot } from './attribute-slot.js';

/**
 * Applies one remove (RFC 7644 §3.5.2.2) to `resource`, in place: the
 * attribute, the sub-attribute, or the values a filter selects become
 * unassigned. A filter that selects nothing removes nothing and is no
 * error: the RFC asks for noTarget only when the path is missing, and a
 * remove that finds its target already gone has the outcome the client
 * wants.
 *
 * A `value` on a remove without a filter names the values of a
 * multi-valued attribute to remove, matched on the sub-attributes it
 * gives: Entra ID removes values this way unless the tenant opts in to its
 * compliant PATCH behaviour (`"path": "members", "value": [{"value": …}]`).
 */
export function removeValue(
  resource: JsonObject,
  path: PatchPath,
  value: JsonValue | undefined,
): void {
  const target = path.attribute;
  const filter = path.valueFilter;
  if (filter) {
    removeFiltered(resource, target, (element) =>
      matchesValueFilter(element, filter),
    );
  } else if (target.subAttribute) {
    removeSubAttribute(resource, target);
  } else if (target.attribute.required) {
    throw invalidValue(
      `${formatAttributePath(target)} is required, so it cannot be ` +
        'removed (RFC 7643 §2.2); replace it instead.',
    );
  } else if (target.attribute.multiValued && isGiven(value)) {
    const listed = listedValues(target, value);
    removeFiltered(resource, target, (element) =>
      listed.some((candidate) => holds(element, candidate)),
    );
  } else {
    writeSlot(resource, target, undefined);
  }
}

function removeFiltered(
  resource: JsonObject,
  target: AttributePath,
  selects: (element: JsonValue) => boolean,
): void {
  requireMultiValued(target);
  const sub = target.subAttribute;
  const values = readValues(resource, target);
  const next = sub
    ? values.map((element) =>
        selects(element) ? withMember(element, sub, undefined) : element,
      )
    : values.filter((element) => !selects(element));
  writeSlot(resource, target, next);
}

function removeSubAttribute(resource: JsonObject, target: AttributePath): void {
  if (target.attribute.multiValued) {
    removeFiltered(resource, target, () => true);
    return;
  }
  const current = readSlot(resource, target);
  if (current === undefined || target.subAttribute === undefined) return;
  writeSlot(
    resource,
    target,
    withMember(current, target.subAttribute, undefined),
  );
}

function isGiven(value: JsonValue | undefined): value is JsonValue {
  return value !== undefined && value !== null;
}

function listedValues(target: AttributePath, value: JsonValue): JsonValue[] {
  const list = Array.isArray(value) ? value : [value];
  const label = formatAttributePath(target);
  const listed = normaliseAttributeValue(target.attribute, list, label);
  return Array.isArray(listed) ? listed : [];
}

function holds(element: JsonValue, candidate: JsonValue): boolean {
  if (!isJsonObject(element) || !isJsonObject(candidate)) {
    return isDeepStrictEqual(element, candidate);
  }
  return Object.entries(candidate).every(([name, member]) =>
    isDeepStrictEqual(element[name], member),
  );
}
