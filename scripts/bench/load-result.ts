import type { SeededUser } from './scenarios.js';

/** What one load run measured, as the load generator prints it. */
export interface LoadResult {
  /** Responses received, whatever their status. */
  readonly responses: number;
  /** Requests handed to the connections, including unanswered ones. */
  readonly issued: number;
  readonly durationSeconds: number;
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Status code → count, to explain non-2xx answers. */
  readonly statusCounts: Readonly<Record<string, number>>;
  /** With LoadSpec.collectCreated: the users answered 201, in any order. */
  readonly created?: readonly SeededUser[];
}

/** The value below which `share` of the sorted samples fall. */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil(share * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)] ?? Number.NaN;
}
