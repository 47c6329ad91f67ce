import { describeJsonType } from '../attribute-value.js';
import type { PatchPath } from '../filter/patch-path.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { SchemaDefinition } from '../schema/attribute-definition.js';
import {
  findExtensionSchema,
  resolveAttributePath,
  type AttributePath,
} from '../schema/attribute-path.js';
import { USER_SCHEMA } from '../schema/schema-urns.js';
import { invalidValue } from '../scim-error.js';

/** One attribute an add or replace without a path sets. */
export interface PathValue {
  readonly path: PatchPath;
  readonly value: JsonValue;
}

/**
 * Splits the value of an add or replace without a path (RFC 7644 §3.5.2.1,
 * §3.5.2.3) into one target per member. A member's name may be an
 * attribute (`displayName`), an attribute path (`name.givenName`, or
 * `urn:...:enterprise:2.0:User:employeeNumber`, as Entra ID sends), or an
 * extension URN whose value holds that extension's attributes.
 *
 * Members a PUT body would ignore are ignored here too: unknown names,
 * read-only attributes (Okta repeats `id` in such values) and `password`,
 * which Ferry accepts and discards.
 */
export function expandPathlessValue(value: JsonObject): PathValue[] {
  return Object.entries(value).flatMap(([key, member]) =>
    expandMember(key, member),
  );
}

function expandMember(key: string, value: JsonValue): PathValue[] {
  const extension = findExtensionSchema(key);
  if (extension) return expandExtension(extension, value);
  if (key.toLowerCase() === USER_SCHEMA.toLowerCase()) {
    return expandPathlessValue(requireObject(key, value));
  }
  return target(resolveAttributePath(key), value);
}

// A null extension unassigns all of its attributes (RFC 7643 §2.5).
function expandExtension(
  schema: SchemaDefinition,
  value: JsonValue,
): PathValue[] {
  if (value === null) {
    return schema.attributes.flatMap((attribute) =>
      target({ schema, attribute, subAttribute: undefined }, null),
    );
  }
  return Object.entries(requireObject(schema.id, value)).flatMap(
    ([key, member]) =>
      target(resolveAttributePath(`${schema.id}:${key}`), member),
  );
}

function target(
  attribute: AttributePath | undefined,
  value: JsonValue,
): PathValue[] {
  if (!attribute || !isWritable(attribute)) return [];
  return [{ path: { attribute, valueFilter: undefined }, value }];
}

function isWritable({ attribute, subAttribute }: AttributePath): boolean {
  return [attribute, subAttribute].every(
    (definition) =>
      definition === undefined ||
      (definition.mutability !== 'readOnly' &&
        definition.mutability !== 'writeOnly'),
  );
}

function requireObject(key: string, value: JsonValue): JsonObject {
  if (isJsonObject(value)) return value;
  throw invalidValue(
    `${key} must be an object of attributes; got ${describeJsonType(value)}.`,
  );
}
