import type { FerryMetrics } from './ferry-metrics.js';
import { scimOperationOf, scimOutcomeOf } from './scim-operation.js';

/** One answered request as the metrics count it. */
export interface AnsweredRequest {
  readonly method: string;
  /** The matched route pattern; undefined when no route matched. */
  readonly route: string | undefined;
  readonly status: number;
  readonly seconds: number;
}

/**
 * Counts and times a request by its route pattern, so that ids in paths
 * never become label values; requests no route matched are labelled
 * `unmatched`. Requests on the Users routes also count as SCIM operations.
 */
export function recordHttpRequest(
  metrics: FerryMetrics,
  request: AnsweredRequest,
): void {
  const labels = {
    method: request.method,
    route: request.route ?? 'unmatched',
    status: String(request.status),
  };
  metrics.httpRequests.inc(labels);
  metrics.httpRequestDuration.observe(labels, request.seconds);
  const operation = scimOperationOf(request.method, request.route);
  if (operation) {
    metrics.scimOperations.inc({
      operation,
      outcome: scimOutcomeOf(request.status),
    });
  }
}
