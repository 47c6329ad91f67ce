import {
  findAttribute,
  formatAttributePath,
  resolveAttributePath,
  type AttributePath,
} from '../schema/attribute-path.js';
import { invalidPath } from '../scim-error.js';
import { DEFAULT_FILTER_LIMITS, parseValueFilter } from './filter-parser.js';
import { describePosition } from './filter-tokenizer.js';
import type { PatchPath } from './patch-path.js';

/**
 * Parses a PATCH operation's `path` (RFC 7644 §3.5.2, the PATH rule:
 * `attrPath / valuePath [subAttr]`), resolved against the User schemas.
 *
 *     parsePatchPath('emails[type eq "work"].value')
 *     // { attribute: emails.value,
 *     //   valueFilter: { kind: 'comparison', path: emails.type,
 *     //                  operator: 'eq', value: 'work' } }
 *
 * A malformed path, or one naming no attribute, is 400 invalidPath. Errors
 * inside the brackets are 400 invalidFilter: RFC 7644 §3.12, Table 9 lists
 * invalidFilter for "PATCH (Path Filter)" and keeps invalidPath for the
 * path itself.
 */
export function parsePatchPath(text: string): PatchPath {
  const path = text.trim();
  if (path === '') {
    throw invalidPath(
      'The PATCH path is empty: name an attribute, such as name.givenName, ' +
        'or omit "path" to patch the whole resource.',
    );
  }
  if (path.length > DEFAULT_FILTER_LIMITS.maxLength) {
    throw invalidPath(
      `The PATCH path is ${path.length} characters long; the limit is ` +
        `${DEFAULT_FILTER_LIMITS.maxLength}.`,
    );
  }
  const openBracket = path.indexOf('[');
  if (openBracket === -1) {
    return { attribute: resolvePatchAttribute(path), valueFilter: undefined };
  }
  const outer = resolveFilteredAttribute(path.slice(0, openBracket));
  const { filter, end } = parseValueFilter(path, openBracket, outer);
  return {
    attribute: resolveTrailingSubAttribute(outer, path, end),
    valueFilter: filter,
  };
}

function resolvePatchAttribute(text: string): AttributePath {
  const attribute = resolveAttributePath(text);
  if (attribute) return attribute;
  throw invalidPath(
    `The PATCH path "${text}" names no User attribute. Use an attribute of ` +
      'the User schema (RFC 7643 §4.1), one of the enterprise extension ' +
      'prefixed with its URN (§4.3), or a sub-attribute such as ' +
      'name.familyName.',
  );
}

// The part before "[" must be a complex attribute: RFC 7644 §3.5.2's
// valuePath filters the elements of a multi-valued complex attribute.
function resolveFilteredAttribute(text: string): AttributePath {
  const attribute = resolvePatchAttribute(text);
  if (!attribute.subAttribute && attribute.attribute.type === 'complex') {
    return attribute;
  }
  throw invalidPath(
    `The PATCH path filters "${formatAttributePath(attribute)}", which is ` +
      'not a complex attribute: only attributes such as emails or ' +
      'addresses take a value filter "[...]".',
  );
}

function resolveTrailingSubAttribute(
  outer: AttributePath,
  path: string,
  end: number,
): AttributePath {
  const rest = path.slice(end);
  if (rest === '') return outer;
  const subAttribute = rest.startsWith('.')
    ? findAttribute(outer.attribute.subAttributes ?? [], rest.slice(1))
    : undefined;
  if (subAttribute) return { ...outer, subAttribute };
  const outerName = formatAttributePath(outer);
  const known = (outer.attribute.subAttributes ?? [])
    .map((candidate) => candidate.name)
    .join(', ');
  throw invalidPath(
    `Unexpected "${rest}" ${describePosition(end)} of the PATCH path: after ` +
      `"]" only "." and one sub-attribute of ${outerName} may follow ` +
      `(${known}).`,
  );
}
