import type { Logger } from 'pino';

import { systemClock, type Clock } from '../clock.js';
import type { RedisAuditTrail } from './redis-audit-trail.js';
import { errorSummary } from '../logging/error-summary.js';

export interface AuditRetentionOptions {
  readonly trail: Pick<RedisAuditTrail, 'trimOlderThan'>;
  /** FERRY_EVENTS_MAX_AGE_DAYS; 0 keeps events of any age. */
  readonly maxAgeDays: number;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** @defaultValue 600000 (10 minutes) */
  readonly intervalMs?: number;
}

export interface AuditRetention {
  stop(): void;
}

/**
 * Trims the audit trail by age now and then every `intervalMs`. The store
 * bounds it by count at each write (XADD MAXLEN ~); age needs a timer,
 * since a quiet directory writes nothing that would trim. Every web
 * process runs one: a trim is idempotent and removes nothing twice.
 */
export function startAuditRetention(
  options: AuditRetentionOptions,
): AuditRetention {
  if (options.maxAgeDays === 0) return { stop: () => undefined };
  const clock = options.clock ?? systemClock;
  const trim = () => {
    options.trail.trimOlderThan(options.maxAgeDays, clock()).then(
      (removed) => {
        if (removed > 0) {
          options.logger.info(
            { removed, maxAgeDays: options.maxAgeDays },
            'audit events trimmed',
          );
        }
      },
      (error: unknown) =>
        options.logger.warn(
          { error: errorSummary(error) },
          'audit events not trimmed',
        ),
    );
  };
  trim();
  const timer = setInterval(trim, options.intervalMs ?? 600_000);
  // A timer alone must not keep the process running.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
