import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { AttributePath } from '../schema/attribute-path.js';
import { USER_SCHEMA_DEFINITION } from '../schema/user-schema.js';

/**
 * Reading and writing one top-level attribute of a resource being patched:
 * core and common attributes live at the top level, extension attributes
 * under their schema's URN key. Keys are canonical names from the schema
 * definitions, never names taken from a request.
 */
export function readSlot(
  resource: JsonObject,
  path: AttributePath,
): JsonValue | undefined {
  const container = containerOf(resource, path);
  const name = path.attribute.name;
  return container && Object.hasOwn(container, name)
    ? container[name]
    : undefined;
}

/** The values of a multi-valued attribute; [] when it is unassigned. */
export function readValues(
  resource: JsonObject,
  path: AttributePath,
): JsonValue[] {
  const value = readSlot(resource, path);
  return Array.isArray(value) ? value : [];
}

/**
 * Sets the attribute, or unassigns it when `value` is undefined or empty
 * (RFC 7643 §2.5); an extension left with no attribute disappears.
 */
export function writeSlot(
  resource: JsonObject,
  path: AttributePath,
  value: JsonValue | undefined,
): void {
  const kept = withoutEmpty(value);
  const extensionKey = extensionKeyOf(path);
  let container = containerOf(resource, path);
  if (!container) {
    if (kept === undefined || extensionKey === undefined) return;
    container = {};
    resource[extensionKey] = container;
  }

  if (kept === undefined) {
    delete container[path.attribute.name];
  } else {
    container[path.attribute.name] = kept;
  }
  if (extensionKey !== undefined && Object.keys(container).length === 0) {
    delete resource[extensionKey];
  }
}

function containerOf(
  resource: JsonObject,
  path: AttributePath,
): JsonObject | undefined {
  const extensionKey = extensionKeyOf(path);
  if (extensionKey === undefined) return resource;
  const container = Object.hasOwn(resource, extensionKey)
    ? resource[extensionKey]
    : undefined;
  return isJsonObject(container) ? container : undefined;
}

function extensionKeyOf(path: AttributePath): string | undefined {
  return path.schema && path.schema !== USER_SCHEMA_DEFINITION
    ? path.schema.id
    : undefined;
}

function withoutEmpty(value: JsonValue | undefined): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const values = value.filter(
      (element) => withoutEmpty(element) !== undefined,
    );
    return values.length > 0 ? values : undefined;
  }
  if (isJsonObject(value) && Object.keys(value).length === 0) return undefined;
  return value;
}
