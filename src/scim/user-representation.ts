import {
  projectAttributes,
  type AttributeSelection,
} from './attribute-projection.js';
import { isJsonObject, type JsonObject } from './json.js';

/**
 * A stored User as a client sees it: `meta.location` added (it depends on
 * the public URL, so it is never stored; RFC 7643 §3.1), then cut down to
 * the attributes the client asked for (RFC 7644 §3.9).
 */
export function representUser(
  resource: JsonObject,
  location: string,
  selection: AttributeSelection,
): JsonObject {
  const meta = isJsonObject(resource.meta) ? resource.meta : {};
  return projectAttributes(
    { ...resource, meta: { ...meta, location } },
    selection,
  );
}
