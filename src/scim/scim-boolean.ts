import type { JsonValue } from './json.js';

/**
 * Reads a SCIM boolean (RFC 7643 §2.3.2). Besides JSON `true` and `false`,
 * the strings "true" and "false" in any case are accepted, because Microsoft
 * Entra ID sends `"value": "False"` when it disables a user unless the
 * tenant opts in to its compliant PATCH behaviour (aadOptscim062020).
 * Returns undefined for anything else.
 */
export function parseScimBoolean(value: JsonValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}
