import { isJsonObject, type JsonValue } from '../scim/json.js';

/** Server-managed attributes that say nothing about the user's content. */
const IGNORED_ATTRIBUTES = new Set(['id', 'meta']);

/**
 * True when two User resources hold the same attributes, ignoring `id` and
 * `meta` and the order of object keys. Arrays compare in order: a change of
 * order in a multi-valued attribute is a change worth writing.
 */
export function sameUserContent(a: JsonValue, b: JsonValue): boolean {
  if (!isJsonObject(a) || !isJsonObject(b)) return sameJson(a, b);
  const keys = (value: Record<string, JsonValue>) =>
    Object.keys(value).filter((key) => !IGNORED_ATTRIBUTES.has(key));
  const aKeys = keys(a);
  if (aKeys.length !== keys(b).length) return false;
  return aKeys.every((key) => key in b && sameJson(a[key]!, b[key]!));
}

function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    return a.every((item, index) => sameJson(item, b[index]!));
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => key in b && sameJson(a[key]!, b[key]!));
}
