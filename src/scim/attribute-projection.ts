import { USER_RESOURCE } from './canonical-user.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import type {
  AttributeDefinition,
  SchemaDefinition,
} from './schema/attribute-definition.js';
import {
  findExtensionSchema,
  resolveAttributePath,
} from './schema/attribute-path.js';

/** The `attributes` and `excludedAttributes` query parameters, parsed. */
export interface AttributeSelection {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

/** What a list of attribute names asks for, resolved against the schemas. */
interface NamedAttributes {
  readonly whole: ReadonlySet<AttributeDefinition | SchemaDefinition>;
  readonly subAttributes: ReadonlyMap<
    AttributeDefinition,
    ReadonlySet<AttributeDefinition>
  >;
}

interface ProjectionRequest {
  /** Undefined when `attributes` was not given. */
  readonly included: NamedAttributes | undefined;
  readonly excluded: NamedAttributes;
}

const { common, core, extensions } = USER_RESOURCE;
const TOP_LEVEL: readonly AttributeDefinition[] = [
  ...common,
  ...core.attributes,
];
const NOTHING_NAMED: NamedAttributes = {
  whole: new Set(),
  subAttributes: new Map(),
};

// What a request that names no attributes gets (RFC 7643 §7): every
// attribute and sub-attribute but the "never" and "request" ones.
const DEFAULT_TOP_LEVEL = TOP_LEVEL.filter(isReturnedByDefault);
const DEFAULT_EXTENSIONS = extensions.map((extension) => ({
  extension,
  attributes: extension.attributes.filter(isReturnedByDefault),
}));
const DEFAULT_SUB_ATTRIBUTE_NAMES = new Map(
  [...TOP_LEVEL, ...extensions.flatMap((extension) => extension.attributes)]
    .filter((definition) => definition.subAttributes !== undefined)
    .map((definition) => [
      definition,
      (definition.subAttributes ?? [])
        .filter(isReturnedByDefault)
        .map((sub) => sub.name),
    ]),
);

/**
 * Splits the comma-separated value of `attributes` or `excludedAttributes`
 * (RFC 7644 §3.4.2.5) into names; blanks around and between are dropped.
 */
export function parseAttributeList(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * Returns the part of a User a client asked for (RFC 7644 §3.4.2.5, §3.9),
 * following each attribute's `returned` (RFC 7643 §7): "always" ones (id,
 * userName; and `schemas`) are in every answer, "never" ones in none,
 * "default" ones (`meta` among them, RFC 7643 §3.1) unless `attributes`
 * leaves them out or `excludedAttributes` names them, "request" ones only
 * when `attributes` names them. Names may be sub-attributes
 * (`name.givenName`, `emails.value`), URN-qualified, or a whole extension's
 * URN. When both parameters are given, both apply. Names of no User
 * attribute are ignored: the RFC defines no error for them, and an answer
 * without an attribute the resource does not have is the right answer.
 */
export function projectAttributes(
  resource: JsonObject,
  selection: AttributeSelection,
): JsonObject {
  if (!selection.attributes?.length && !selection.excludedAttributes?.length) {
    return projectByDefault(resource);
  }
  const request: ProjectionRequest = {
    included: selection.attributes?.length
      ? resolveNames(selection.attributes)
      : undefined,
    excluded: resolveNames(selection.excludedAttributes ?? []),
  };
  const output: JsonObject = {};
  if (resource.schemas !== undefined) output.schemas = resource.schemas;
  Object.assign(
    output,
    projectMembers(resource, TOP_LEVEL, undefined, request),
  );
  for (const extension of extensions) {
    const container = resource[extension.id];
    if (!isJsonObject(container)) continue;
    const kept = projectMembers(
      container,
      extension.attributes,
      extension,
      request,
    );
    if (Object.keys(kept).length > 0) output[extension.id] = kept;
  }
  return output;
}

/**
 * The projection of a request that names no attributes, which is nearly
 * every request (Okta and Entra ID never send `attributes`). It must stay
 * equal, key order included, to the general path with an empty selection;
 * it is faster because a value already in canonical form, as every stored
 * value is, is reused instead of rebuilt.
 */
function projectByDefault(resource: JsonObject): JsonObject {
  const output: JsonObject = {};
  if (resource.schemas !== undefined) output.schemas = resource.schemas;
  copyDefaultMembers(resource, DEFAULT_TOP_LEVEL, output);
  for (const { extension, attributes } of DEFAULT_EXTENSIONS) {
    const container = resource[extension.id];
    if (!isJsonObject(container)) continue;
    const kept = copyDefaultMembers(container, attributes, {});
    if (Object.keys(kept).length > 0) output[extension.id] = kept;
  }
  return output;
}

function copyDefaultMembers(
  container: JsonObject,
  definitions: readonly AttributeDefinition[],
  output: JsonObject,
): JsonObject {
  for (const definition of definitions) {
    if (!Object.hasOwn(container, definition.name)) continue;
    const value = container[definition.name];
    if (value === undefined) continue;
    const projected =
      definition.returned === 'always' || isCanonical(definition, value)
        ? value
        : projectSubAttributes(definition, value, undefined, NOTHING_NAMED);
    if (projected !== undefined) output[definition.name] = projected;
  }
  return output;
}

/**
 * Whether projectSubAttributes would return a value equal to this one: no
 * complex value that is empty or has members it would drop or reorder.
 */
function isCanonical(definition: AttributeDefinition, value: JsonValue) {
  const names = DEFAULT_SUB_ATTRIBUTE_NAMES.get(definition);
  if (names === undefined) return true;
  if (!Array.isArray(value)) return isCanonicalElement(names, value);
  return (
    value.length > 0 &&
    value.every((element) => isCanonicalElement(names, element))
  );
}

function isCanonicalElement(
  names: readonly string[],
  element: JsonValue,
): boolean {
  if (!isJsonObject(element)) return true;
  const keys = Object.keys(element);
  let position = 0;
  for (const key of keys) {
    const found = names.indexOf(key, position);
    if (found < 0 || element[key] === undefined) return false;
    position = found + 1;
  }
  return keys.length > 0;
}

function projectMembers(
  container: JsonObject,
  definitions: readonly AttributeDefinition[],
  schema: SchemaDefinition | undefined,
  request: ProjectionRequest,
): JsonObject {
  const kept: JsonObject = {};
  for (const definition of definitions) {
    const value = Object.hasOwn(container, definition.name)
      ? container[definition.name]
      : undefined;
    const projected =
      value === undefined
        ? undefined
        : projectAttribute(definition, schema, value, request);
    if (projected !== undefined) kept[definition.name] = projected;
  }
  return kept;
}

function projectAttribute(
  definition: AttributeDefinition,
  schema: SchemaDefinition | undefined,
  value: JsonValue,
  { included, excluded }: ProjectionRequest,
): JsonValue | undefined {
  if (definition.returned === 'always') return value;
  if (definition.returned === 'never') return undefined;
  if (names(excluded, definition, schema)) return undefined;
  if (!included) {
    if (definition.returned === 'request') return undefined;
    return projectSubAttributes(definition, value, undefined, excluded);
  }
  if (names(included, definition, schema)) {
    return projectSubAttributes(definition, value, included, excluded);
  }
  const wanted = included.subAttributes.get(definition);
  if (!wanted) return undefined;
  return projectSubAttributes(definition, value, included, excluded, wanted);
}

function names(
  list: NamedAttributes,
  definition: AttributeDefinition,
  schema: SchemaDefinition | undefined,
): boolean {
  return list.whole.has(definition) || (!!schema && list.whole.has(schema));
}

/**
 * The parts of a complex value to return: `returned` applies to each
 * sub-attribute as it does to attributes, and when only some
 * sub-attributes were asked for (`wanted`), only those are returned.
 */
function projectSubAttributes(
  definition: AttributeDefinition,
  value: JsonValue,
  included: NamedAttributes | undefined,
  excluded: NamedAttributes,
  wanted?: ReadonlySet<AttributeDefinition>,
): JsonValue | undefined {
  if (!definition.subAttributes) return value;
  const requested = included?.subAttributes.get(definition);
  const dropped = excluded.subAttributes.get(definition);
  const keep = definition.subAttributes.filter((sub) => {
    if (sub.returned === 'always') return true;
    if (sub.returned === 'never' || dropped?.has(sub)) return false;
    if (wanted) return wanted.has(sub);
    return sub.returned !== 'request' || !!requested?.has(sub);
  });

  const pick = (element: JsonValue): JsonValue[] => {
    if (!isJsonObject(element)) return [element];
    const picked: JsonObject = {};
    for (const sub of keep) {
      const member = element[sub.name];
      if (Object.hasOwn(element, sub.name) && member !== undefined) {
        picked[sub.name] = member;
      }
    }
    return Object.keys(picked).length > 0 ? [picked] : [];
  };
  const elements = Array.isArray(value) ? value.flatMap(pick) : pick(value);
  if (elements.length === 0) return undefined;
  return Array.isArray(value) ? elements : elements[0];
}

function resolveNames(list: readonly string[]): NamedAttributes {
  const whole = new Set<AttributeDefinition | SchemaDefinition>();
  const subAttributes = new Map<
    AttributeDefinition,
    Set<AttributeDefinition>
  >();
  for (const name of list) {
    const extension = findExtensionSchema(name);
    if (extension) {
      whole.add(extension);
      continue;
    }
    const path = resolveAttributePath(name);
    if (path?.subAttribute) {
      const subs = subAttributes.get(path.attribute) ?? new Set();
      subAttributes.set(path.attribute, subs.add(path.subAttribute));
    } else if (path) {
      whole.add(path.attribute);
    }
  }
  return { whole, subAttributes };
}

function isReturnedByDefault(definition: AttributeDefinition): boolean {
  return definition.returned !== 'never' && definition.returned !== 'request';
}
