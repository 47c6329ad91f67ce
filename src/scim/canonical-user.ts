import { isDeepStrictEqual } from 'node:util';

import {
  describeJsonType,
  normaliseAttributeValue,
} from './attribute-value.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { matchMembers, type MatchedMember } from './json-members.js';
import type {
  AttributeDefinition,
  SchemaDefinition,
} from './schema/attribute-definition.js';
import {
  findAttribute,
  USER_RESOURCE_SCHEMAS,
} from './schema/attribute-path.js';
import { COMMON_ATTRIBUTES } from './schema/common-attributes.js';
import { USER_SCHEMA_DEFINITION } from './schema/user-schema.js';
import { invalidValue, mutability } from './scim-error.js';

/** The schemas one resource type is made of (RFC 7643 §6). */
export interface ResourceSchemas {
  readonly core: SchemaDefinition;
  readonly extensions: readonly SchemaDefinition[];
  readonly common: readonly AttributeDefinition[];
}

export const USER_RESOURCE: ResourceSchemas = {
  core: USER_SCHEMA_DEFINITION,
  extensions: USER_RESOURCE_SCHEMAS.filter(
    (schema) => schema !== USER_SCHEMA_DEFINITION,
  ),
  common: COMMON_ATTRIBUTES,
};

export interface CanonicalUserOptions {
  /** The stored resource being replaced or modified, if any. */
  readonly previous?: JsonObject;
  /**
   * What an immutable attribute that had a value and is now absent means.
   * PUT: the client did not assert it, so it keeps its value (RFC 7644
   * §3.5.1). PATCH: an operation removed it, which RFC 7644 §3.5.2 forbids.
   */
  readonly omittedImmutable: 'keep' | 'reject';
  /** Top-level core values used where the input leaves one unassigned. */
  readonly fallback?: JsonObject;
  readonly schemas?: ResourceSchemas;
}

type TopLevelMembers = MatchedMember<AttributeDefinition | SchemaDefinition>[];
type TopLevelIndex = ReadonlyMap<
  string,
  AttributeDefinition | SchemaDefinition
>;

// Every member of every POST, PUT and PATCH body is identified by name.
const topLevelIndexes = new WeakMap<ResourceSchemas, TopLevelIndex>();

/**
 * Builds the stored form of a User (see "Resource conventions") from a
 * request's attributes: canonical names in schema order, checked types, no
 * unassigned values, `schemas` listing the extensions in use, no `id` or
 * `meta`. Read-only attributes are ignored (RFC 7644 §3.3), write-only ones
 * (`password`) are accepted and dropped, and attributes of no known schema
 * are ignored: the RFC does not say what to do with them, and clients send
 * their own extensions (Entra ID's documented create body carries
 * `urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User`).
 */
export function canonicaliseUser(
  input: JsonObject,
  options: CanonicalUserOptions,
): JsonObject {
  const schemas = options.schemas ?? USER_RESOURCE;
  const members = matchMembers(
    input,
    (key) => identifyTopLevel(schemas, key),
    'The User',
  );
  const listed: string[] = [schemas.core.id];
  const output: JsonObject = { schemas: listed };

  Object.assign(
    output,
    buildAttributes(coreAttributes(schemas), undefined, members, options),
  );
  for (const schema of schemas.extensions) {
    const extension = extensionMembers(members, schema);
    const built = buildAttributes(
      schema.attributes,
      schema,
      extension,
      options,
    );
    if (Object.keys(built).length === 0) continue;
    output[schema.id] = built;
    listed.push(schema.id);
  }

  requireRequiredAttributes(schemas, output);
  return output;
}

/**
 * The stored form of `working`, a shallow copy of the stored resource
 * `previous` in which a PATCH assigned whole single-valued simple core
 * attributes (Okta's `{"op":"replace","value":{"active":false}}`), found by
 * checking only the values that changed: every other value is already in
 * stored form, so canonicaliseUser would give it back unchanged. Returns
 * undefined when this cannot decide alone (an attribute added or removed,
 * one that is required or immutable, a value unassigned); the caller then
 * canonicalises the whole resource, which reports any error.
 */
export function canonicaliseAssignedValues(
  previous: JsonObject,
  working: JsonObject,
  schemas: ResourceSchemas = USER_RESOURCE,
): JsonObject | undefined {
  for (const key of Object.keys(previous)) {
    if (!Object.hasOwn(working, key)) return undefined;
  }
  const core = coreAttributes(schemas);
  const output: JsonObject = {};
  for (const [key, value] of Object.entries(working)) {
    const definition = findAttribute(core, key);
    // `id` and `meta` are the server's; the caller assigns them.
    if (definition?.mutability === 'readOnly') continue;
    if (value === previous[key]) {
      output[key] = value;
      continue;
    }
    if (!isPlainAssignable(definition, key) || !Object.hasOwn(previous, key)) {
      return undefined;
    }
    const normalised = normaliseAttributeValue(definition, value, key);
    if (normalised === undefined) return undefined;
    output[key] = normalised;
  }
  return output;
}

function isPlainAssignable(
  definition: AttributeDefinition | undefined,
  key: string,
): definition is AttributeDefinition {
  return (
    definition !== undefined &&
    definition.name === key &&
    definition.mutability === 'readWrite' &&
    !definition.required &&
    !definition.multiValued &&
    definition.type !== 'complex'
  );
}

const coreAttributeLists = new WeakMap<
  ResourceSchemas,
  readonly AttributeDefinition[]
>();

/** The common attributes, then the core schema's; built once. */
function coreAttributes(
  schemas: ResourceSchemas,
): readonly AttributeDefinition[] {
  let attributes = coreAttributeLists.get(schemas);
  if (attributes === undefined) {
    attributes = [...schemas.common, ...schemas.core.attributes];
    coreAttributeLists.set(schemas, attributes);
  }
  return attributes;
}

function identifyTopLevel(
  schemas: ResourceSchemas,
  key: string,
): AttributeDefinition | SchemaDefinition | undefined {
  return topLevelIndex(schemas).get(key.toLowerCase());
}

/**
 * Top-level names, lower-cased, to what they name: an attribute wins over
 * an extension of the same name. Built once per resource type.
 */
function topLevelIndex(schemas: ResourceSchemas): TopLevelIndex {
  const cached = topLevelIndexes.get(schemas);
  if (cached) return cached;
  const index = new Map<string, AttributeDefinition | SchemaDefinition>();
  // Set in reverse, so that the first of two equal names is the one kept.
  for (const schema of [...schemas.extensions].reverse()) {
    index.set(schema.id.toLowerCase(), schema);
  }
  const attributes = [...schemas.common, ...schemas.core.attributes];
  for (const attribute of attributes.reverse()) {
    index.set(attribute.name.toLowerCase(), attribute);
  }
  topLevelIndexes.set(schemas, index);
  return index;
}

function extensionMembers(
  members: TopLevelMembers,
  schema: SchemaDefinition,
): TopLevelMembers {
  const value = members.find((member) => member.match === schema)?.value;
  if (value === undefined || value === null) return [];
  if (!isJsonObject(value)) {
    throw invalidValue(
      `${schema.id} must be an object of extension attributes; ` +
        `got ${describeJsonType(value)}.`,
    );
  }
  return matchMembers(
    value,
    (key) => findAttribute(schema.attributes, key),
    schema.id,
  );
}

function buildAttributes(
  definitions: readonly AttributeDefinition[],
  schema: SchemaDefinition | undefined,
  members: TopLevelMembers,
  options: CanonicalUserOptions,
): JsonObject {
  const container = schema ? options.previous?.[schema.id] : options.previous;
  const previous = isJsonObject(container) ? container : undefined;
  const built: JsonObject = {};
  for (const definition of definitions) {
    if (!keptFromRequests(definition)) continue;
    const input = members.find((member) => member.match === definition)?.value;
    const value =
      (input === undefined
        ? undefined
        : normaliseAttributeValue(
            definition,
            input,
            labelOf(schema, definition),
          )) ?? (schema ? undefined : options.fallback?.[definition.name]);
    const kept = enforceImmutable(definition, schema, value, previous, options);
    if (kept !== undefined) built[definition.name] = kept;
  }
  return built;
}

/** How error details name an attribute: URN-qualified in an extension. */
function labelOf(
  schema: SchemaDefinition | undefined,
  definition: AttributeDefinition,
): string {
  return schema ? `${schema.id}:${definition.name}` : definition.name;
}

/** Read-only values are the server's; write-only ones Ferry never keeps. */
function keptFromRequests(definition: AttributeDefinition): boolean {
  return (
    definition.mutability !== 'readOnly' &&
    definition.mutability !== 'writeOnly'
  );
}

/**
 * RFC 7643 §2.2 "immutable": a value may be set once, when there is none,
 * and never changed after. Only top-level attributes are checked; none of
 * the User's sub-attributes is immutable.
 */
function enforceImmutable(
  definition: AttributeDefinition,
  schema: SchemaDefinition | undefined,
  value: JsonValue | undefined,
  previous: JsonObject | undefined,
  options: CanonicalUserOptions,
): JsonValue | undefined {
  if (definition.mutability !== 'immutable') return value;
  const before =
    previous && Object.hasOwn(previous, definition.name)
      ? previous[definition.name]
      : undefined;
  if (before === undefined) return value;
  if (value === undefined && options.omittedImmutable === 'keep') return before;
  if (isDeepStrictEqual(value, before)) return value;
  throw mutability(
    `${labelOf(schema, definition)} is immutable: once set it cannot be ` +
      'changed or removed (RFC 7643 §2.2). Send its current value or leave ' +
      'it out.',
  );
}

function requireRequiredAttributes(
  schemas: ResourceSchemas,
  output: JsonObject,
): void {
  for (const schema of [schemas.core, ...schemas.extensions]) {
    const container = schema === schemas.core ? output : output[schema.id];
    for (const definition of schema.attributes) {
      if (!definition.required) continue;
      const value = isJsonObject(container)
        ? container[definition.name]
        : undefined;
      if (value === undefined || isBlank(value)) {
        const label =
          schema === schemas.core
            ? definition.name
            : `${schema.id}:${definition.name}`;
        throw invalidValue(
          `${label} is required; send a value that is not empty or blank ` +
            '(RFC 7643 §2.2, §4.1.1).',
        );
      }
    }
  }
}

function isBlank(value: JsonValue): boolean {
  return typeof value === 'string' && value.trim() === '';
}
