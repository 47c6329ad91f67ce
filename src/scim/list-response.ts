import type { JsonObject } from './json.js';
import { LIST_RESPONSE_SCHEMA } from './schema/schema-urns.js';
import { invalidValue } from './scim-error.js';

export interface PagingLimits {
  /** Used when the client sends no `count`. */
  readonly defaultPageSize: number;
  /** A larger `count` is lowered to this (RFC 7644 §3.4.2.4). */
  readonly maxPageSize: number;
}

export interface PageRequest {
  /** 1-based. */
  readonly startIndex: number;
  /** 0 asks for `totalResults` only. */
  readonly count: number;
}

/**
 * Reads `startIndex` and `count` as RFC 7644 §3.4.2.4 says: a startIndex
 * below 1 is read as 1, a negative count as 0, and a count above the
 * maximum as the maximum. Values arrive as query-string text or, from
 * POST /.search, as JSON numbers; anything that is not a whole number is a
 * 400 invalidValue.
 */
export function parsePageRequest(
  input: { readonly startIndex?: unknown; readonly count?: unknown },
  limits: PagingLimits,
): PageRequest {
  const startIndex = readInteger(input.startIndex, 'startIndex') ?? 1;
  const count = readInteger(input.count, 'count') ?? limits.defaultPageSize;
  return {
    startIndex: Math.max(1, startIndex),
    count: Math.min(Math.max(0, count), limits.maxPageSize),
  };
}

/** RFC 7644 §3.4.2: `Resources` is present even when empty. */
export function buildListResponse(
  resources: readonly JsonObject[],
  page: { readonly totalResults: number; readonly startIndex: number },
): JsonObject {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: page.totalResults,
    startIndex: page.startIndex,
    itemsPerPage: resources.length,
    Resources: [...resources],
  };
}

function readInteger(value: unknown, name: string): number | undefined {
  // RFC 7643 §2.5: null is unassigned, as if the member were absent.
  if (value === undefined || value === null) return undefined;
  const number =
    typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)
      ? Number(value)
      : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw invalidValue(
      `${name} must be a whole number, such as ${name}=1; ` +
        `got ${describeInput(value)}.`,
    );
  }
  // Whole numbers beyond the safe range are still whole numbers: clamp
  // them, so the RFC's reading of small and large values applies to them.
  return Math.min(Math.max(number, -MAX_POSITION), MAX_POSITION);
}

const MAX_POSITION = Number.MAX_SAFE_INTEGER;

function describeInput(value: unknown): string {
  if (Array.isArray(value)) return 'several values';
  const text =
    typeof value === 'string'
      ? `"${value}"`
      : typeof value === 'number'
        ? String(value)
        : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
