import type { PatchPath } from '../filter/patch-path.js';
import type { JsonObject, JsonValue } from '../json.js';
import { ScimError } from '../scim-error.js';

/** A PATCH operation's `path`: as sent, and parsed. */
export interface OperationPath {
  readonly text: string;
  readonly parsed: PatchPath;
}

/**
 * One checked operation of a PatchOp request (RFC 7644 §3.5.2). `index` is
 * its position in the request's `Operations`, for error details. Without a
 * path, `value` holds the attributes to add or replace; a remove always has
 * a path.
 */
export type PatchOperation =
  | {
      readonly index: number;
      readonly op: 'add' | 'replace';
      readonly path: undefined;
      readonly value: JsonObject;
    }
  | {
      readonly index: number;
      readonly op: 'add' | 'replace';
      readonly path: OperationPath;
      readonly value: JsonValue;
    }
  | {
      readonly index: number;
      readonly op: 'remove';
      readonly path: OperationPath;
      readonly value: JsonValue | undefined;
    };

/**
 * `error` with its detail prefixed by where it happened, such as
 * "Operations[2] (remove emails)", when it is a ScimError.
 */
export function locateError(error: unknown, where: string): unknown {
  if (!(error instanceof ScimError)) return error;
  return new ScimError(
    error.status,
    error.scimType,
    `${where}: ${error.detail}`,
    error.headers,
  );
}
