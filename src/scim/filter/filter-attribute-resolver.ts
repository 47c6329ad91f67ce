import { defineAttribute } from '../schema/attribute-definition.js';
import {
  findAttribute,
  formatAttributePath,
  resolveAttributePath,
  type AttributePath,
} from '../schema/attribute-path.js';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from '../schema/enterprise-user-schema.js';
import { invalidFilter, type ScimError } from '../scim-error.js';
import { describePosition } from './filter-tokenizer.js';

/**
 * RFC 7644 §3.4.2.2 lets a client filter on `schemas` (RFC 7643 §3), as in
 * `schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`.
 * It is in no schema definition, so filters resolve it here. Its URNs are
 * compared case-insensitively, as attribute path URN prefixes are.
 */
export const SCHEMAS_ATTRIBUTE = defineAttribute('schemas', 'reference', {
  multiValued: true,
  required: true,
  mutability: 'readOnly',
  returned: 'always',
  referenceTypes: ['uri'],
});

const PATH_SEPARATOR = /[.:]/;

const SCHEMAS_PATH: AttributePath = {
  schema: undefined,
  attribute: SCHEMAS_ATTRIBUTE,
  subAttribute: undefined,
};

/**
 * Resolves an attribute path that stands on its own in a filter, such as
 * `name.familyName` or a URN-qualified one. Unknown attributes are 400
 * invalidFilter (RFC 7644 §3.4.2.2: the filter cannot be evaluated).
 */
export function resolveFilterAttribute(
  text: string,
  start: number,
): AttributePath {
  if (text.toLowerCase() === 'schemas') return SCHEMAS_PATH;
  const path = resolveAttributePath(text);
  if (!path) throw unknownAttribute(text, start);
  if (path.attribute.returned === 'never') {
    throw invalidFilter(
      `"${path.attribute.name}" ${describePosition(start)} cannot be ` +
        'filtered on: Ferry never stores it.',
    );
  }
  if (
    path.attribute.name === 'meta' &&
    path.subAttribute?.name === 'location'
  ) {
    // Built from FERRY_PUBLIC_URL on the way out; matching it against the
    // stored users would always answer as if no user had one.
    throw invalidFilter(
      `"meta.location" ${describePosition(start)} cannot be filtered on: ` +
        'filter on "id" instead.',
    );
  }
  return path;
}

/**
 * Resolves a name inside `outer[...]`: RFC 7644 §3.4.2.2 says the
 * expression there uses sub-attributes of `outer`, so `type` in
 * `emails[type eq "work"]` becomes `emails.type`.
 */
export function resolveFilterSubAttribute(
  outer: AttributePath,
  name: string,
  start: number,
): AttributePath {
  const subAttribute = PATH_SEPARATOR.test(name)
    ? undefined
    : findAttribute(outer.attribute.subAttributes ?? [], name);
  if (!subAttribute) {
    const outerName = formatAttributePath(outer);
    throw invalidFilter(
      `"${name}" ${describePosition(start)} is not a sub-attribute of ` +
        `"${outerName}"; inside ${outerName}[...] use one of: ` +
        `${listSubAttributes(outer)}.`,
    );
  }
  return { ...outer, subAttribute };
}

function unknownAttribute(text: string, start: number): ScimError {
  const dot = text.lastIndexOf('.');
  const parent = dot > 0 ? resolveAttributePath(text.slice(0, dot)) : undefined;
  if (parent && !parent.subAttribute) {
    const parentName = formatAttributePath(parent);
    const known = parent.attribute.subAttributes
      ? `its sub-attributes are ${listSubAttributes(parent)}`
      : 'it has no sub-attributes';
    return invalidFilter(
      `"${parentName}" has no sub-attribute "${text.slice(dot + 1)}" ` +
        `${describePosition(start)}: ${known}.`,
    );
  }
  const extension = findAttribute(
    ENTERPRISE_USER_SCHEMA_DEFINITION.attributes,
    text.split('.')[0] ?? '',
  );
  const hint = extension
    ? ` "${extension.name}" belongs to the enterprise extension: write ` +
      `${ENTERPRISE_USER_SCHEMA_DEFINITION.id}:${text}.`
    : ' Filters name attributes of the User schema (RFC 7643 §4.1), of ' +
      'the enterprise extension with its URN prefix (§4.3), or id, ' +
      'externalId, meta and schemas.';
  return invalidFilter(
    `Unknown attribute "${text}" ${describePosition(start)}.${hint}`,
  );
}

function listSubAttributes(path: AttributePath): string {
  return (path.attribute.subAttributes ?? [])
    .map((subAttribute) => subAttribute.name)
    .join(', ');
}
