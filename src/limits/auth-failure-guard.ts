import type { RateLimit, RateLimitDecision } from './rate-limit.js';

/** Bounds memory when many addresses are blocked at once. */
const MAX_BLOCKED_ADDRESSES = 10_000;

/**
 * Blocks a client address after too many failed authentications. Failures
 * are counted in Redis, shared by every web process (a RateLimit whose
 * block lasts the window); a process that saw the limit crossed remembers
 * the block in memory, so requests from a blocked address are refused
 * without a Redis round trip, and requests from everyone else cost none.
 */
export class AuthFailureGuard {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly failures: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long `address` stays blocked, in ms; 0 when it is not. */
  blockedForMs(address: string): number {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left <= 0) this.blockedUntil.delete(address);
    return Math.max(0, left);
  }

  /** Counts a failure; refused once `address` has failed too often. */
  async recordFailure(address: string): Promise<RateLimitDecision> {
    const decision = await this.failures.take(address);
    if (!decision.allowed) this.block(address, decision.retryAfterMs);
    return decision;
  }

  private block(address: string, durationMs: number): void {
    if (this.blockedUntil.size >= MAX_BLOCKED_ADDRESSES) {
      const oldest = this.blockedUntil.keys().next();
      if (!oldest.done) this.blockedUntil.delete(oldest.value);
    }
    this.blockedUntil.set(address, this.now() + durationMs);
  }
}
