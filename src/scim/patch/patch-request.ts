import { parsePatchPath } from '../filter/patch-path-parser.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import { getMember } from '../json-members.js';
import {
  findExtensionSchema,
  USER_RESOURCE_SCHEMAS,
} from '../schema/attribute-path.js';
import { PATCH_OP_SCHEMA } from '../schema/schema-urns.js';
import { invalidSyntax, invalidValue, noTarget } from '../scim-error.js';
import {
  locateError,
  type OperationPath,
  type PatchOperation,
} from './patch-operation.js';

export interface PatchRequestOptions {
  /** Most operations one request may hold; default 1000. */
  readonly maxOperations?: number;
}

export const DEFAULT_MAX_PATCH_OPERATIONS = 1000;

type Op = PatchOperation['op'];

const OPS: ReadonlySet<string> = new Set(['add', 'remove', 'replace']);

/**
 * Checks the body of a PATCH request (RFC 7644 §3.5.2) and returns its
 * operations with their paths parsed, so that nothing is applied unless the
 * whole request is well formed. Member names and `op` values are matched
 * case-insensitively: Entra ID sends "Replace", "Add" and "Remove".
 *
 * An operation whose path is qualified by a schema URN that the User does
 * not have, such as Entra ID's custom extensions, is dropped, as POST and
 * PUT ignore attributes of unknown schemas. A path that is just the
 * enterprise extension's URN addresses the whole extension.
 */
export function parsePatchRequest(
  body: unknown,
  options: PatchRequestOptions = {},
): PatchOperation[] {
  if (!isJsonObject(body)) {
    throw invalidSyntax(
      'The request body must be a JSON object holding a PatchOp message ' +
        '(RFC 7644 §3.5.2).',
    );
  }
  requirePatchOpSchema(getMember(body, 'schemas', 'The PatchOp message'));
  const operations = requireOperations(
    getMember(body, 'Operations', 'The PatchOp message'),
    options.maxOperations ?? DEFAULT_MAX_PATCH_OPERATIONS,
  );
  return operations.flatMap((operation, index) =>
    parseOperation(operation, index),
  );
}

// RFC 7644 §3.5.2 requires the PatchOp URN; Okta and Entra ID always send it.
function requirePatchOpSchema(schemas: JsonValue | undefined): void {
  const wanted = PATCH_OP_SCHEMA.toLowerCase();
  const listed =
    Array.isArray(schemas) &&
    schemas.some(
      (schema) => typeof schema === 'string' && schema.toLowerCase() === wanted,
    );
  if (!listed) {
    throw invalidSyntax(
      `"schemas" must be an array that includes "${PATCH_OP_SCHEMA}" ` +
        '(RFC 7644 §3.5.2).',
    );
  }
}

// Table 9 of RFC 7644 §3.12 keeps tooMany for searches, so a request with
// more operations than Ferry takes is an invalidValue.
function requireOperations(
  operations: JsonValue | undefined,
  maxOperations: number,
): JsonValue[] {
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidSyntax(
      '"Operations" must be an array of one or more operations ' +
        '(RFC 7644 §3.5.2).',
    );
  }
  if (operations.length > maxOperations) {
    throw invalidValue(
      `"Operations" holds ${operations.length} operations; Ferry takes at ` +
        `most ${maxOperations} in one PATCH. Split the change into several ` +
        'requests.',
    );
  }
  return operations;
}

function parseOperation(raw: JsonValue, index: number): PatchOperation[] {
  const where = `Operations[${index}]`;
  if (!isJsonObject(raw)) {
    throw invalidSyntax(
      `${where} must be an object with "op" and "path" or "value".`,
    );
  }
  const op = readOp(getMember(raw, 'op', where), where);
  const path = readPath(getMember(raw, 'path', where), where);
  const value = getMember(raw, 'value', where);

  if (path === undefined) return [pathless(op, value, index, where)];
  if (isUnknownSchemaPath(path)) return [];
  const extension = findExtensionSchema(path);
  if (extension) {
    return [wholeExtension(op, extension.id, value, index, where)];
  }
  const parsed = parsePath(path, where);
  if (op === 'remove') return [{ index, op, path: parsed, value }];
  return [{ index, op, path: parsed, value: requireValue(op, value, where) }];
}

function parsePath(text: string, where: string): OperationPath {
  try {
    return { text, parsed: parsePatchPath(text) };
  } catch (error) {
    throw locateError(error, where);
  }
}

function readOp(op: JsonValue | undefined, where: string): Op {
  const lower = typeof op === 'string' ? op.toLowerCase() : undefined;
  if (lower === undefined || !OPS.has(lower)) {
    throw invalidSyntax(
      `${where}.op must be "add", "remove" or "replace" (RFC 7644 §3.5.2).`,
    );
  }
  return lower as Op;
}

function readPath(
  path: JsonValue | undefined,
  where: string,
): string | undefined {
  if (path === undefined || path === null) return undefined;
  if (typeof path === 'string') return path.trim();
  throw invalidSyntax(
    `${where}.path must be a string such as "name.givenName".`,
  );
}

function pathless(
  op: Op,
  value: JsonValue | undefined,
  index: number,
  where: string,
): PatchOperation {
  if (op === 'remove') {
    throw noTarget(
      `${where}: a remove needs a "path" naming what to remove ` +
        '(RFC 7644 §3.5.2.2).',
    );
  }
  if (!isJsonObject(value)) {
    throw invalidValue(
      `${where}: ${withArticle(op)} without a "path" needs a "value" object ` +
        'holding the attributes to set (RFC 7644 §3.5.2).',
    );
  }
  return { index, op, path: undefined, value };
}

function requireValue(
  op: Op,
  value: JsonValue | undefined,
  where: string,
): JsonValue {
  if (value === undefined) {
    throw invalidValue(
      `${where}: ${withArticle(op)} needs a "value" ` +
        '(RFC 7644 §3.5.2.1, §3.5.2.3).',
    );
  }
  return value;
}

function isUnknownSchemaPath(path: string): boolean {
  const lower = path.toLowerCase();
  return (
    lower.startsWith('urn:') &&
    !USER_RESOURCE_SCHEMAS.some((schema) => {
      const urn = schema.id.toLowerCase();
      return lower === urn || lower.startsWith(`${urn}:`);
    })
  );
}

// `"path": "urn:...:enterprise:2.0:User"` is the same as no path and a value
// keyed by that URN; removing it unassigns every extension attribute.
function wholeExtension(
  op: Op,
  urn: string,
  value: JsonValue | undefined,
  index: number,
  where: string,
): PatchOperation {
  const content: JsonObject = {};
  if (op === 'remove') {
    content[urn] = null;
    return { index, op: 'replace', path: undefined, value: content };
  }
  content[urn] = requireValue(op, value, where);
  return { index, op, path: undefined, value: content };
}

function withArticle(op: Op): string {
  return op === 'add' ? 'an add' : `a ${op}`;
}
