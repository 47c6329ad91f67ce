import {
  projectAttributes,
  type AttributeSelection,
} from './attribute-projection.js';
import { isJsonObject, type JsonObject } from './json.js';
import { COMMON_ATTRIBUTES } from './schema/common-attributes.js';

// The meta sub-attributes in schema order, which projection keeps; building
// meta in that order lets projection reuse it as it is.
const META_MEMBER_NAMES = (
  COMMON_ATTRIBUTES.find((attribute) => attribute.name === 'meta')
    ?.subAttributes ?? []
).map((sub) => sub.name);

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
    { ...resource, meta: metaWithLocation(meta, location) },
    selection,
  );
}

/** Members of no meta sub-attribute are left out: projection drops them. */
function metaWithLocation(meta: JsonObject, location: string): JsonObject {
  const output: JsonObject = {};
  for (const name of META_MEMBER_NAMES) {
    const value =
      name === 'location'
        ? location
        : Object.hasOwn(meta, name)
          ? meta[name]
          : undefined;
    if (value !== undefined) output[name] = value;
  }
  return output;
}
