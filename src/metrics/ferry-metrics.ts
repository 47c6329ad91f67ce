import {
  collectDefaultMetrics,
  Counter,
  Histogram,
  Registry,
} from 'prom-client';

/** The metrics the web process records as it serves. */
export interface FerryMetrics {
  readonly registry: Registry;
  /** By method, matched route pattern (never the URL) and status. */
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  readonly scimOperations: Counter<'operation' | 'outcome'>;
  /** ioredis `error` events: failed connects, dropped connections. */
  readonly redisErrors: Counter<'connection'>;
}

/**
 * A registry of its own rather than prom-client's global one, so that two
 * apps in one process (tests, the combined local launcher) never collide.
 * Includes Node's process metrics (CPU, memory, event loop lag).
 */
export function createFerryMetrics(): FerryMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  return {
    registry,
    httpRequests: new Counter({
      name: 'ferry_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status.',
      labelNames,
      registers: [registry],
    }),
    httpRequestDuration: new Histogram({
      name: 'ferry_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route and status.',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    scimOperations: new Counter({
      name: 'ferry_scim_operations_total',
      help:
        'SCIM operations on Users (create, replace, modify, delete, get, ' +
        'list) by outcome (success, client_error, server_error).',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    redisErrors: new Counter({
      name: 'ferry_redis_errors_total',
      help: 'Errors reported by a Redis connection (failed connects, drops).',
      labelNames: ['connection'],
      registers: [registry],
    }),
  };
}
