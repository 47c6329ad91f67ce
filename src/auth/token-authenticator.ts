import type { Logger } from 'pino';

import { systemClock, type Clock } from '../clock.js';
import type { StoredToken } from './redis-token-store.js';
import type { TokenRole } from './token-role.js';
import { hashTokenSecret, tokenHashesEqual } from './token-secret.js';
import { errorSummary } from '../logging/error-summary.js';

/** Who made a request, once the bearer token checked out. */
export interface AuthenticatedToken {
  readonly name: string;
  readonly role: TokenRole;
}

export interface TokenAuthenticator {
  /** Undefined for a secret that is unknown, revoked or malformed. */
  authenticate(secret: string): Promise<AuthenticatedToken | undefined>;
}

export interface TokenLookup {
  findByHash(secretHash: string): Promise<StoredToken | undefined>;
  touch(secretHash: string, usedAt: Date): Promise<void>;
}

export interface CachingTokenAuthenticatorOptions {
  readonly store: TokenLookup;
  readonly logger: Logger;
  readonly clock?: Clock;
  /**
   * How long an answer, yes or no, is reused. Bounds how long a revoked
   * token keeps working on a web process. @defaultValue 5000
   */
  readonly cacheTtlMs?: number;
  /** Least time between two lastUsedAt writes per token. @defaultValue 60000 */
  readonly touchIntervalMs?: number;
  /** Bounds memory when clients send many bad secrets. @defaultValue 10000 */
  readonly maxCacheEntries?: number;
}

interface CacheEntry {
  readonly expiresAt: number;
  readonly answer: Promise<AuthenticatedToken | undefined>;
}

/** Longer than any secret Ferry makes; such input never reaches Redis. */
const MAX_SECRET_LENGTH = 256;

/**
 * Checks bearer secrets against the token store, caching each answer for a
 * few seconds so that a busy identity provider costs one Redis read per
 * token per few seconds, and a revoked token stops working within that time
 * on every web process. The cache is keyed by hash, never by the secret.
 */
export class CachingTokenAuthenticator implements TokenAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly lastTouchedAt = new Map<string, number>();
  private readonly clock: Clock;
  private readonly cacheTtlMs: number;
  private readonly touchIntervalMs: number;
  private readonly maxCacheEntries: number;

  constructor(private readonly options: CachingTokenAuthenticatorOptions) {
    this.clock = options.clock ?? systemClock;
    this.cacheTtlMs = Math.min(options.cacheTtlMs ?? 5000, 5000);
    this.touchIntervalMs = options.touchIntervalMs ?? 60_000;
    this.maxCacheEntries = options.maxCacheEntries ?? 10_000;
  }

  async authenticate(secret: string): Promise<AuthenticatedToken | undefined> {
    if (secret.length === 0 || secret.length > MAX_SECRET_LENGTH) {
      return undefined;
    }
    const secretHash = hashTokenSecret(secret);
    const now = this.clock();
    const token = await this.cachedLookup(secretHash, now.getTime());
    if (token) this.recordUse(secretHash, now);
    return token;
  }

  private cachedLookup(
    secretHash: string,
    now: number,
  ): Promise<AuthenticatedToken | undefined> {
    const cached = this.cache.get(secretHash);
    if (cached && cached.expiresAt > now) return cached.answer;

    const answer = this.lookup(secretHash);
    this.remember(secretHash, { expiresAt: now + this.cacheTtlMs, answer });
    // A failed lookup (Redis down) is not an answer; ask again next time.
    answer.catch(() => this.cache.delete(secretHash));
    return answer;
  }

  private async lookup(
    secretHash: string,
  ): Promise<AuthenticatedToken | undefined> {
    const stored = await this.options.store.findByHash(secretHash);
    if (!stored || !tokenHashesEqual(stored.secretHash, secretHash)) {
      return undefined;
    }
    return { name: stored.name, role: stored.role };
  }

  private remember(secretHash: string, entry: CacheEntry): void {
    this.cache.delete(secretHash);
    if (this.cache.size >= this.maxCacheEntries) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(secretHash, entry);
  }

  /** Fire and forget: a slow write must not hold up the request. */
  private recordUse(secretHash: string, now: Date): void {
    const last = this.lastTouchedAt.get(secretHash);
    if (last !== undefined && now.getTime() - last < this.touchIntervalMs) {
      return;
    }
    this.lastTouchedAt.set(secretHash, now.getTime());
    this.options.store.touch(secretHash, now).catch((error: unknown) => {
      this.options.logger.warn(
        { error: errorSummary(error) },
        'token last use not recorded',
      );
    });
  }
}
