import {
  canonicaliseAssignedValues,
  canonicaliseUser,
} from '../canonical-user.js';
import type { JsonObject } from '../json.js';
import {
  formatAttributePath,
  resolveAttributePath,
  type AttributePath,
} from '../schema/attribute-path.js';
import { USER_SCHEMA_DEFINITION } from '../schema/user-schema.js';
import { mutability } from '../scim-error.js';
import { addOrReplace } from './add-or-replace.js';
import { expandPathlessValue } from './path-less-value.js';
import {
  locateError,
  type OperationPath,
  type PatchOperation,
} from './patch-operation.js';
import { removeValue } from './remove-value.js';

/**
 * Applies the operations of a PATCH (RFC 7644 §3.5.2) to a stored User and
 * returns the new stored form, without `id` and `meta` like
 * normaliseUserBody's: the caller assigns those. `resource` is never
 * changed. The operations run in order on a copy, and the result passes
 * the same checks as a PUT body, so a PATCH can store nothing a PUT could
 * not. Any failing operation throws its ScimError, its detail prefixed
 * with the operation's position, and nothing is applied (RFC 7644 §3.5.2:
 * a PATCH is atomic).
 */
export function applyPatch(
  resource: JsonObject,
  operations: readonly PatchOperation[],
): JsonObject {
  const shallow = changesOnlyTopLevelValues(operations);
  const working = shallow ? { ...resource } : structuredClone(resource);
  for (const operation of operations) {
    try {
      applyOperation(working, operation);
    } catch (error) {
      const path = operation.path ? ` ${operation.path.text}` : '';
      throw locateError(
        error,
        `Operations[${operation.index}] (${operation.op}${path})`,
      );
    }
  }
  return (
    (shallow ? canonicaliseAssignedValues(resource, working) : undefined) ??
    canonicaliseUser(working, {
      previous: resource,
      omittedImmutable: 'reject',
    })
  );
}

/**
 * Whether every operation sets or unassigns whole, single-valued, simple
 * top-level attributes, as Okta's deactivation
 * `{"op":"replace","value":{"active":false}}` does. Such operations only
 * assign members of the resource itself and change no nested value in
 * place, so a shallow copy is as safe to work on as a deep one.
 */
function changesOnlyTopLevelValues(
  operations: readonly PatchOperation[],
): boolean {
  return operations.every((operation) => {
    if (operation.op === 'remove') return false;
    if (operation.path !== undefined) {
      const { attribute, valueFilter } = operation.path.parsed;
      return valueFilter === undefined && isWholeTopLevelValue(attribute);
    }
    return Object.keys(operation.value).every((key) => {
      const path = resolveAttributePath(key);
      return path !== undefined && isWholeTopLevelValue(path);
    });
  });
}

function isWholeTopLevelValue(path: AttributePath): boolean {
  const { schema, attribute, subAttribute } = path;
  return (
    (schema === undefined || schema === USER_SCHEMA_DEFINITION) &&
    subAttribute === undefined &&
    !attribute.multiValued &&
    attribute.type !== 'complex'
  );
}

function applyOperation(working: JsonObject, operation: PatchOperation): void {
  if (operation.path === undefined) {
    for (const { path, value } of expandPathlessValue(operation.value)) {
      addOrReplace(working, operation.op, path, value);
    }
    return;
  }
  if (!isWritable(operation.op, operation.path)) return;
  if (operation.op === 'remove') {
    removeValue(working, operation.path.parsed, operation.value);
  } else {
    addOrReplace(working, operation.op, operation.path.parsed, operation.value);
  }
}

/**
 * RFC 7644 §3.5.2: an operation on a read-only attribute fails with
 * mutability. Write-only ones (`password`) are accepted and discarded, so
 * the operation does nothing.
 */
function isWritable(op: PatchOperation['op'], path: OperationPath): boolean {
  const { attribute, subAttribute } = path.parsed.attribute;
  const definitions = [attribute, subAttribute];
  if (definitions.some((definition) => definition?.mutability === 'readOnly')) {
    throw mutability(
      `${formatAttributePath(path.parsed.attribute)} is read-only: Ferry ` +
        `assigns it, so a PATCH cannot ${op} it (RFC 7643 §2.2).`,
    );
  }
  return !definitions.some(
    (definition) => definition?.mutability === 'writeOnly',
  );
}
