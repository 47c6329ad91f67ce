import {
  parseAttributeList,
  type AttributeSelection,
} from './attribute-projection.js';
import type { FilterExpression } from './filter/filter-expression.js';
import { parseFilter, type FilterLimits } from './filter/filter-parser.js';
import { isJsonObject, type JsonValue } from './json.js';
import { getMember } from './json-members.js';
import {
  parsePageRequest,
  type PageRequest,
  type PagingLimits,
} from './list-response.js';
import { invalidSyntax, invalidValue } from './scim-error.js';

export type { AttributeSelection } from './attribute-projection.js';

/** RFC 7644 §3.4.3. */
export const SEARCH_REQUEST_SCHEMA =
  'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** A query for users, from GET /Users or POST /Users/.search. */
export interface SearchRequest {
  readonly filter: FilterExpression | undefined;
  readonly page: PageRequest;
  readonly selection: AttributeSelection;
}

/** A query string as Koa parses it. */
export type QueryParameters = Readonly<
  Record<string, string | string[] | undefined>
>;

/**
 * RFC 7644 §3.4.2: `filter`, `startIndex`, `count`, `attributes` and
 * `excludedAttributes`. Parameter names are matched case-insensitively, as
 * attribute names are. `sortBy` and `sortOrder` are ignored: the
 * ServiceProviderConfig says sorting is unsupported, and users come back
 * in creation order.
 */
export function searchFromQuery(
  query: QueryParameters,
  limits: PagingLimits,
  filterLimits: FilterLimits = {},
): SearchRequest {
  const read = (name: string) => queryParameter(query, name);
  const filter = read('filter');
  return {
    filter:
      filter === undefined
        ? undefined
        : parseFilter(single(filter, 'filter'), filterLimits),
    page: parsePageRequest(
      { startIndex: read('startIndex'), count: read('count') },
      limits,
    ),
    selection: selectionFromQuery(query),
  };
}

/** RFC 7644 §3.9: `attributes` and `excludedAttributes` on any request. */
/** The default selection: every attribute returned by default. */
export const DEFAULT_SELECTION: AttributeSelection = Object.freeze({});

export function selectionFromQuery(query: QueryParameters): AttributeSelection {
  const list = (name: string) => {
    const value = queryParameter(query, name);
    return value === undefined
      ? []
      : parseAttributeList([value].flat().join(','));
  };
  return {
    attributes: list('attributes'),
    excludedAttributes: list('excludedAttributes'),
  };
}

/**
 * RFC 7644 §3.4.3: the same query as a SearchRequest message, with
 * attribute lists as JSON arrays of names (a comma-separated string is
 * accepted too).
 */
export function searchFromBody(
  body: unknown,
  limits: PagingLimits,
  filterLimits: FilterLimits = {},
): SearchRequest {
  if (!isJsonObject(body)) {
    throw invalidSyntax(
      'The request body must be a JSON object holding a SearchRequest ' +
        '(RFC 7644 §3.4.3).',
    );
  }
  const where = 'The SearchRequest';
  requireSearchSchema(getMember(body, 'schemas', where));
  const filter = getMember(body, 'filter', where);
  return {
    filter:
      filter === undefined
        ? undefined
        : parseFilter(text(filter, 'filter'), filterLimits),
    page: parsePageRequest(
      {
        startIndex: getMember(body, 'startIndex', where),
        count: getMember(body, 'count', where),
      },
      limits,
    ),
    selection: {
      attributes: nameList(getMember(body, 'attributes', where), 'attributes'),
      excludedAttributes: nameList(
        getMember(body, 'excludedAttributes', where),
        'excludedAttributes',
      ),
    },
  };
}

function queryParameter(
  query: QueryParameters,
  name: string,
): string | string[] | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(query).find((key) => key.toLowerCase() === wanted);
  return key === undefined ? undefined : query[key];
}

function single(value: string | string[], name: string): string {
  if (typeof value === 'string') return value;
  throw invalidValue(
    `${name} was given ${value.length} times; give it once, combining ` +
      'conditions with "and" or "or".',
  );
}

function text(value: JsonValue, name: string): string {
  if (typeof value === 'string') return value;
  throw invalidValue(
    `"${name}" must be a string, such as "userName eq \\"x\\"".`,
  );
}

function nameList(value: JsonValue | undefined, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return parseAttributeList(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.flatMap((item) => parseAttributeList(item));
  }
  throw invalidValue(
    `"${name}" must be an array of attribute names, such as ["userName"].`,
  );
}

// A body without `schemas` is accepted, since nothing else could be meant
// at this endpoint; one naming another message is a mistake worth a 400.
function requireSearchSchema(schemas: JsonValue | undefined): void {
  if (schemas === undefined) return;
  const wanted = SEARCH_REQUEST_SCHEMA.toLowerCase();
  const listed =
    Array.isArray(schemas) &&
    schemas.some(
      (schema) => typeof schema === 'string' && schema.toLowerCase() === wanted,
    );
  if (!listed) {
    throw invalidSyntax(
      `"schemas" must be an array that includes "${SEARCH_REQUEST_SCHEMA}" ` +
        '(RFC 7644 §3.4.3).',
    );
  }
}
