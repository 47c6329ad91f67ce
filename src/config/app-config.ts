import type { LevelWithSilent } from 'pino';

export type OktaCredentials =
  | { readonly kind: 'apiToken'; readonly token: string }
  | {
      readonly kind: 'privateKey';
      readonly clientId: string;
      /** PEM text or a JWK as JSON text. */
      readonly privateKey: string;
      readonly keyId: string | undefined;
    };

export interface OktaConfig {
  /** Without a trailing slash: the SDK doubles it otherwise. */
  readonly orgUrl: string;
  readonly credentials: OktaCredentials;
  /** An Okta search expression limiting which users are synced. */
  readonly userSearch: string | undefined;
}

export interface SyncConfig {
  readonly enabled: boolean;
  /** BullMQ cron pattern, seconds first. */
  readonly schedule: string;
  /** A run that would deactivate more than this share deactivates none. */
  readonly maxDeactivationShare: number;
}

/** How long the audit trail (the `<prefix>:events` stream) is kept. */
export interface AuditRetentionConfig {
  /** The stream is trimmed to about this many events at each write. */
  readonly maxEvents: number;
  /** Events older than this are trimmed periodically; 0 keeps them all. */
  readonly maxAgeDays: number;
}

/**
 * Bounds on what one client may ask of Ferry. Every one is answered with a
 * SCIM error (RFC 7644 §3.12) when exceeded.
 */
export interface RequestLimitsConfig {
  /** Requests per token per window, over all web processes; 0 is off. */
  readonly requestsPerToken: number;
  readonly requestWindowSeconds: number;
  /** Failed authentications per client address before it is blocked. */
  readonly authFailuresPerAddress: number;
  /** The window failures are counted in, and how long a block lasts. */
  readonly authFailureWindowSeconds: number;
  /** Deepest nesting of arrays and objects a request body may have. */
  readonly maxJsonDepth: number;
  /** Characters in a SCIM filter. */
  readonly maxFilterLength: number;
  /** Nesting levels of a SCIM filter: `(`, `[` and `not`. */
  readonly maxFilterDepth: number;
  readonly maxPatchOperations: number;
}

/** Everything Ferry reads from its environment, validated and frozen. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Undefined when REDIS_URL is unset; `npm start` may then run its own. */
  readonly redisUrl: string | undefined;
  /** Every Redis key starts with this; the braces make it a hash tag. */
  readonly redisKeyPrefix: string;
  /** The externally visible base URL, for `meta.location`. No trailing slash. */
  readonly publicUrl: string;
  readonly logLevel: LevelWithSilent;
  /** Start even when Redis may evict keys (it would silently drop users). */
  readonly allowEviction: boolean;
  readonly maxBodyBytes: number;
  readonly maxPageSize: number;
  readonly defaultPageSize: number;
  readonly okta: OktaConfig | undefined;
  /** Why sync is off, when `okta` is undefined. */
  readonly oktaDisabledReason: string | undefined;
  readonly sync: SyncConfig;
  readonly auditRetention: AuditRetentionConfig;
  readonly limits: RequestLimitsConfig;
  /**
   * Longest a request waits for Redis: for a lost connection to come back,
   * and for a command's reply. Past it the request is answered 503.
   */
  readonly redisTimeoutMs: number;
  /** /metrics asks for a full-access or read-only token. */
  readonly metricsTokenRequired: boolean;
  /**
   * Read the client address from X-Forwarded-For (the entry the nearest
   * proxy added). Only behind a proxy that sets it.
   */
  readonly trustProxy: boolean;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
