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
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
