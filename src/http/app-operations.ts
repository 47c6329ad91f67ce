import type { AuthFailureGuard } from '../limits/auth-failure-guard.js';
import type { RateLimit } from '../limits/rate-limit.js';
import type { FerryMetrics } from '../metrics/ferry-metrics.js';
import type { StoreReadiness } from '../storage/store-readiness.js';
import type { AuditEventReader } from './events-routes.js';

/**
 * What running Ferry in production adds to the app (web-operations.ts
 * builds it): readiness and metrics endpoints, the audit trail API, and
 * the limits kept in Redis. An app without it still serves SCIM.
 */
export interface AppOperations {
  readonly metrics: FerryMetrics;
  readonly readiness: () => Promise<StoreReadiness>;
  readonly auditEvents: AuditEventReader;
  /** Per-token request budget; absent when FERRY_RATE_LIMIT_REQUESTS=0. */
  readonly tokenRateLimit?: {
    readonly limit: RateLimit;
    readonly requests: number;
    readonly windowSeconds: number;
  };
  /** Absent when FERRY_AUTH_FAILURE_LIMIT=0. */
  readonly authFailures?: AuthFailureGuard;
}
