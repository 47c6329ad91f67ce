import type { JsonObject, JsonValue } from '../scim/json.js';
import { isJsonObject } from '../scim/json.js';
import type { AttributeDefinition } from '../scim/schema/attribute-definition.js';
import {
  findAttribute,
  findExtensionSchema,
} from '../scim/schema/attribute-path.js';
import { USER_SCHEMA_DEFINITION } from '../scim/schema/user-schema.js';

// Server-maintained (`id`, `meta`), derived from the attributes present
// (`schemas`), or never stored (`password`, write-only per RFC 7643 §4.1.1).
const UNREPORTED = new Set(['id', 'meta', 'schemas', 'password']);

/**
 * Names of the attributes whose values differ between two versions of a
 * User resource, sorted; never the values. Singular complex attributes
 * (`name`, the enterprise `manager`) are reported per sub-attribute, and
 * extension attributes by their URN-qualified path (RFC 7644 §3.10):
 *
 *   before { userName: "a", name: { givenName: "Ann", familyName: "Lee" } }
 *   after  { userName: "b", name: { givenName: "Ann", familyName: "Li" } }
 *   → ["name.familyName", "userName"]
 *
 * A multi-valued attribute (`emails`) is reported whole. Pass `undefined`
 * as `before` for a creation and as `after` for a deletion: every attribute
 * present is then reported.
 */
export function changedAttributes(
  before: JsonObject | undefined,
  after: JsonObject | undefined,
): string[] {
  const older = before ?? {};
  const newer = after ?? {};
  const changed: string[] = [];
  for (const name of unionOfKeys(older, newer)) {
    if (UNREPORTED.has(name)) continue;
    const extension = findExtensionSchema(name);
    if (extension) {
      changed.push(
        ...changedInObject(
          extension.attributes,
          objectOrEmpty(older[name]),
          objectOrEmpty(newer[name]),
          `${extension.id}:`,
        ),
      );
    } else {
      changed.push(
        ...changedAttribute(
          findAttribute(USER_SCHEMA_DEFINITION.attributes, name),
          name,
          older[name],
          newer[name],
          '',
        ),
      );
    }
  }
  return changed.sort();
}

function changedInObject(
  definitions: readonly AttributeDefinition[],
  older: JsonObject,
  newer: JsonObject,
  prefix: string,
): string[] {
  return unionOfKeys(older, newer).flatMap((name) =>
    changedAttribute(
      findAttribute(definitions, name),
      name,
      older[name],
      newer[name],
      prefix,
    ),
  );
}

function changedAttribute(
  definition: AttributeDefinition | undefined,
  name: string,
  older: JsonValue | undefined,
  newer: JsonValue | undefined,
  prefix: string,
): string[] {
  if (jsonEquals(older, newer)) return [];
  const isSingularComplex =
    definition?.type === 'complex' && !definition.multiValued;
  if (!isSingularComplex) return [`${prefix}${name}`];

  const olderObject = objectOrEmpty(older);
  const newerObject = objectOrEmpty(newer);
  const subAttributes = unionOfKeys(olderObject, newerObject)
    .filter((sub) => !jsonEquals(olderObject[sub], newerObject[sub]))
    .map((sub) => `${prefix}${name}.${sub}`);
  // A value that is not an object has no sub-attributes to name.
  return subAttributes.length > 0 ? subAttributes : [`${prefix}${name}`];
}

function unionOfKeys(older: JsonObject, newer: JsonObject): string[] {
  return [...new Set([...Object.keys(older), ...Object.keys(newer)])];
}

function objectOrEmpty(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** Structural equality; object key order does not matter, array order does. */
function jsonEquals(
  left: JsonValue | undefined,
  right: JsonValue | undefined,
): boolean {
  if (left === right) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return (
      left.length === right.length &&
      left.every((item, index) => jsonEquals(item, right[index]))
    );
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    const leftKeys = Object.keys(left);
    return (
      leftKeys.length === Object.keys(right).length &&
      leftKeys.every(
        (key) => Object.hasOwn(right, key) && jsonEquals(left[key], right[key]),
      )
    );
  }
  return false;
}
