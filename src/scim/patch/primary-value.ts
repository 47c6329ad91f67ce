import { isDeepStrictEqual } from 'node:util';

import { isJsonObject, type JsonValue } from '../json.js';

/**
 * RFC 7644 §3.5.2: when a PATCH sets "primary" to true on a value of a
 * multi-valued attribute, the server sets it to false on the others.
 * `written` are the values the operation wrote; returns the new values.
 */
export function keepOnlyWrittenPrimary(
  values: readonly JsonValue[],
  written: readonly JsonValue[],
): JsonValue[] {
  const chosen = written.filter(isPrimary);
  if (chosen.length === 0) return [...values];
  return values.map((value) =>
    isPrimary(value) &&
    isJsonObject(value) &&
    !chosen.some((primary) => isDeepStrictEqual(primary, value))
      ? { ...value, primary: false }
      : value,
  );
}

function isPrimary(value: JsonValue): boolean {
  return isJsonObject(value) && value.primary === true;
}
