import type {
  AttributeDefinition,
  SchemaDefinition,
} from './attribute-definition.js';
import { COMMON_ATTRIBUTES } from './common-attributes.js';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from './enterprise-user-schema.js';
import { USER_SCHEMA_DEFINITION } from './user-schema.js';

/**
 * An attribute path resolved against the User resource type, with names in
 * their canonical case. `schema` is undefined for the common attributes
 * (`id`, `externalId`, `meta`), which belong to no schema.
 *
 * Where the value lives in a stored resource: core and common attributes at
 * the top level, extension attributes under the extension's URN key.
 */
export interface AttributePath {
  readonly schema: SchemaDefinition | undefined;
  readonly attribute: AttributeDefinition;
  readonly subAttribute: AttributeDefinition | undefined;
}

export const USER_RESOURCE_SCHEMAS: readonly SchemaDefinition[] = [
  USER_SCHEMA_DEFINITION,
  ENTERPRISE_USER_SCHEMA_DEFINITION,
];

// Every member of every request body is looked up by name, so each list of
// definitions gets its lower-cased index once, when first searched.
const attributeIndexes = new WeakMap<
  readonly AttributeDefinition[],
  ReadonlyMap<string, AttributeDefinition>
>();

/** Case-insensitive lookup (RFC 7643 §2.1: attribute names are). */
export function findAttribute(
  attributes: readonly AttributeDefinition[],
  name: string,
): AttributeDefinition | undefined {
  if (attributes.length === 0) return undefined;
  return attributeIndex(attributes).get(name.toLowerCase());
}

/**
 * Resolves `userName`, `name.givenName`, `emails.value`, `meta.created`, or
 * a URN-qualified path such as
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`
 * (RFC 7644 §3.10). Returns undefined when no such attribute exists.
 */
export function resolveAttributePath(text: string): AttributePath | undefined {
  const { schema, relativePath } = splitSchemaUrn(text);
  const [attributeName, subAttributeName, ...rest] = relativePath.split('.');
  if (attributeName === undefined || attributeName === '' || rest.length > 0) {
    return undefined;
  }

  const found = findTopLevelAttribute(schema, attributeName);
  if (!found) return undefined;
  if (subAttributeName === undefined) {
    return { ...found, subAttribute: undefined };
  }

  const subAttribute = findAttribute(
    found.attribute.subAttributes ?? [],
    subAttributeName,
  );
  return subAttribute ? { ...found, subAttribute } : undefined;
}

/** The extension schema whose URN is exactly `text`, if any. */
export function findExtensionSchema(
  text: string,
): SchemaDefinition | undefined {
  const wanted = text.toLowerCase();
  return USER_RESOURCE_SCHEMAS.find(
    (schema) =>
      schema !== USER_SCHEMA_DEFINITION && schema.id.toLowerCase() === wanted,
  );
}

/** The canonical dotted path, URN-qualified for extension attributes. */
export function formatAttributePath(path: AttributePath): string {
  const relative = path.subAttribute
    ? `${path.attribute.name}.${path.subAttribute.name}`
    : path.attribute.name;
  return path.schema && path.schema !== USER_SCHEMA_DEFINITION
    ? `${path.schema.id}:${relative}`
    : relative;
}

function splitSchemaUrn(text: string): {
  schema: SchemaDefinition | undefined;
  relativePath: string;
} {
  const lower = text.toLowerCase();
  for (const schema of USER_RESOURCE_SCHEMAS) {
    const prefix = `${schema.id.toLowerCase()}:`;
    if (lower.startsWith(prefix)) {
      return { schema, relativePath: text.slice(prefix.length) };
    }
  }
  return { schema: undefined, relativePath: text };
}

function findTopLevelAttribute(
  schema: SchemaDefinition | undefined,
  name: string,
): Omit<AttributePath, 'subAttribute'> | undefined {
  if (schema) {
    const attribute = findAttribute(schema.attributes, name);
    if (attribute) return { schema, attribute };
    // RFC 7644 §3.10 lets a client qualify a common attribute with the core
    // schema URN, as in `urn:...:core:2.0:User:id`.
    if (schema !== USER_SCHEMA_DEFINITION) return undefined;
  }

  const common = findAttribute(COMMON_ATTRIBUTES, name);
  if (common) return { schema: undefined, attribute: common };
  const core = findAttribute(USER_SCHEMA_DEFINITION.attributes, name);
  return core ? { schema: USER_SCHEMA_DEFINITION, attribute: core } : undefined;
}

/** The first definition of each lower-cased name, as a search would find. */
function attributeIndex(
  attributes: readonly AttributeDefinition[],
): ReadonlyMap<string, AttributeDefinition> {
  const cached = attributeIndexes.get(attributes);
  if (cached) return cached;
  const index = new Map<string, AttributeDefinition>();
  for (const attribute of [...attributes].reverse()) {
    index.set(attribute.name.toLowerCase(), attribute);
  }
  attributeIndexes.set(attributes, index);
  return index;
}
